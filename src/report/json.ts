import type { CheckReport } from '../model/index.js';
import { renderCliHints } from './cli-hints.js';
import { checkJson } from './words/message-lists.js';

/**
 * One JSON document per schemas/report.schema.json: `unresolved`, `assumptions` and `notes` in words, as
 * schema version 1 has always had them, and the same messages as data (`…Codes`: code and parameters).
 */
export function formatJson(report: CheckReport): string {
  const json = {
    ...renderCliHints(report),
    checks: report.checks.map((check) => checkJson(check)),
    unresolvedCodes: report.unresolved,
    assumptionCodes: report.assumptions,
    noteCodes: report.notes,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
