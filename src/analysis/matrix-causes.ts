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
  readonly finding: Finding;
  readonly model: string;
  readonly region: string;
  readonly cause: string;
  readonly predictedError?: Finding['predictedError'];
  readonly principals: string[];
  readonly fixes: Map<string, { fix: Fix; principals: string[] }>;
}

const PRINCIPAL = '<principal>';
const SEVERITY_ORDER = { error: 0, warning: 1, note: 2 } as const;

/**
 * One cause per distinct finding of a model (same rule, title, cause and checks), whichever principals it
 * concerns; its fixes are merged by the change they make, so a policy many principals share is changed
 * once. Cells must come sorted (principal, model): each cause lists its principals in that order.
 */
export function collectCauses(cells: readonly CellEntry[]): { causes: MatrixCause[]; causesOfCell: number[][] } {
  const builders = new Map<string, CauseBuilder>();
  const keysOfReport = new WeakMap<CheckReport, string[]>();
  const cellKeys: string[][] = [];
  for (const entry of cells) {
    let keys = keysOfReport.get(entry.report);
    if (!keys) {
      keys = entry.report.findings.map((finding) => causeKey(entry.cell.model, finding, entry.displayArn));
      keysOfReport.set(entry.report, keys);
    }
    cellKeys.push(keys);
    for (const [index, key] of keys.entries()) {
      const finding = entry.report.findings[index]!;
      let builder = builders.get(key);
      if (!builder) {
        builder = {
          finding,
          model: entry.cell.model,
          region: entry.cell.region,
          cause: finding.cause.split(entry.displayArn).join(entry.principalDisplayArn),
          ...(finding.predictedError
            ? { predictedError: replacePrincipal(finding.predictedError, entry.displayArn, entry.principalDisplayArn) }
            : {}),
          principals: [],
          fixes: new Map(),
        };
        builders.set(key, builder);
      }
      if (builder.principals.at(-1) !== entry.cell.principal) builder.principals.push(entry.cell.principal);
      const fixKeys = fixKeysOf(finding);
      for (const [fixIndex, fix] of finding.fixes.entries()) {
        const fixKey = fixKeys[fixIndex]!;
        let merged = builder.fixes.get(fixKey);
        if (!merged) {
          merged = { fix, principals: [] };
          builder.fixes.set(fixKey, merged);
        }
        if (merged.principals.at(-1) !== entry.cell.principal) merged.principals.push(entry.cell.principal);
      }
    }
  }

  const ordered = [...builders.entries()].sort(([, a], [, b]) => compareCauses(a, b));
  const indexOf = new Map(ordered.map(([key], index) => [key, index]));
  const causes = ordered.map(([, builder]) => toCause(builder));
  const causesOfCell = cellKeys.map((keys) => [...new Set(keys.map((key) => indexOf.get(key)!))].sort((a, b) => a - b));
  return { causes, causesOfCell };
}

// Many cells share one report: a finding's fix keys are computed once, not once per cell.
const fixKeysCache = new WeakMap<Finding, string[]>();

function fixKeysOf(finding: Finding): string[] {
  let keys = fixKeysCache.get(finding);
  if (!keys) {
    keys = finding.fixes.map((fix) =>
      JSON.stringify([
        fix.kind,
        fix.file,
        fix.location ?? null,
        fix.statement ?? null,
        fix.summary,
        fix.steps ?? null,
        fix.alternative ?? false,
        fix.together ?? null,
      ]),
    );
    fixKeysCache.set(finding, keys);
  }
  return keys;
}

function causeKey(model: string, finding: Finding, displayArn: string): string {
  return [
    model,
    finding.rule,
    finding.severity,
    finding.title,
    finding.cause.split(displayArn).join(PRINCIPAL),
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
    title: finding.title,
    model: builder.model,
    region: builder.region,
    cause: builder.cause,
    ...(builder.predictedError ? { predictedError: builder.predictedError } : {}),
    checks: finding.checks,
    principals: builder.principals,
    fixes,
    ...(finding.alternatives ? { alternatives: finding.alternatives } : {}),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
