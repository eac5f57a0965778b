import type { CheckReport } from '../model/index.js';
import { renderCliHints } from './cli-hints.js';

/** One JSON document per schemas/report.schema.json. */
export function formatJson(report: CheckReport): string {
  return `${JSON.stringify(renderCliHints(report), null, 2)}\n`;
}
