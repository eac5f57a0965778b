import type { CheckEntry, CheckReport } from './words/worded-reports.js';
import {
  type AccessMatrix,
  decidingStatements,
  type PolicyType,
  type ReportStatement,
  replacePrincipal,
} from '../model/index.js';
import { renderScanHints } from './cli-hints.js';
import { POLICY_TYPE_NAMES } from './fix-text.js';
import { statusWord, type StatusWord } from './status.js';
import { PLAIN } from './style.js';
import { textBlocks } from './text.js';

/** A statement that decided a check, as the page lists it. */
interface DecidingStatement {
  readonly effect: 'Allow' | 'Deny';
  readonly type: string;
  readonly policy: string;
  readonly arn?: string;
  /** file:line:column */
  readonly at: string;
  readonly sid?: string;
  readonly level?: string;
  /** How many of the report's checks it decides (or a conditional decision hangs on). */
  readonly checks: number;
}

/** One shared result's explanation: what the page shows when one of its cells is opened. */
interface ResultDetail {
  readonly status: StatusWord;
  /** The policy types whose denial stops a check (explicit or implicit, or a possible outcome), sorted. */
  readonly deniedBy: readonly PolicyType[];
  readonly statements: readonly DecidingStatement[];
  /** The text report's words (--verbose), one entry per block, the blocks split at blank lines. */
  readonly blocks: readonly (readonly string[])[];
}

/** What the page's script reads: every string of a detail goes into the page as text, never as markup. */
export interface MatrixPageData {
  readonly principals: readonly {
    readonly arn: string;
    readonly name: string;
    readonly type: string;
    readonly displayArn: string;
  }[];
  readonly models: readonly string[];
  readonly policyTypes: Readonly<Record<PolicyType, string>>;
  /**
   * Stands for the opened cell's caller (its displayArn) in every detail: results are shared by principals
   * with the same policies, and the page puts each one's own ARN back, as `cellReport` does.
   */
  readonly caller: string;
  /** Every distinct line of the explanations, once: results of the same model mostly say the same. */
  readonly lines: readonly string[];
  /**
   * The cells, principal by principal and model by model: result index × 8 + the cell's verdict code
   * (CELL_VERDICTS index, + 4 when it fails on an error finding), -1 where there is none. The page renders
   * its rows from these, a page at a time, and filters all of them.
   */
  readonly cells: readonly number[];
  /** How many rows a page of the table shows. */
  readonly pageSize: number;
  /** One per shared result; `blocks` hold indexes into `lines`. */
  readonly results: readonly (Omit<ResultDetail, 'blocks'> & { readonly blocks: readonly (readonly number[])[] })[];
}

/** The cell's verdict as the page filters it: a call that fails despite allowing policies counts as denied. */
export function cellVerdict(cell: AccessMatrix['cells'][number]): 'allowed' | 'denied' | 'conditional' | 'incomplete' {
  return cell.verdict === 'denied' || cell.fails ? 'denied' : cell.verdict;
}

/** The verdict classes of cells, in the order their codes (matrix page data) number them. */
const CELL_VERDICTS = ['allowed', 'denied', 'conditional', 'incomplete'] as const;

/** Rows per page of the HTML table: enough to scroll through, few enough to render at once for 10,000 principals. */
export const MATRIX_PAGE_SIZE = 100;

/** A cell's code in the page data (see MatrixPageData.cells). */
function cellCode(cell: AccessMatrix['cells'][number]): number {
  const fails = cell.fails && cell.verdict !== 'denied';
  return cell.result * 8 + CELL_VERDICTS.indexOf(cellVerdict(cell)) + (fails ? 4 : 0);
}

export function matrixPageData(matrix: AccessMatrix): MatrixPageData {
  const details = matrix.results.map((result) => ({
    displayArn: result.displayArn,
    detail: resultDetail(renderScanHints(result.report)),
  }));
  const caller = unusedCharacter(JSON.stringify(details));
  const lines = new Map<string, number>();
  const lineIndex = (line: string): number => {
    const index = lines.get(line) ?? lines.size;
    lines.set(line, index);
    return index;
  };
  const results = details.map(({ displayArn, detail }) => {
    const own = replacePrincipal(detail, displayArn, caller);
    return { ...own, blocks: own.blocks.map((block) => block.map(lineIndex)) };
  });
  const modelIndex = new Map(matrix.models.map((model, index) => [model, index]));
  const principalIndex = new Map(matrix.principals.map((principal, index) => [principal.arn, index]));
  const cells: number[] = new Array(matrix.principals.length * matrix.models.length).fill(-1);
  for (const cell of matrix.cells) {
    const p = principalIndex.get(cell.principal);
    const m = modelIndex.get(cell.model);
    if (p !== undefined && m !== undefined) cells[p * matrix.models.length + m] = cellCode(cell);
  }
  return {
    principals: matrix.principals.map(({ arn, name, type, displayArn }) => ({ arn, name, type, displayArn })),
    models: matrix.models,
    cells,
    pageSize: MATRIX_PAGE_SIZE,
    policyTypes: POLICY_TYPE_NAMES,
    caller,
    lines: [...lines.keys()],
    results,
  };
}

function resultDetail(report: CheckReport): ResultDetail {
  const deniedBy = new Set<PolicyType>();
  for (const check of report.checks) {
    if (check.deniedBy) deniedBy.add(check.deniedBy);
    for (const outcome of check.possibleOutcomes ?? []) deniedBy.add(outcome.deniedBy);
  }
  return {
    status: statusWord(report),
    deniedBy: [...deniedBy].sort(),
    statements: decidingStatementsOf(report.checks),
    blocks: textBlocks(report, PLAIN, { verbose: true }).flatMap(splitAtBlankLines),
  };
}

function splitAtBlankLines(block: readonly string[]): string[][] {
  const parts: string[][] = [[]];
  for (const line of block) {
    if (line === '') parts.push([]);
    else parts.at(-1)!.push(line);
  }
  return parts.filter((part) => part.length > 0);
}

/** The statements the checks' decisions rest on, each once, in the order the checks first name them. */
function decidingStatementsOf(checks: readonly CheckEntry[]): DecidingStatement[] {
  const found = new Map<string, { statement: ReportStatement; checks: number }>();
  for (const check of checks) {
    const statements = new Set<ReportStatement>([
      ...decidingStatements(check.decision, check.statements),
      ...(check.conditions ?? []).flatMap((condition) => condition.alternatives.map((entry) => entry.statement)),
      ...(check.possibleOutcomes ?? []).flatMap((outcome) => outcome.statements),
    ]);
    const keys = new Set<string>();
    for (const statement of statements) {
      const key = JSON.stringify(
        statement.builtIn
          ? [statement.policyType, statement.level, statement.policyArn ?? statement.policyName, statement.sid]
          : [statement.policyType, statement.level, statement.file, statement.line, statement.column],
      );
      if (keys.has(key)) continue;
      keys.add(key);
      const entry = found.get(key);
      if (entry) entry.checks += 1;
      else found.set(key, { statement, checks: 1 });
    }
  }
  // Denies first: they decide whatever allows.
  const ordered = [...found.values()].sort(
    (a, b) => Number(b.statement.effect === 'Deny') - Number(a.statement.effect === 'Deny'),
  );
  return ordered.map(({ statement, checks: count }) => ({
    effect: statement.effect,
    type: POLICY_TYPE_NAMES[statement.policyType],
    policy: statement.policyName,
    ...(statement.policyArn ? { arn: statement.policyArn } : {}),
    at: statement.builtIn ? 'built in' : `${statement.file}:${statement.line}:${statement.column}`,
    ...(statement.sid ? { sid: statement.sid } : {}),
    ...(statement.level ? { level: statement.level } : {}),
    checks: count,
  }));
}

/** The first private-use character the text does not hold: a placeholder no input string can collide with. */
function unusedCharacter(text: string): string {
  for (let code = 0xe000; code <= 0xf8ff; code++) {
    const char = String.fromCharCode(code);
    if (!text.includes(char)) return char;
  }
  throw new Error('every private-use character occurs in the matrix');
}
