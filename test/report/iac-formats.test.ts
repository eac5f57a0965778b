import { describe, expect, it } from 'vitest';
import { IAC_RULES } from '../../src/diagnose/iac-rules/index.js';
import { message, type IacFinding, type IacReport } from '../../src/model/index.js';
import {
  ANNOTATIONS_PER_LEVEL,
  escapeData,
  escapeProperty,
  formatIacGithub,
  iacGithubStepSummary,
} from '../../src/report/iac-github.js';
import { formatIacMarkdown, MAX_COMMENT_CHARACTERS } from '../../src/report/iac-markdown.js';
import { formatIacSarif } from '../../src/report/iac-sarif.js';

/** A message whose words quote its params as they come (an expression, and a reason the words do not know). */
function quoted(expression: string, reason: string): IacFinding['message'] {
  return message('value-unknown', { expression, reason, affects: 'app' });
}

const QUOTED_TAIL = ': the checks of app that depend on it are conditional or incomplete';

function finding(index: number, severity: IacFinding['severity'], extra: Partial<IacFinding> = {}): IacFinding {
  return {
    rule: 'broad-grant',
    severity,
    title: 'Bedrock granted on every resource',
    // The params are quoted as they come: characters to escape reach every format.
    message: quoted(`finding ${index}`, '100% of "*", a: b, c\nsecond line'),
    file: `modules/app ${index}/main.tf`,
    line: index + 1,
    column: 3,
    address: `module.app.aws_iam_role_policy.p[${index}]`,
    statement: 'p[0]',
    fingerprint: index.toString(16).padStart(32, '0'),
    ...extra,
  };
}

function report(findings: IacFinding[], extra: Partial<IacReport> = {}): IacReport {
  const count = (severity: string) => findings.filter((entry) => entry.severity === severity).length;
  return {
    schemaVersion: 1,
    kind: 'iac',
    tool: { name: 'policy-check', version: '0.0.0' },
    catalogDate: '2026-01-01',
    root: '.',
    config: null,
    account: null,
    region: 'us-east-1',
    regions: ['us-east-1'],
    models: ['amazon.nova-pro-v1:0'],
    modelsFrom: 'default',
    files: [],
    principals: [],
    cells: [],
    findings,
    suppressed: [],
    summary: {
      errors: count('error'),
      warnings: count('warning'),
      notes: count('note'),
      suppressed: 0,
      cells: { allowed: 0, denied: 0, conditional: 0, incomplete: 0 },
    },
    warnings: [],
    assumptions: [],
    notes: [],
    failOn: 'error',
    fails: count('error') > 0,
    ...extra,
  };
}

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts (escapeData, escapeProperty)
describe('workflow-command escaping', () => {
  it('escapes %, CR and LF in data, and also : and , in properties', () => {
    expect(escapeData('50%\r\nnext: a, b')).toBe('50%25%0D%0Anext: a, b');
    expect(escapeProperty('a: b, 50%\n')).toBe('a%3A b%2C 50%25%0A');
  });
});

describe('formatIacGithub', () => {
  const many = [
    ...Array.from({ length: 12 }, (_, index) => finding(index, 'error')),
    ...Array.from({ length: 3 }, (_, index) => finding(20 + index, 'warning')),
  ];

  it('annotates at most ANNOTATIONS_PER_LEVEL findings per level, each on one line', () => {
    const lines = formatIacGithub(report(many)).trim().split('\n');
    expect(lines.filter((line) => line.startsWith('::error '))).toHaveLength(ANNOTATIONS_PER_LEVEL);
    expect(lines.filter((line) => line.startsWith('::warning '))).toHaveLength(3);
    expect(lines[0]).toBe(
      `::error file=modules/app 0/main.tf,line=1,endLine=1,col=3,title=broad-grant%3A Bedrock granted on every resource::finding 0 is 100%25 of "*", a: b, c%0Asecond line${QUOTED_TAIL}`,
    );
    expect(lines.at(-1)).toContain('2 more than GitHub annotates are in the step summary');
  });

  it('puts the rest in the step summary, and nothing when all fit', () => {
    const summary = iacGithubStepSummary(report(many));
    expect(summary).toContain('2 finding(s) beyond the annotation limit');
    expect(summary).toContain(
      `| error | \`modules/app 10/main.tf:11\` | broad-grant | finding 10 is 100% of "*", a: b, c second line${QUOTED_TAIL} |`,
    );
    expect(summary).not.toContain('modules/app 9/main.tf');
    expect(iacGithubStepSummary(report(many.slice(0, 3)))).toBe('');
  });
});

describe('formatIacSarif', () => {
  it('one run; URIs relative and percent-encoded; startLine ≥ 1; rules with security-severity and tags', () => {
    const log = JSON.parse(formatIacSarif(report([finding(0, 'error', { line: 0, column: 0 })]), IAC_RULES));
    expect(log.runs).toHaveLength(1);
    const [result] = log.runs[0].results;
    expect(result.locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'modules/app%200/main.tf',
      uriBaseId: '%SRCROOT%',
    });
    expect(result.locations[0].physicalLocation.region.startLine).toBe(1);
    expect(result.partialFingerprints).toEqual({ 'policyCheckIac/v1': '0'.repeat(32) });
    expect(log.runs[0].tool.driver.rules[result.ruleIndex].id).toBe('broad-grant');
    for (const rule of log.runs[0].tool.driver.rules) {
      expect(rule.properties['security-severity']).toBeDefined();
      expect(rule.properties.tags.length).toBeGreaterThan(0);
    }
  });

  it('leaves suppressed findings out', () => {
    const suppressed = finding(1, 'warning');
    const log = JSON.parse(
      formatIacSarif(
        report([], {
          suppressed: [
            {
              finding: suppressed,
              suppression: { rule: 'broad-grant', path: '**', reason: 'r', expires: '2099-01-01', line: 2 },
            },
          ],
        }),
        IAC_RULES,
      ),
    );
    expect(log.runs[0].results).toEqual([]);
  });
});

describe('formatIacMarkdown', () => {
  it('stays within GitHub’s comment limit however many findings there are, and says how many it left out', () => {
    const findings = Array.from({ length: 3000 }, (_, index) => finding(index, 'error'));
    const text = formatIacMarkdown(report(findings));
    expect(text.length).toBeLessThanOrEqual(MAX_COMMENT_CHARACTERS);
    expect(text).toMatch(/…and \d+ more/);
  });

  it('escapes table cells', () => {
    const text = formatIacMarkdown(report([finding(0, 'warning', { message: quoted('a | b', 'c') })]));
    expect(text).toContain('a \\| b');
  });
});
