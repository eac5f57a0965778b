import type { CheckReport } from '../model/index.js';

/** One JSON document per schemas/report.schema.json. */
export function formatJson(report: CheckReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
