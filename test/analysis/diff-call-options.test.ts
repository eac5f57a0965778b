// Two matrices made with different call options answer different questions (an API-key call is also authorized as
// bedrock:CallWithBearerToken: https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-permissions.html):
// the diff says so per option, and is computed all the same.
import { describe, expect, it } from 'vitest';
import { callOptionNotes } from '../../src/analysis/diff-call-options.js';
import { diffFails, diffMatrices } from '../../src/analysis/diff.js';
import { renderCliHints } from '../../src/report/cli-hints.js';
import { cell, check, matrixOf } from '../helpers/diff-matrices.js';

describe('callOptionNotes', () => {
  it('says nothing when both sides were made alike, with or without options', () => {
    expect(callOptionNotes(undefined, undefined)).toEqual([]);
    expect(callOptionNotes({}, undefined)).toEqual([]);
    const options = { auth: { method: 'api-key' as const, kind: 'short-term' as const }, serviceTier: 'flex' };
    expect(callOptionNotes(options, { ...options })).toEqual([]);
  });

  it('names each option that differs with its old and new value (null: not given), in a fixed order', () => {
    expect(
      callOptionNotes(
        { serviceTier: 'flex', guardrail: { identifier: 'gr1', version: '1' } },
        {
          auth: { method: 'api-key', kind: 'long-term' },
          guardrail: { identifier: 'gr1', version: '2' },
          operations: ['InvokeModelWithBidirectionalStream'],
        },
      ),
    ).toEqual([
      { code: 'diff-call-option', params: { option: 'auth', old: null, new: 'api-key=long-term' } },
      { code: 'diff-call-option', params: { option: 'guardrail', old: 'gr1:1', new: 'gr1:2' } },
      { code: 'diff-call-option', params: { option: 'serviceTier', old: 'flex', new: null } },
      {
        code: 'diff-call-option',
        params: { option: 'operations', old: null, new: 'InvokeModelWithBidirectionalStream' },
      },
    ]);
  });

  it('an API key of unknown kind differs from a short-term one', () => {
    expect(
      callOptionNotes({ auth: { method: 'api-key' } }, { auth: { method: 'api-key', kind: 'short-term' } }),
    ).toEqual([{ code: 'diff-call-option', params: { option: 'auth', old: 'api-key', new: 'api-key=short-term' } }]);
  });
});

describe('diffMatrices of matrices made with different call options', () => {
  const before = matrixOf([cell([check('allowed')])]);
  const after = matrixOf([cell([check('implicit-deny')])], { callOptions: { auth: { method: 'api-key' } } });

  it('notes the difference in words, old → new', () => {
    const diff = diffMatrices(before, after);
    expect(renderCliHints(diff.notes)).toContain(
      'OLD and NEW were made with different call options: authentication (--auth) sigv4 → api-key; the cells ' +
        'compare differently made calls, so a change may come from the call, not the policies',
    );
  });

  it('still computes the diff, and --fail-on still fails on the access lost (the note hides nothing)', () => {
    const diff = diffMatrices(before, after);
    expect(diff.rows.map((row) => row.changes)).toEqual([['lost']]);
    expect(diffFails(diff, ['lost'])).toBe(true);
    expect(diffFails(diff, ['gained'])).toBe(false);
  });

  it('does not fail the run by itself: no cell changed, no failure', () => {
    const same = [cell([check('allowed')])];
    const diff = diffMatrices(matrixOf(same), matrixOf(same, { callOptions: { serviceTier: 'priority' } }));
    expect(diff.rows).toEqual([]);
    expect(diff.notes.map((note) => note.code)).toEqual(['diff-call-option']);
    expect(diffFails(diff, ['any'])).toBe(false);
  });
});
