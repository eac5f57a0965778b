import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/index.js';
import { escapeCell, escapeText, formatMarkdown } from '../../src/report/markdown.js';
import {
  ALL_FINDINGS,
  ALLOW_STATEMENT,
  CHECKS,
  IDENTITY_FINDING,
  IDENTITY_MESSAGE,
  MODEL_ACCESS_FINDING,
  report,
  SCP_FINDING,
  toConditional,
} from './reports.js';

const EMOJI = /\p{Extended_Pictographic}/u;

/** The rows of the checks table, split into cells on unescaped pipes. */
function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .map((line) =>
      line
        .slice(2, -2)
        .split(/(?<!\\) \| /)
        .map((cell) => cell.trim()),
    );
}

describe('formatMarkdown', () => {
  const markdown = formatMarkdown(report(ALL_FINDINGS));

  it('opens with the verdict as a status word, without emoji', () => {
    const [heading, , verdict] = markdown.split('\n');
    expect(heading).toBe('### policy-check: DENIED');
    expect(verdict).toBe('**Status: DENIED** — `amazon.nova-pro-v1:0` in `us-east-1`: 2 of 2 checks denied.');
    expect(EMOJI.test(markdown)).toBe(false);
    for (const verdict of ['allowed', 'conditional', 'incomplete'] as const) {
      const text = formatMarkdown(report([], { verdict }));
      expect(text.split('\n')[0]).toBe(`### policy-check: ${verdict.toUpperCase()}`);
      expect(EMOJI.test(text)).toBe(false);
    }
  });

  it('tables the checks: action, resource, decision, denied by, deciding statement file:line', () => {
    const rows = tableRows(markdown);
    expect(rows[0]).toEqual(['Action', 'Resource', 'Decision', 'Denied by', 'Deciding statement']);
    expect(rows).toHaveLength(2 + CHECKS.length);
    expect(rows[2]).toEqual([
      'bedrock:InvokeModel',
      CHECKS[0]!.resource,
      'implicit deny',
      'identity-based policy',
      '—',
    ]);
    expect(rows[3]).toEqual([
      'bedrock:InvokeModelWithResponseStream',
      CHECKS[1]!.resource,
      'explicit deny',
      'service control policy (level ou-workloads)',
      // The file name and Sid hold a pipe and a backtick: both escaped, so the row keeps five cells.
      'org/scp\\|region\\`.json:5 (Sid Deny\\`All\\|)',
    ]);
  });

  it('escapes pipes, backticks and markup in table cells and keeps them on one line', () => {
    expect(escapeCell('a|b`c')).toBe('a\\|b\\`c');
    expect(escapeCell('arn:aws:bedrock:*::foundation-model/*')).toBe('arn:aws:bedrock:\\*::foundation-model/\\*');
    expect(escapeCell('two\nlines')).toBe('two<br>lines');
  });

  it('shows each finding: the predicted error in a code block, the cause, the fix as JSON naming file and owner, the verification', () => {
    const section = markdown.slice(
      markdown.indexOf('##### 1. No identity-based policy allows the call'),
      markdown.indexOf('##### 2.'),
    );
    expect(section).toContain(`Predicted error:\n\n\`\`\`text\nAccessDeniedException: ${IDENTITY_MESSAGE}\n\`\`\``);
    expect(section).toContain(
      '**Cause:** The only statement of app.json allows catalog reads (bedrock:List\\*/Get\\*), not bedrock:InvokeModel.',
    );
    expect(section).toContain(
      '**Fix** (to be made by the owner of the identity-based policy): Allow both invoke actions on the model',
    );
    expect(section).toContain(
      `Statement for \`policies/app.json\`:\n\n\`\`\`json\n${JSON.stringify(ALLOW_STATEMENT, null, 2)}\n\`\`\``,
    );
    expect(section).toContain('**Verified:** 2 checks fixed, 0 opened elsewhere.');
    const order = ['Predicted error:', '**Cause:**', '**Where:**', '**Fix**', '```json', '**Verified:**'].map(
      (needle) => section.indexOf(needle),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('escapes markup in causes, and shows instructions as numbered steps', () => {
    expect(markdown).toContain(
      '**Cause:** Statement DenyOutsideUS denies every action outside us-east-1 \\| eu-west-1, with \\`aws:RequestedRegion\\` tested.',
    );
    expect(markdown).toContain(
      'Replace the statement at `org\\scp-region.json:5` (Sid DenyOutsideUS) \\[service control policy DenyOutsideUS\\] with:',
    );
    expect(markdown).toContain(
      '1. Sign in with a role allowed aws-marketplace:Subscribe\n2. Invoke the model once in us-east-1',
    );
    expect(markdown).toContain('**Not verified:** a subscription cannot be checked from policy files.');
    expect(MODEL_ACCESS_FINDING.predictedError).toBeUndefined();
  });

  it('lists alternatives when no verified fix exists', () => {
    const finding: Finding = { ...SCP_FINDING, fixes: [], alternatives: ['Ask for an exception OU'] };
    expect(formatMarkdown(report([finding]))).toContain(
      '**No verified fix.** What else can be done:\n\n- Ask for an exception OU',
    );
  });

  it('fences code blocks longer than any backtick run inside them', () => {
    const finding: Finding = {
      ...IDENTITY_FINDING,
      predictedError: { exception: 'ValidationException', message: 'bad ```input```' },
    };
    expect(formatMarkdown(report([finding]))).toContain('````text\nValidationException: bad ```input```\n````');
  });

  it('is deterministic and ends with one newline', () => {
    expect(formatMarkdown(report(ALL_FINDINGS))).toBe(markdown);
    expect(markdown.endsWith('</sub>\n')).toBe(true);
  });

  it('without findings: verdict, table and footer only', () => {
    const text = formatMarkdown(report([]));
    expect(text).not.toContain('Findings');
    expect(tableRows(text)).toHaveLength(2 + CHECKS.length);
  });
});

/**
 * What a CommonMark reader makes of escaped text: a backslash before ASCII punctuation is dropped,
 * and an autolink `<url>` shows the URL (CommonMark 0.31, "Backslash escapes" and "Autolinks").
 */
function readBack(markdown: string): string {
  return markdown.replace(
    /\\([!-/:-@[-`{-~])|<(https?:\/\/[^<>\s]*)>/g,
    (_match, escaped: string | undefined, url: string | undefined) => escaped ?? url ?? '',
  );
}

/** Markup characters left unescaped outside autolinks: each could start emphasis, a link, a tag or a cell. */
function unescapedMarkup(markdown: string): string[] {
  const outsideLinks = markdown.replace(/<https?:\/\/[^<>\s]*>/g, '');
  return [...outsideLinks.matchAll(/(?<!\\)(?:\\\\)*[`*_[\]<>|~]/g)].map((match) => match[0]);
}

describe('escapeText', () => {
  it('round-trips: a Markdown reader gets back exactly the text, ARN wildcards and underscores included', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            'a',
            '*',
            '_',
            '\\',
            '`',
            '<',
            '>',
            '|',
            '[',
            ']',
            '~',
            ' ',
            ':',
            '/',
            'h',
            'https://x.io/a_b ',
          ),
        }),
        (text) => {
          const escaped = escapeText(text);
          expect(readBack(escaped)).toBe(text);
          expect(unescapedMarkup(escaped)).toEqual([]);
        },
      ),
      { numRuns: 300, seed: 6 },
    );
    expect(escapeText('arn:aws:bedrock:*::foundation-model/my_model*')).toBe(
      'arn:aws:bedrock:\\*::foundation-model/my\\_model\\*',
    );
  });

  it('keeps a URL whole as an autolink: an escape inside it would end up in the link target', () => {
    const text =
      'with PutUseCaseForModelAccess (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_PutUseCaseForModelAccess.html), which needs';
    expect(escapeText(text)).toBe(
      'with PutUseCaseForModelAccess (<https://docs.aws.amazon.com/bedrock/latest/APIReference/API_PutUseCaseForModelAccess.html>), which needs',
    );
    expect(escapeText('see https://docs.aws.amazon.com/a.html#b.')).toBe('see <https://docs.aws.amazon.com/a.html#b>.');
  });
});

describe('formatMarkdown: a conditional verdict', () => {
  const conditional = report([], {
    verdict: 'conditional',
    checks: CHECKS.map(toConditional),
    summary: { allowed: 0, explicitDeny: 0, implicitDeny: 0, conditional: 2 },
  });
  const markdown = formatMarkdown(conditional);

  it('states the condition in the verdict line', () => {
    expect(markdown).toContain(
      '**Status: CONDITIONAL** — `amazon.nova-pro-v1:0` in `us-east-1`: allowed by the identity-based policy only if aws:SourceIp is in 203.0.113.0/24.',
    );
  });

  it('lists the condition with the requests, the statement as file:line and the flag that decides it', () => {
    expect(markdown).toContain(
      [
        '#### Conditions',
        '',
        '- **Allowed by the identity-based policy only if aws:SourceIp is in 203.0.113.0/24** (2 of 2 requests: the model in us-east-1, both actions)',
        '  - Where: `policies/app.json:4 (Sid Corp)`',
        "  - To decide it, give the request's values: `--context aws:SourceIp=…`",
      ].join('\n'),
    );
  });
});
