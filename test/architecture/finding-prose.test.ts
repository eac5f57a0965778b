// Findings and fixes are data (a code and parameters, model/finding.ts), worded in report/words/
// (finding-words.ts, fix-words.ts). Rules not yet migrated still write their words below cli/ and report/:
// this ratchet counts those prose sites (a literal of four words or more in the value of a finding's or a
// fix's wording property) in diagnose/ and analysis/, and fails when the count goes up. Lower LIMIT when a
// migration lowers the count.
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proseSites, SRC, sourceFiles } from './prose-sites.js';

const NAMES = new Set(['title', 'cause', 'summary', 'steps', 'detail', 'alternatives', 'fixes', 'fix']);
// An IaC finding's message is data too (report/words/iac-finding-words.ts): in the IaC rules it counts as well.
const IAC_RULES = /^diagnose\/iac-rules\//;
const IAC_NAMES = new Set([...NAMES, 'message']);
// The explain signatures (what an error message means) are not findings: they are counted elsewhere if ever.
const EXPLAIN = /^diagnose\/explain\/|\/signatures\.ts$/;
// 241 before findings became data (2026-12-06, in 33 files); lower it with each rule that moves its words to report/words/.
// 120 after the merges of issue 12's last items (2026-12-06): the api-key-bidirectional-stream and vpc-endpoint-policy
// IaC rules and the endpoint warnings of a scan wrap findings that are still words.
// 63 after the policy gates' findings and the fix planner became data, 82 after the Marketplace and code-check
// findings did (2026-12-07, h7-gate and h7-code apart); together 25, of which 22 are
// rule descriptors' titles (metadata beside their help text, as issue 7 item 2 puts it in the rule's folder).
// 22 after the endpoint warning that may deny became data (2026-12-07, h7-rest): the descriptors' titles only.
const LIMIT = 22;

function sites(): string[] {
  return sourceFiles()
    .map((file) => relative(SRC, file).split(sep).join('/'))
    .filter((file) => /^(diagnose|analysis)\//.test(file) && !EXPLAIN.test(file))
    .flatMap((file) =>
      proseSites(readFileSync(`${SRC}${file}`, 'utf8'), IAC_RULES.test(file) ? IAC_NAMES : NAMES, file).map(
        (line) => `src/${file}:${line}`,
      ),
    );
}

describe('findings and fixes are data below cli/ and report/', () => {
  it(`no more than ${LIMIT} prose sites are left in diagnose/ and analysis/`, () => {
    const found = sites();
    expect(found.length, found.join('\n')).toBeLessThanOrEqual(LIMIT);
  });

  it('counts words written into a finding or a fix, and lets codes and parameters through', () => {
    const planted = [
      "const finding = { title: `${id} is not in the model catalog`, cause: 'the call fails whatever the permissions' };",
      "steps.push('Copy the id exactly, including any version suffix');",
      'const fix = { summary: `Call ${id} from a Region that offers it` };',
      "const data = { message: message('model-legacy', { modelId, region: 'us-east-1' }) };",
      "const fix2 = { message: message('check-model-id', { modelId }), verification: { detail: message('no-policy-change') } };",
    ].join('\n');
    expect(proseSites(planted, NAMES)).toEqual([1, 1, 2, 3]);
  });
});
