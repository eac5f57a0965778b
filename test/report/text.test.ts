import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/index.js';
import { COLOR } from '../../src/report/style.js';
import { formatText } from '../../src/report/text.js';
import {
  ALL_FINDINGS,
  ALLOW_STATEMENT,
  CHECKS,
  IDENTITY_FINDING,
  IDENTITY_MESSAGE,
  MODEL_ACCESS_FINDING,
  MODEL_ARN,
  report,
  SCP_FINDING,
  SCP_MESSAGE,
  toConditional,
} from './reports.js';

const VERDICT = 'DENIED  amazon.nova-pro-v1:0 in us-east-1: 2 of 2 checks denied';

describe('formatText with findings', () => {
  const text = formatText(report([IDENTITY_FINDING]));
  const lines = text.split('\n');

  it('keeps the verdict on the first line, then leads with the predicted error', () => {
    expect(lines[0]).toBe(VERDICT);
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe(`AccessDeniedException: ${IDENTITY_MESSAGE}`);
  });

  it('with --verbose orders each finding: predicted error, cause, fix, statement, verification, then every check', () => {
    const verbose = formatText(report([IDENTITY_FINDING]), undefined, { verbose: true });
    const at = (needle: string) => {
      const index = verbose.indexOf(needle);
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
      `  Fix: Allow both invoke actions on the model\n    statement for policies/app.json (to be made by the owner of the identity-based policy):\n${statement}\n    verified: 2 checks fixed, 0 opened elsewhere\n\n`,
    );
    // Issue 6: the fix says what to add once (its summary), not again as "add this statement to …".
    expect(text).not.toContain('add this statement');
    expect(text).toContain('  At: policies/app.json:4 (Sid ReadBedrockCatalog) [identity-based policy app.json]');
  });

  it('with --verbose shows the errors before the checks, each predicted error first in its block, and warnings in full after them', () => {
    const all = formatText(report(ALL_FINDINGS), undefined, { verbose: true });
    const firstCheck = all.indexOf('✗ implicit deny');
    const errors = ALL_FINDINGS.filter((finding) => finding.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    for (const heading of [`AccessDeniedException: ${IDENTITY_MESSAGE}`, `AccessDeniedException: ${SCP_MESSAGE}`]) {
      const index = all.indexOf(`\n${heading}\n  (`);
      expect(index, heading).toBeGreaterThan(0);
      expect(index).toBeLessThan(firstCheck);
    }
    const modelAccess = all.indexOf(MODEL_ACCESS_FINDING.title!);
    expect(modelAccess).toBeGreaterThan(0);
    if (MODEL_ACCESS_FINDING.severity === 'error') expect(modelAccess).toBeLessThan(firstCheck);
    else expect(modelAccess).toBeGreaterThan(firstCheck);
    expect(all).toContain(
      '    replace the statement at org\\scp-region.json:5 (Sid DenyOutsideUS) [service control policy DenyOutsideUS] with this one (to be made by an AWS Organizations administrator):',
    );
    expect(all).toContain(
      '    to be made by an administrator of the account:\n      1. Sign in with a role allowed aws-marketplace:Subscribe\n      2. Invoke the model once in us-east-1\n    not verified: a subscription cannot be checked from policy files\n',
    );
  });

  it('says when no verified fix exists, with the alternatives', () => {
    const finding: Finding = {
      ...SCP_FINDING,
      fixes: [],
      alternatives: ['Move the account to an OU without the Region deny'],
    };
    expect(formatText(report([finding]))).toContain(
      '  No verified fix; what else can be done:\n    - Move the account to an OU without the Region deny\n',
    );
  });

  it('colors the predicted error only when asked', () => {
    expect(formatText(report([IDENTITY_FINDING]), COLOR).split('\n')[2]).toBe(
      `\u001b[31m\u001b[1mAccessDeniedException: ${IDENTITY_MESSAGE}\u001b[22m\u001b[39m`,
    );
    expect(text).not.toContain('\u001b[');
  });
});

describe('formatText: the default layout', () => {
  const all = formatText(report(ALL_FINDINGS));

  it('shows each distinct predicted error once, with the requests it applies to, and no per-check listing', () => {
    expect(all.split(`AccessDeniedException: ${IDENTITY_MESSAGE}\n`)).toHaveLength(2);
    expect(all).toContain(
      `AccessDeniedException: ${IDENTITY_MESSAGE}\n  (2 of 2 requests: the model in us-east-1, both actions)\n  Cause: `,
    );
    expect(all).toContain(
      `AccessDeniedException: ${SCP_MESSAGE}\n  (1 of 2 requests: the model in us-east-1, InvokeModelWithResponseStream)\n  Cause: `,
    );
    expect(all).not.toContain('✗ ');
    expect(all).toContain('Every check and finding in full: --verbose');
  });

  it('merges findings that predict the same error under one heading', () => {
    const twin: Finding = { ...IDENTITY_FINDING, title: 'Twin', cause: 'Another cause of the same error.' };
    const text = formatText(report([IDENTITY_FINDING, twin]));
    expect(text.split(`AccessDeniedException: ${IDENTITY_MESSAGE}\n`)).toHaveLength(2);
    expect(text).toContain('  Cause: Another cause of the same error.');
  });

  it('shortens a warning that does not decide the verdict to one line with its fix', () => {
    expect(MODEL_ACCESS_FINDING.severity).toBe('warning');
    const line = all.split('\n').find((candidate) => candidate.includes(MODEL_ACCESS_FINDING.title!));
    expect(line).toBe(
      `  - warning: ${MODEL_ACCESS_FINDING.title}. Fix: ${MODEL_ACCESS_FINDING.fixes[0]!.summary!.charAt(0).toLowerCase()}${MODEL_ACCESS_FINDING.fixes[0]!.summary!.slice(1)}`,
    );
    expect(all).not.toContain('Sign in with a role allowed aws-marketplace:Subscribe');
  });

  it('shows a denied check that no error finding explains, so that no denial goes unmentioned', () => {
    const text = formatText(report([{ ...IDENTITY_FINDING, checks: [IDENTITY_FINDING.checks[0]!] }]));
    expect(text).toContain(
      `✗ explicit deny (service control policy)  bedrock:InvokeModelWithResponseStream on ${MODEL_ARN}`,
    );
    expect(text).not.toContain('✗ implicit deny');
  });

  it('names a condition that only some checks hang on in its own heading', () => {
    const [first, second] = CHECKS;
    const mixed = report([{ ...IDENTITY_FINDING, checks: [`${second!.action} on ${second!.resource}`] }], {
      checks: [toConditional(first!), second!],
      summary: { allowed: 0, explicitDeny: 1, implicitDeny: 0, conditional: 1 },
    });
    expect(formatText(mixed)).toContain(
      '\nAllowed by the identity-based policy only if aws:SourceIp is in 203.0.113.0/24\n  (1 of 2 requests: the model in us-east-1, InvokeModel)\n  At: policies/app.json:4 (Sid Corp) [identity-based policy app.json]\n',
    );
  });

  it('states the condition of a conditional verdict, the requests, where it is written and how to decide it', () => {
    const conditional = report([], {
      verdict: 'conditional',
      checks: CHECKS.map(toConditional),
      summary: { allowed: 0, explicitDeny: 0, implicitDeny: 0, conditional: 2 },
    });
    const lines = formatText(conditional).split('\n');
    expect(lines[0]).toBe(
      'CONDITIONAL  amazon.nova-pro-v1:0 in us-east-1: allowed by the identity-based policy only if aws:SourceIp is in 203.0.113.0/24',
    );
    expect(lines.slice(2, 5)).toEqual([
      'Condition (2 of 2 requests: the model in us-east-1, both actions)',
      '  At: policies/app.json:4 (Sid Corp) [identity-based policy app.json]',
      "  policy-check cannot know the request's values; to decide, give them: --context aws:SourceIp=…",
    ]);
  });
});

describe('formatText without findings', () => {
  it('with --verbose keeps the layout: the verdict, then the per-check lines', () => {
    const text = formatText(report([]), undefined, { verbose: true });
    expect(text.split('\n').slice(0, 7)).toEqual([
      VERDICT,
      '',
      'Every check:',
      '',
      '✗ implicit deny (no identity-based policy allows it)  bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
      '  (the foundation model in the source Region; aws:RequestedRegion=us-east-1)',
      `    ${IDENTITY_MESSAGE}`,
    ]);
    expect(text).not.toContain('Cause:');
    expect(text).not.toContain('Fix');
  });

  it('by default still lists every denied check, since no finding explains them', () => {
    expect(formatText(report([]))).toContain(
      `\n\n✗ implicit deny (no identity-based policy allows it)  bedrock:InvokeModel on ${MODEL_ARN}\n`,
    );
  });
});
