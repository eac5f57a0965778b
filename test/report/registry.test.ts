// Issue 7, item 7: the reporter registry, name → formatter with its media type; the CLI writes every
// report through it and takes --format's choices from it.
import { describe, expect, it } from 'vitest';
import { explainReport } from '../../src/analysis/index.js';
import { explainError } from '../../src/diagnose/explain/index.js';
import { formatExplainJson, formatExplainText } from '../../src/report/explain.js';
import { formatJson } from '../../src/report/json.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import {
  CHECK_REPORTERS,
  DIFF_REPORTERS,
  EXPLAIN_REPORTERS,
  formatHelp,
  MATRIX_REPORTERS,
  reporterNamed,
  type Reporter,
} from '../../src/report/registry.js';
import { formatSarif } from '../../src/report/sarif.js';
import { COLOR, PLAIN } from '../../src/report/style.js';
import { formatText } from '../../src/report/text.js';
import { ALL_FINDINGS, report, RULE_DESCRIPTORS } from './reports.js';
import { shared } from './matrix-fixtures.js';
import { formatMatrixMarkdown } from '../../src/report/matrix-markdown.js';
import { formatMatrixSarif } from '../../src/report/matrix-sarif.js';

const CHECK = report(ALL_FINDINGS);
const EXPLAIN = explainReport(explainError('ValidationException: Operation not allowed'), null, '0.0.0-test');

describe('the reporter registry', () => {
  it.each([
    ['check', CHECK_REPORTERS],
    ['explain', EXPLAIN_REPORTERS],
    ['diff', DIFF_REPORTERS],
    ['scan', MATRIX_REPORTERS],
  ] as const)(
    '%s: names are unique, each with a media type and an extension',
    (_command, reporters: readonly Reporter<never>[]) => {
      const names = reporters.map((reporter) => reporter.name);
      expect(new Set(names).size).toBe(names.length);
      for (const reporter of reporters) {
        expect(reporter.mediaType).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
        expect(reporter.extension).toMatch(/^\.[a-z]+$/);
      }
    },
  );

  it('scan writes the matrix in each format through its formatter', () => {
    const sample = shared();
    const byName = (name: string) => reporterNamed(MATRIX_REPORTERS, name);
    expect(byName('markdown').format(sample, {})).toBe(formatMatrixMarkdown(sample));
    expect(byName('sarif').format(sample, { rules: RULE_DESCRIPTORS })).toBe(
      formatMatrixSarif(sample, RULE_DESCRIPTORS),
    );
    expect(() => byName('sarif').format(sample, {})).toThrow(/rules/);
    expect(Object.fromEntries(MATRIX_REPORTERS.map((reporter) => [reporter.name, reporter.mediaType]))).toMatchObject({
      markdown: 'text/markdown',
      sarif: 'application/sarif+json',
    });
  });

  it('gives the media types code scanning and browsers expect', () => {
    expect(Object.fromEntries(CHECK_REPORTERS.map((reporter) => [reporter.name, reporter.mediaType]))).toEqual({
      text: 'text/plain',
      json: 'application/json',
      sarif: 'application/sarif+json',
      markdown: 'text/markdown',
    });
  });

  it('each check reporter writes what its formatter writes', () => {
    const options = { style: COLOR, verbose: true, rules: RULE_DESCRIPTORS };
    expect(reporterNamed(CHECK_REPORTERS, 'text').format(CHECK, options)).toBe(
      formatText(CHECK, COLOR, { verbose: true }),
    );
    expect(reporterNamed(CHECK_REPORTERS, 'text').format(CHECK, {})).toBe(formatText(CHECK, PLAIN, { verbose: false }));
    expect(reporterNamed(CHECK_REPORTERS, 'json').format(CHECK, options)).toBe(formatJson(CHECK));
    expect(reporterNamed(CHECK_REPORTERS, 'sarif').format(CHECK, options)).toBe(formatSarif(CHECK, RULE_DESCRIPTORS));
    expect(reporterNamed(CHECK_REPORTERS, 'markdown').format(CHECK, options)).toBe(formatMarkdown(CHECK));
  });

  it('each explain reporter writes what its formatter writes', () => {
    expect(reporterNamed(EXPLAIN_REPORTERS, 'text').format(EXPLAIN, {})).toBe(formatExplainText(EXPLAIN));
    expect(reporterNamed(EXPLAIN_REPORTERS, 'json').format(EXPLAIN, {})).toBe(formatExplainJson(EXPLAIN));
  });

  it('only text output may carry colors', () => {
    expect(CHECK_REPORTERS.filter((reporter) => reporter.styled).map((reporter) => reporter.name)).toEqual(['text']);
    expect(reporterNamed(CHECK_REPORTERS, 'json').format(CHECK, { style: COLOR })).not.toContain('\u001b[');
  });

  it('SARIF refuses to run without the diagnosis rules rather than describe none', () => {
    expect(() => reporterNamed(CHECK_REPORTERS, 'sarif').format(CHECK, {})).toThrow(/rules/);
  });

  it('an unknown name is an error, not a default format', () => {
    expect(() => reporterNamed(CHECK_REPORTERS, 'html')).toThrow(/html/);
  });

  it('--format help lists every format with what it is for', () => {
    expect(formatHelp(CHECK_REPORTERS)).toBe(
      'output format: text, json (schemas/report.schema.json), sarif (SARIF 2.1.0 for code scanning) or markdown (a pull-request comment)',
    );
    expect(formatHelp(EXPLAIN_REPORTERS)).toBe('output format: text or json (schemas/explain.schema.json)');
  });
});
