// Every output format, by the name --format takes: the CLI's choices, its help and the README's row are
// read from these lists, and the CLI writes a report only through them.
import type { ExplainReport } from '../analysis/explain-report.js';
import type { AccessDiffReport, AccessMatrix, CheckReport, IacReport, IacRuleDescriptor } from '../model/index.js';
import { formatDiffJson } from './diff-json.js';
import { formatDiffMarkdown } from './diff-markdown.js';
import { formatDiffText } from './diff-text.js';
import { formatExplainJson, formatExplainText } from './explain.js';
import { formatIacGithub } from './iac-github.js';
import { formatIacJson } from './iac-json.js';
import { formatIacMarkdown } from './iac-markdown.js';
import { formatIacSarif } from './iac-sarif.js';
import { formatIacText } from './iac-text.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatMatrixHtml } from './matrix-html.js';
import { formatMatrixJson, matrixJsonChunks } from './matrix-json.js';
import { formatMatrixMarkdown } from './matrix-markdown.js';
import { formatMatrixSarif } from './matrix-sarif.js';
import { formatMatrixText } from './matrix-text.js';
import { formatSarif, type RuleDescriptor } from './sarif.js';
import { PLAIN, type Style } from './style.js';
import { formatText } from './text.js';

/** What a formatter may need besides the report; each reads only its own part. */
export interface FormatOptions {
  /** Text only: colors or PLAIN. */
  readonly style?: Style;
  /** Text only: every check and every warning in full. */
  readonly verbose?: boolean;
  /** SARIF only: the diagnosis rules to describe (the report layer cannot import the rule registry). */
  readonly rules?: readonly RuleDescriptor[];
  /** IaC SARIF only: the IaC rules to describe. */
  readonly iacRules?: readonly IacRuleDescriptor[];
}

export interface Reporter<R> {
  /** The --format value. */
  readonly name: string;
  readonly mediaType: string;
  /** The usual file name extension, with its dot. */
  readonly extension: string;
  /** What the format is for, shown after its name in --help; empty when the name says it. */
  readonly summary: string;
  /** Whether the output may carry terminal colors (only then does --color apply). */
  readonly styled: boolean;
  format(report: R, options: FormatOptions): string;
  /** The same text in pieces, for a report too large to hold as one string (the matrix's JSON). */
  chunks?(report: R, options: FormatOptions): Iterable<string>;
  /** False when the formatter reads none of a matrix's per-cell reports (`results`): the scan need not keep them. */
  readonly readsReports?: boolean;
}

export const CHECK_REPORTERS = [
  {
    name: 'text',
    mediaType: 'text/plain',
    extension: '.txt',
    summary: '',
    styled: true,
    format: (report: CheckReport, options: FormatOptions) =>
      formatText(report, options.style ?? PLAIN, { verbose: options.verbose === true }),
  },
  {
    name: 'json',
    mediaType: 'application/json',
    extension: '.json',
    summary: 'schemas/report.schema.json',
    styled: false,
    format: (report: CheckReport) => formatJson(report),
  },
  {
    name: 'sarif',
    mediaType: 'application/sarif+json',
    extension: '.sarif',
    summary: 'SARIF 2.1.0 for code scanning',
    styled: false,
    format: (report: CheckReport, options: FormatOptions) => {
      // Without the rules every diagnosis result would point at an undescribed rule.
      if (options.rules === undefined) throw new Error('SARIF output needs the diagnosis rules');
      return formatSarif(report, options.rules);
    },
  },
  {
    name: 'markdown',
    mediaType: 'text/markdown',
    extension: '.md',
    summary: 'a pull-request comment',
    styled: false,
    format: (report: CheckReport) => formatMarkdown(report),
  },
] as const satisfies readonly Reporter<CheckReport>[];

export const EXPLAIN_REPORTERS = [
  {
    name: 'text',
    mediaType: 'text/plain',
    extension: '.txt',
    summary: '',
    styled: false,
    format: (report: ExplainReport) => formatExplainText(report),
  },
  {
    name: 'json',
    mediaType: 'application/json',
    extension: '.json',
    summary: 'schemas/explain.schema.json',
    styled: false,
    format: (report: ExplainReport) => formatExplainJson(report),
  },
] as const satisfies readonly Reporter<ExplainReport>[];

/** The access matrix (`scan`): the table and its causes, the JSON of schemas/matrix.schema.json, Markdown or SARIF. */
export const MATRIX_REPORTERS = [
  {
    name: 'text',
    mediaType: 'text/plain',
    extension: '.txt',
    summary: '',
    styled: true,
    format: (matrix: AccessMatrix, options: FormatOptions) => formatMatrixText(matrix, options.style ?? PLAIN),
    readsReports: false,
  },
  {
    name: 'json',
    mediaType: 'application/json',
    extension: '.json',
    summary: 'schemas/matrix.schema.json',
    styled: false,
    format: (matrix: AccessMatrix) => formatMatrixJson(matrix),
    chunks: (matrix: AccessMatrix) => matrixJsonChunks(matrix),
  },
  {
    name: 'markdown',
    mediaType: 'text/markdown',
    extension: '.md',
    summary: 'a pull-request comment',
    styled: false,
    format: (matrix: AccessMatrix) => formatMatrixMarkdown(matrix),
    readsReports: false,
  },
  {
    name: 'sarif',
    mediaType: 'application/sarif+json',
    extension: '.sarif',
    summary: 'SARIF 2.1.0 for code scanning',
    styled: false,
    format: (matrix: AccessMatrix, options: FormatOptions) => {
      if (options.rules === undefined) throw new Error('SARIF output needs the diagnosis rules');
      return formatMatrixSarif(matrix, options.rules);
    },
  },
  {
    name: 'html',
    mediaType: 'text/html',
    extension: '.html',
    summary: 'one self-contained page with filters',
    styled: false,
    format: (matrix: AccessMatrix) => formatMatrixHtml(matrix),
  },
] as const satisfies readonly Reporter<AccessMatrix>[];

export const DIFF_REPORTERS = [
  {
    name: 'text',
    mediaType: 'text/plain',
    extension: '.txt',
    summary: '',
    styled: false,
    format: (report: AccessDiffReport) => formatDiffText(report),
  },
  {
    name: 'json',
    mediaType: 'application/json',
    extension: '.json',
    summary: 'schemas/diff.schema.json',
    styled: false,
    format: (report: AccessDiffReport) => formatDiffJson(report),
  },
  {
    name: 'markdown',
    mediaType: 'text/markdown',
    extension: '.md',
    summary: 'a pull-request comment',
    styled: false,
    format: (report: AccessDiffReport) => formatDiffMarkdown(report),
  },
] as const satisfies readonly Reporter<AccessDiffReport>[];

/** `policy-check iac`: findings at the repository's lines, and the access of its principals. */
export const IAC_REPORTERS = [
  {
    name: 'text',
    mediaType: 'text/plain',
    extension: '.txt',
    summary: '',
    styled: true,
    format: (report: IacReport, options: FormatOptions) => formatIacText(report, options.style ?? PLAIN),
  },
  {
    name: 'json',
    mediaType: 'application/json',
    extension: '.json',
    summary: 'schemas/iac.schema.json',
    styled: false,
    format: (report: IacReport) => formatIacJson(report),
  },
  {
    name: 'markdown',
    mediaType: 'text/markdown',
    extension: '.md',
    summary: 'a pull-request comment',
    styled: false,
    format: (report: IacReport) => formatIacMarkdown(report),
  },
  {
    name: 'sarif',
    mediaType: 'application/sarif+json',
    extension: '.sarif',
    summary: 'SARIF 2.1.0 for GitHub code scanning',
    styled: false,
    format: (report: IacReport, options: FormatOptions) => {
      if (options.iacRules === undefined) throw new Error('SARIF output needs the IaC rules');
      return formatIacSarif(report, options.iacRules);
    },
  },
  {
    name: 'github',
    mediaType: 'text/plain',
    extension: '.txt',
    summary: 'GitHub Actions annotations',
    styled: false,
    format: (report: IacReport) => formatIacGithub(report),
  },
] as const satisfies readonly Reporter<IacReport>[];

export type CheckFormat = (typeof CHECK_REPORTERS)[number]['name'];
export type ExplainFormat = (typeof EXPLAIN_REPORTERS)[number]['name'];
export type DiffFormat = (typeof DIFF_REPORTERS)[number]['name'];
export type MatrixFormat = (typeof MATRIX_REPORTERS)[number]['name'];
export type IacFormatName = (typeof IAC_REPORTERS)[number]['name'];

/** The reporter --format named; yargs has already refused any other name. */
export function reporterNamed<R>(reporters: readonly Reporter<R>[], name: string): Reporter<R> {
  const reporter = reporters.find((candidate) => candidate.name === name);
  if (!reporter) throw new Error(`no output format ${JSON.stringify(name)}`);
  return reporter;
}

/** "output format: text, json (schemas/report.schema.json) or …": the --format help, from the list. */
export function formatHelp(reporters: readonly Reporter<unknown>[]): string {
  const names = reporters.map((reporter) =>
    reporter.summary ? `${reporter.name} (${reporter.summary})` : reporter.name,
  );
  return `output format: ${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}
