import { describe, expect, it } from 'vitest';
import { check } from '../../src/analysis/check.js';
import type { CheckReport } from '../../src/model/index.js';
import { renderCliHints } from '../../src/report/cli-hints.js';
import {
  NOW,
  caseFiles,
  checkInputOf,
  describeDifferences,
  differences,
  loadCase,
  type Difference,
  type LoadedCase,
} from './corpus-case.js';

/*
 * The scenario corpus: each test/corpus/<theme>/<case>.json gives check()'s inputs and what the
 * report must say (each case cites the AWS page that justifies it in `source`). A failure names the
 * case file and the differing field.
 */

const cases: LoadedCase[] = caseFiles().map(loadCase);

function compare(loaded: LoadedCase, report: CheckReport): Difference[] {
  const { notes, ...rest } = loaded.body.expect;
  const reportNotes = renderCliHints(report.notes);
  const found = differences(rest, { verdict: report.verdict, checks: report.checks });
  for (const note of notes?.contains ?? []) {
    if (!reportNotes.includes(note)) found.push({ path: '.notes.contains', expected: note, actual: reportNotes });
  }
  for (const words of notes?.mention ?? []) {
    if (!reportNotes.some((n) => n.includes(words)))
      found.push({ path: '.notes.mention', expected: words, actual: reportNotes });
  }
  return found;
}

describe('scenario corpus', () => {
  it('has cases in every theme', () => {
    const themes = new Set(cases.map((c) => c.theme));
    expect([...themes].sort()).toEqual([
      'boundary',
      'conditions',
      'global-profiles',
      'identity',
      'inference-profiles',
      'scp',
      'session',
    ]);
  });

  describe.each(cases.map((c) => [c.file, c] as const))('%s', (file, loaded) => {
    it(loaded.body.description, () => {
      const report = check(checkInputOf(loaded, NOW));
      const found = compare(loaded, report);
      expect(found, describeDifferences(file, found)).toEqual([]);
    });
  });
});

describe('corpus comparison', () => {
  it('names the differing field, and treats an expected null as "null or absent"', () => {
    const actual = { checks: [{ decision: 'allowed', deniedBy: null, statements: [{ sid: 'A' }] }] };
    expect(differences({ checks: [{ decision: 'allowed', deniedBy: null, conditions: null }] }, actual)).toEqual([]);
    expect(differences({ checks: [{ decision: 'implicit-deny' }] }, actual)).toEqual([
      { path: '.checks[0].decision', expected: 'implicit-deny', actual: 'allowed' },
    ]);
    expect(differences({ checks: [{ statements: [] }] }, actual)).toEqual([
      { path: '.checks[0].statements.length', expected: 0, actual: 1 },
    ]);
    expect(
      describeDifferences('test/corpus/x/y.json', [{ path: '.verdict', expected: 'allowed', actual: 'denied' }]),
    ).toBe('test/corpus/x/y.json: expect.verdict: expected "allowed", got "denied"');
  });

  it('rejects a case that does not match the schema, naming the file', () => {
    expect(() => loadCase(new URL('../corpus/case.schema.json', import.meta.url).pathname)).toThrow(
      /case\.schema\.json: does not match/,
    );
  });
});
