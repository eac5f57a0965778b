import type { IacReport as IacReportData } from '../model/index.js';
import { renderIac, sortedByWords } from './words/message-lists.js';

/** The report as schemas/iac.schema.json describes it: messages in words, and beside them as data (`…Codes`). */
export function formatIacJson(unrendered: IacReportData): string {
  const rendered = renderIac(unrendered);
  const report = {
    ...rendered,
    cells: rendered.cells.map((cell, index) => {
      const dependsOn = unrendered.cells[index]?.dependsOn;
      return dependsOn ? { ...cell, dependsOnCodes: dependsOn } : cell;
    }),
    assumptionCodes: sortedByWords(unrendered.assumptions).messages,
    noteCodes: sortedByWords(unrendered.notes).messages,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
