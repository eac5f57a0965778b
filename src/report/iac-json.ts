import { renderCliHints } from './cli-hints.js';
import type { IacReport } from '../model/index.js';

/** The report as schemas/iac.schema.json describes it. */
export function formatIacJson(unrendered: IacReport): string {
  // Hints in the analysis's notes and assumptions are codes; the CLI's words replace them here.
  const report = renderCliHints(unrendered);
  return `${JSON.stringify(report, null, 2)}\n`;
}
