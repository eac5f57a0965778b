import type {
  AccessMatrix as AccessMatrixData,
  Assumption,
  CheckEntry as CheckEntryData,
  DiffableMatrix,
  Finding,
  Note,
  IacReport as IacReportData,
} from '../../model/index.js';
import { renderCliHints, renderIacHints, renderScanHints } from '../cli-hints.js';
import type { ReportMessage } from './message-words.js';
import type { AccessMatrix, CheckEntry, IacReport } from './worded-reports.js';

/** The words of each message, each once, sorted by the words; the messages in the same order. */
export function sortedByWords<M extends ReportMessage>(
  messages: readonly M[],
  render: (message: M) => string = renderCliHints,
): { words: string[]; messages: M[] } {
  const byWords = new Map<string, M>();
  for (const message of messages) {
    const words = render(message);
    if (!byWords.has(words)) byWords.set(words, message);
  }
  const words = [...byWords.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { words, messages: words.map((entry) => byWords.get(entry)!) };
}

/** The matrix in the words of `policy-check scan`; its own lists (gathered from every result) sorted by their words. */
export function renderMatrix(matrix: AccessMatrixData): AccessMatrix {
  // A cell holds no message (ARNs, ids, a verdict, indexes): the 200,000 cells of a large account are not walked.
  const { cells, ...rest } = matrix;
  return {
    ...renderScanHints(rest),
    cells,
    unresolved: sortedByWords(matrix.unresolved, renderScanHints).words,
    assumptions: sortedByWords(matrix.assumptions, renderScanHints).words,
    notes: sortedByWords(matrix.notes, renderScanHints).words,
  };
}

/**
 * The IaC report in words; its assumptions and notes (gathered from every matrix) sorted by their words. The
 * analysis sorts the findings by file, line and rule: the findings of one file, line and rule follow their words.
 */
export function renderIac(report: IacReportData): IacReport {
  const rendered = renderIacHints(report);
  return {
    ...rendered,
    findings: byWordsWithinPlace(rendered.findings, (finding) => finding),
    suppressed: byWordsWithinPlace(rendered.suppressed, (entry) => entry.finding),
    assumptions: sortedByWords(report.assumptions, renderIacHints).words,
    notes: sortedByWords(report.notes, renderIacHints).words,
  };
}

type IacFindingWords = IacReport['findings'][number];

/** Each run of consecutive entries at one file, line and rule sorted by the finding's words; the runs stay in order. */
function byWordsWithinPlace<T>(entries: readonly T[], findingOf: (entry: T) => IacFindingWords): T[] {
  const place = (entry: T) => {
    const finding = findingOf(entry);
    return `${finding.file}\u0000${finding.line}\u0000${finding.rule}`;
  };
  const sorted: T[] = [];
  for (let start = 0; start < entries.length; ) {
    let end = start + 1;
    while (end < entries.length && place(entries[end]!) === place(entries[start]!)) end++;
    const run = entries.slice(start, end);
    const words = (entry: T) => findingOf(entry).message;
    sorted.push(...run.sort((a, b) => (words(a) < words(b) ? -1 : words(a) > words(b) ? 1 : 0)));
    start = end;
  }
  return sorted;
}

/**
 * A check in the JSON reports: in words, and beside each possible denial's `dependsOn` its message as data
 * (`dependsOnCode`), for readers that match on codes rather than on words.
 */
export function checkJson(check: CheckEntryData, render: typeof renderCliHints = renderCliHints): CheckEntry {
  const rendered = render(check);
  if (!check.possibleOutcomes?.some((outcome) => outcome.dependsOn)) return rendered;
  return {
    ...rendered,
    possibleOutcomes: (rendered.possibleOutcomes ?? []).map((outcome, index) => {
      const dependsOn = check.possibleOutcomes?.[index]?.dependsOn;
      return dependsOn ? { ...outcome, dependsOnCode: dependsOn } : outcome;
    }),
  };
}

/**
 * A matrix computed in this run as the diff reads one from a report: its assumptions, notes and findings in the words
 * of the command that computed it (`render`).
 */
export function wordedDiffable(
  matrix: DiffableMatrix<Assumption, Note, Finding>,
  render: typeof renderCliHints,
): DiffableMatrix {
  return {
    ...matrix,
    matrix: matrix.matrix.map((cell) => ({ ...cell, findings: render(cell.findings) })),
    assumptions: sortedByWords(matrix.assumptions, render).words,
    notes: sortedByWords(matrix.notes, render).words,
  };
}
