import { cellReport, type AccessMatrix } from '../model/index.js';
import { renderCliHints } from './cli-hints.js';

/**
 * One JSON document per schemas/matrix.schema.json, in pieces: a large account's matrix is written cell
 * by cell instead of as one string.
 */
export function* matrixJsonChunks(unrendered: AccessMatrix): Generator<string> {
  const { cells, results: _results, causes, principals: _principals, ...head } = unrendered;
  const rendered = renderCliHints(head);
  const headText = JSON.stringify(rendered, null, 2);
  yield `${headText.slice(0, -2)},\n  "matrix": [`;
  for (const [index, cell] of cells.entries()) {
    const report = renderCliHints(cellReport(unrendered, cell));
    const entry = {
      principal: cell.principal,
      principalType: cell.principalType,
      model: cell.model,
      region: cell.region,
      verdict: cell.verdict,
      checks: report.checks,
      findings: report.findings,
      unresolved: report.unresolved,
      causes: cell.causes,
    };
    yield `${index === 0 ? '\n' : ',\n'}${indent(JSON.stringify(entry, null, 2), 4)}`;
  }
  yield `${cells.length > 0 ? '\n  ' : ''}],\n  "causes": ${indent(JSON.stringify(renderCliHints(causes), null, 2), 2).trimStart()}\n}\n`;
}

export function formatMatrixJson(matrix: AccessMatrix): string {
  return [...matrixJsonChunks(matrix)].join('');
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}
