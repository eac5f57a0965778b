import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/index.js';
import { COLOR } from '../../src/report/style.js';
import { formatText } from '../../src/report/text.js';
import { ALL_FINDINGS, ALLOW_STATEMENT, IDENTITY_FINDING, IDENTITY_MESSAGE, MODEL_ACCESS_FINDING, report, SCP_FINDING, SCP_MESSAGE } from './reports.js';

const VERDICT = 'DENIED  amazon.nova-pro-v1:0 in us-east-1: 2 of 2 checks denied';

describe('formatText with findings', () => {
  const text = formatText(report([IDENTITY_FINDING]));
  const lines = text.split('\n');

  it('keeps the verdict on the first line, then leads with the predicted error', () => {
    expect(lines[0]).toBe(VERDICT);
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe(`AccessDeniedException: ${IDENTITY_MESSAGE}`);
  });

  it('orders each finding: predicted error, cause, fix, statement, verification, then the per-check lines', () => {
    const at = (needle: string) => {
      const index = text.indexOf(needle);
      expect(index, needle).toBeGreaterThanOrEqual(0);
      return index;
    };
    const order = [
      at('AccessDeniedException: '),
      at('  Cause: The only statement of app.json'),
      at('  Fix: Allow both invoke actions on the model'),
      at('      "Sid": "InvokeNovaPro"'),
      at('    verified: 2 checks fixed, 0 opened elsewhere'),
      at('✗ implicit deny'),
      at('✗ explicit deny'),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('shows the statement JSON indented, the file to put it in and who must make the change', () => {
    const statement = JSON.stringify(ALLOW_STATEMENT, null, 2)
      .split('\n')
      .map((line) => `      ${line}`)
      .join('\n');
    expect(text).toContain(
      `  Fix: Allow both invoke actions on the model\n    add this statement to policies/app.json (to be made by the owner of the identity-based policy):\n${statement}\n    verified: 2 checks fixed, 0 opened elsewhere\n\n`,
    );
    expect(text).toContain('  At: policies/app.json:4 (Sid ReadBedrockCatalog) [identity-based policy app.json]');
  });

  it('shows the errors before the checks, each predicted error first in its block, and warnings after them', () => {
    const all = formatText(report(ALL_FINDINGS));
    const firstCheck = all.indexOf('✗ implicit deny');
    const errors = ALL_FINDINGS.filter((finding) => finding.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    for (const heading of [`AccessDeniedException: ${IDENTITY_MESSAGE}`, `AccessDeniedException: ${SCP_MESSAGE}`]) {
      const index = all.indexOf(`\n${heading}\n  Cause: `);
      expect(index, heading).toBeGreaterThan(0);
      expect(index).toBeLessThan(firstCheck);
    }
    const modelAccess = all.indexOf(MODEL_ACCESS_FINDING.title);
    expect(modelAccess).toBeGreaterThan(0);
    if (MODEL_ACCESS_FINDING.severity === 'error') expect(modelAccess).toBeLessThan(firstCheck);
    else expect(modelAccess).toBeGreaterThan(firstCheck);
    expect(all).toContain('    replace the statement at org\\scp-region.json:5 (Sid DenyOutsideUS) [service control policy DenyOutsideUS] with this one (to be made by an AWS Organizations administrator):');
    expect(all).toContain('    to be made by an administrator of the account:\n      1. Sign in with a role allowed aws-marketplace:Subscribe\n      2. Invoke the model once in us-east-1\n    not verified: a subscription cannot be checked from policy files\n');
  });

  it('says when no verified fix exists, with the alternatives', () => {
    const finding: Finding = { ...SCP_FINDING, fixes: [], alternatives: ['Move the account to an OU without the Region deny'] };
    expect(formatText(report([finding]))).toContain('  No verified fix; what else can be done:\n    - Move the account to an OU without the Region deny\n');
  });

  it('colors the predicted error only when asked', () => {
    expect(formatText(report([IDENTITY_FINDING]), COLOR).split('\n')[2]).toBe(`\u001b[31m\u001b[1mAccessDeniedException: ${IDENTITY_MESSAGE}\u001b[22m\u001b[39m`);
    expect(text).not.toContain('\u001b[');
  });
});

describe('formatText without findings', () => {
  it('keeps the layout: the verdict, then the per-check lines', () => {
    const text = formatText(report([]));
    expect(text.split('\n').slice(0, 5)).toEqual([
      VERDICT,
      '',
      '✗ implicit deny (no identity-based policy allows it)  bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
      '  (the foundation model in the source Region; aws:RequestedRegion=us-east-1)',
      `    ${IDENTITY_MESSAGE}`,
    ]);
    expect(text).not.toContain('Cause:');
    expect(text).not.toContain('Fix');
  });
});
