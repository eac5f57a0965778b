import type { AccessDiffReport } from '../model/index.js';

/** One JSON document per schemas/diff.schema.json. */
export function formatDiffJson(report: AccessDiffReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
