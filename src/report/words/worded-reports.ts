// The reports as the formatters read them: every report message in words (renderCliHints makes them).
import type { ExplainReport as ExplainReportData } from '../../analysis/explain-report.js';
import type {
  AccessMatrix as AccessMatrixData,
  CheckEntry as CheckEntryData,
  CheckReport as CheckReportData,
  IacReport as IacReportData,
  MatrixFix as MatrixFixData,
  ReportOutcome as ReportOutcomeData,
} from '../../model/index.js';
import type { Worded } from './message-words.js';

export type CheckReport = Worded<CheckReportData>;
export type CheckEntry = Worded<CheckEntryData>;
export type ReportOutcome = Worded<ReportOutcomeData>;
export type AccessMatrix = Worded<AccessMatrixData>;
export type IacReport = Worded<IacReportData>;
export type ExplainReport = Worded<ExplainReportData>;
export type { WordedCause as MatrixCause, WordedFinding as Finding, WordedFix as Fix } from './message-words.js';
export type MatrixFix = Worded<MatrixFixData>;
