import type { AccessDiffReport } from '../model/index.js';
import { renderDiffHints } from './cli-hints.js';

/** One JSON document per schemas/diff.schema.json: notes in words, and beside them as data (`noteCodes`). */
export function formatDiffJson(report: AccessDiffReport): string {
  return `${JSON.stringify({ ...renderDiffHints(report), noteCodes: report.notes }, null, 2)}\n`;
}
