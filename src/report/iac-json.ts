import type { IacReport } from '../model/index.js';

/** The report as schemas/iac.schema.json describes it. */
export function formatIacJson(report: IacReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
