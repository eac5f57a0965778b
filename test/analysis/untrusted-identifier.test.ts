// Issue 6, "no false green": a --model id the catalog does not know (most often a typo, which AWS rejects
// with "ValidationException: The provided model identifier is invalid." whatever the permissions,
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html#API_runtime_InvokeModel_Errors)
// never gives an allowed verdict unless the user vouches for it with --trust-model.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '../../src/bedrock/index.js';
import { check, type CheckInput } from '../../src/analysis/check.js';
import { parsePrincipal } from '../../src/model/index.js';
import { renderCliHints } from '../../src/report/cli-hints.js';
import { doc, policy } from '../helpers/policies.js';

const allowAll = policy(doc({ Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' }));

function input(model: string, trustModel = false): CheckInput {
  return {
    identity: [allowAll],
    model,
    region: 'us-east-1',
    principal: parsePrincipal('arn:aws:iam::111122223333:role/App')!,
    actions: [],
    now: new Date('2026-11-27T12:00:00Z'),
    toolVersion: 'test',
    ...(trustModel ? { trustModel } : {}),
  };
}

describe('an id the catalog does not know', () => {
  it('a misspelt model id: not allowed, with an error finding naming the nearest catalog id', () => {
    const report = check(input('anthropic.claude-sonet-4-5-20250929-v1:0'));
    expect(report.verdict).toBe('incomplete');
    expect(renderCliHints(report.unresolved).join(' ')).toContain('--trust-model');
    const finding = renderCliHints(report.findings).find((f) => f.rule === 'model-access')!;
    expect(finding.severity).toBe('error');
    expect(finding.title).toContain('did you mean anthropic.claude-sonnet-4-5-20250929-v1:0');
  });

  it('with --trust-model: allowed, the finding a warning', () => {
    const report = check(input('anthropic.claude-sonet-4-5-20250929-v1:0', true));
    expect(report.verdict).toBe('allowed');
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a catalog model stays allowed without --trust-model', () => {
    expect(check(input('amazon.nova-pro-v1:0')).verdict).toBe('allowed');
  });

  // Property: any one-character edit of a catalog id that is not itself in the catalog is never allowed
  // without --trust-model, and always comes with an error finding.
  it('property: an edited catalog id is never allowed', () => {
    const catalog = shippedCatalog();
    const ids = catalog.models
      .map((m) => m.modelId)
      .filter((id) => catalog.models.find((m) => m.modelId === id)!.regions.size > 0);
    const edit = fc
      .record({
        id: fc.constantFrom(...ids),
        at: fc.nat(),
        ch: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'.split('')),
      })
      .map(({ id, at, ch }) => {
        const i = at % id.length;
        return id.slice(0, i) + ch + id.slice(i + 1);
      })
      .filter(
        (id) =>
          catalog.model(id) === undefined &&
          /^[a-z0-9-]+\.[a-z0-9.:-]+$/.test(id) &&
          !id.includes('..') &&
          !id.endsWith('.') &&
          !id.endsWith(':') &&
          !id.includes('::') &&
          !id.includes('.:') &&
          !id.includes(':.'),
      );
    fc.assert(
      fc.property(edit, (id) => {
        const report = check(input(id));
        if (report.input.modelKind !== 'foundation-model') return true;
        expect(report.verdict).not.toBe('allowed');
        expect(report.findings.some((f) => f.severity === 'error')).toBe(true);
        return true;
      }),
      { numRuns: 60 },
    );
  });
});
