import type { CheckReport } from '../model/index.js';

export type StatusWord = 'ALLOWED' | 'FAILS' | 'DENIED' | 'CONDITIONAL' | 'INCOMPLETE';

/** The verdict as every format shows it: FAILS when the policies allow the call but an error finding stops it. */
export function statusWord(report: Pick<CheckReport, 'verdict' | 'findings'>): StatusWord {
  switch (report.verdict) {
    case 'allowed':
      return report.findings.some((finding) => finding.severity === 'error') ? 'FAILS' : 'ALLOWED';
    case 'denied':
      return 'DENIED';
    case 'conditional':
      return 'CONDITIONAL';
    case 'incomplete':
      return 'INCOMPLETE';
  }
}

const SEVERITY_ORDER = { error: 0, warning: 1, note: 2 } as const;

/** Findings in the order every format reports them: errors, then warnings, then notes (stable within each). */
export function findingsInOrder<T extends { readonly severity: keyof typeof SEVERITY_ORDER }>(
  findings: readonly T[],
): T[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
