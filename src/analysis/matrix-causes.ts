import {
  replacePrincipal,
  type CheckReport,
  type Finding,
  type Fix,
  type MatrixCause,
  type MatrixCell,
  type MatrixFix,
} from '../model/index.js';

export interface CellEntry {
  readonly cell: Omit<MatrixCell, 'causes'>;
  /** The shared report the cell reads, computed for `displayArn`. */
  readonly report: CheckReport;
  readonly displayArn: string;
  /** The cell's own principal as AWS prints it. */
  readonly principalDisplayArn: string;
}

interface CauseBuilder {
  /** What the cause reads of its first finding (not the finding: its locations and fixes would stay with it). */
  readonly finding: Pick<Finding, 'rule' | 'severity' | 'title' | 'checks' | 'alternatives'>;
  readonly model: string;
  readonly region: string;
  /** The cause's words (a rule not yet migrated) or its message, naming the first principal; for ordering, its text. */
  readonly cause: string;
  readonly message?: Finding['message'];
  readonly predictedError?: Finding['predictedError'];
  readonly principals: string[];
  readonly fixes: Map<string, { fix: Fix; principals: string[] }>;
}

const PRINCIPAL = '<principal>';
const SEVERITY_ORDER = { error: 0, warning: 1, note: 2 } as const;

/**
 * The causes of some cells (sorted), before they are numbered: what a chunk of the matrix (one account) keeps
 * of its reports once they are dropped. One cause per distinct finding of a model (same rule, title, cause and
 * checks), whichever principals it concerns; its fixes are merged by the change they make, so a policy many
 * principals share is changed once. Cells must come sorted (principal, model): each cause lists its principals
 * in that order.
 */
export interface CauseChunk {
  readonly builders: Map<string, CauseBuilder>;
  readonly cellKeys: string[][];
}

export function causeChunk(cells: readonly CellEntry[]): CauseChunk {
  const builders = new Map<string, CauseBuilder>();
  // Many cells share one report: its findings' causes and merged fixes are looked up once per report.
  const ofReport = new WeakMap<CheckReport, ReportCauses>();
  const cellKeys: string[][] = [];
  // Each report has its own keys, equal to many another's: the cells keep one list per distinct set.
  const keySets = new Map<string, string[]>();
  for (const entry of cells) {
    let known = ofReport.get(entry.report);
    if (!known) {
      known = reportCauses(entry, builders);
      const joined = known.keys.join('\u0001');
      const keys = keySets.get(joined);
      if (keys) known = { ...known, keys };
      else keySets.set(joined, known.keys);
      ofReport.set(entry.report, known);
    }
    cellKeys.push(known.keys);
    const principal = entry.cell.principal;
    for (const [index, builder] of known.builders.entries()) {
      if (builder.principals.at(-1) !== principal) builder.principals.push(principal);
      for (const merged of known.fixes[index]!)
        if (merged.principals.at(-1) !== principal) merged.principals.push(principal);
    }
  }
  return { builders, cellKeys };
}

/**
 * The chunks' causes, numbered and sorted, and each cell's (chunks in cell order, so a later chunk's
 * principals and new fixes come after an earlier one's, as if their cells had been collected at once).
 */
export function finishCauses(chunks: readonly CauseChunk[]): { causes: MatrixCause[]; causesOfCell: number[][] } {
  const builders = new Map<string, CauseBuilder>();
  for (const chunk of chunks)
    for (const [key, builder] of chunk.builders) {
      const known = builders.get(key);
      if (!known) {
        builders.set(key, builder);
        continue;
      }
      known.principals.push(...builder.principals);
      for (const [fixKey, merged] of builder.fixes) {
        const fix = known.fixes.get(fixKey);
        if (fix) fix.principals.push(...merged.principals);
        else known.fixes.set(fixKey, merged);
      }
    }

  const ordered = [...builders.entries()].sort(([, a], [, b]) => compareCauses(a, b));
  const indexOf = new Map(ordered.map(([key], index) => [key, index]));
  const causes = ordered.map(([, builder]) => toCause(builder));
  const indicesOf = new Map<string[], number[]>();
  const causesOfCell = chunks.flatMap((chunk) =>
    chunk.cellKeys.map((keys) => {
      let indices = indicesOf.get(keys);
      if (!indices) {
        indices = [...new Set(keys.map((key) => indexOf.get(key)!))].sort((a, b) => a - b);
        indicesOf.set(keys, indices);
      }
      return indices;
    }),
  );
  return { causes, causesOfCell };
}

/** A report's findings as causes: each finding's key, its cause, and its fixes as merged into that cause. */
interface ReportCauses {
  readonly keys: string[];
  readonly builders: CauseBuilder[];
  readonly fixes: { fix: Fix; principals: string[] }[][];
}

/** Finds or starts the cause of each finding of the cell's report, and the merged entry of each of its fixes. */
function reportCauses(entry: CellEntry, builders: Map<string, CauseBuilder>): ReportCauses {
  const keys = entry.report.findings.map((finding) => causeKey(entry.cell.model, finding, entry.displayArn));
  const found = entry.report.findings.map((finding, index) => {
    const key = keys[index]!;
    let builder = builders.get(key);
    if (!builder) {
      builder = {
        finding: {
          rule: finding.rule,
          severity: finding.severity,
          title: finding.title,
          checks: finding.checks,
          alternatives: finding.alternatives,
        },
        model: entry.cell.model,
        region: entry.cell.region,
        ...causeOf(finding, entry.displayArn, entry.principalDisplayArn),
        ...(finding.predictedError
          ? { predictedError: replacePrincipal(finding.predictedError, entry.displayArn, entry.principalDisplayArn) }
          : {}),
        principals: [],
        fixes: new Map(),
      };
      builders.set(key, builder);
    }
    const fixes = finding.fixes.map((fix) => {
      const fixKey = fixKeyOf(fix);
      let merged = builder.fixes.get(fixKey);
      if (!merged) {
        merged = { fix, principals: [] };
        builder.fixes.set(fixKey, merged);
      }
      return merged;
    });
    return { builder, fixes };
  });
  return { keys, builders: found.map((item) => item.builder), fixes: found.map((item) => item.fixes) };
}

function fixKeyOf(fix: Fix): string {
  return JSON.stringify([
    fix.kind,
    fix.file,
    fix.location ?? null,
    fix.statement ?? null,
    fix.summary ?? null,
    fix.message ?? null,
    fix.steps ?? null,
    fix.alternative ?? false,
    fix.together ?? null,
  ]);
}

function causeKey(model: string, finding: Finding, displayArn: string): string {
  return [
    model,
    finding.rule,
    finding.severity,
    finding.title ?? '',
    causeOf(finding, displayArn, PRINCIPAL).cause,
    finding.checks.join(';'),
  ].join('\u0000');
}

function compareCauses(a: CauseBuilder, b: CauseBuilder): number {
  return (
    SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] ||
    compare(a.model, b.model) ||
    compare(a.finding.rule, b.finding.rule) ||
    b.principals.length - a.principals.length ||
    compare(a.cause, b.cause) ||
    compare(a.finding.checks.join(';'), b.finding.checks.join(';'))
  );
}

function toCause(builder: CauseBuilder): MatrixCause {
  const { finding } = builder;
  const fixes: MatrixFix[] = [...builder.fixes.values()].map(({ fix, principals }) => ({ fix, principals }));
  return {
    rule: finding.rule,
    severity: finding.severity,
    ...(builder.message ? { message: builder.message } : { title: finding.title }),
    model: builder.model,
    region: builder.region,
    ...(builder.message ? {} : { cause: builder.cause }),
    ...(builder.predictedError ? { predictedError: builder.predictedError } : {}),
    checks: finding.checks,
    principals: builder.principals,
    fixes,
    ...(finding.alternatives ? { alternatives: finding.alternatives } : {}),
  };
}

/**
 * The finding's cause with `displayArn` replaced by `principal`: its words, or for a finding that is data its
 * message with the parameters replaced (and, to order causes, the message as text).
 */
function causeOf(
  finding: Finding,
  displayArn: string,
  principal: string,
): { cause: string; message?: NonNullable<Finding['message']> } {
  if (!finding.message) return { cause: (finding.cause ?? '').split(displayArn).join(principal) };
  const replace = (text: string) => text.split(displayArn).join(principal);
  const params = Object.fromEntries(
    Object.entries(finding.message.params).map(([key, value]) => [
      key,
      typeof value === 'string' ? replace(value) : Array.isArray(value) ? value.map(replace) : value,
    ]),
  );
  const message = { code: finding.message.code, params };
  return { cause: JSON.stringify(message), message };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
