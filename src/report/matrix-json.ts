import { cellReport, type AccessMatrix } from '../model/index.js';
import { renderCliHints } from './cli-hints.js';
import { checkJson, sortedByWords } from './words/message-lists.js';

/**
 * One JSON document per schemas/matrix.schema.json, in pieces: a large account's matrix is written cell
 * by cell instead of as one string.
 */
export function* matrixJsonChunks(unrendered: AccessMatrix): Generator<string> {
  const { cells, results: _results, causes, principals: _principals, ...head } = unrendered;
  // The matrix's own lists, gathered from every result, in words sorted by the words, and beside them as data.
  const unresolved = sortedByWords(head.unresolved);
  const assumptions = sortedByWords(head.assumptions);
  const notes = sortedByWords(head.notes);
  const rendered = {
    ...renderCliHints(head),
    unresolved: unresolved.words,
    assumptions: assumptions.words,
    notes: notes.words,
    unresolvedCodes: unresolved.messages,
    assumptionCodes: assumptions.messages,
    noteCodes: notes.messages,
  };
  const headText = JSON.stringify(rendered, null, 2);
  yield `${headText.slice(0, -2)},\n  "matrix": [`;
  for (const [index, cell] of cells.entries()) {
    const data = cellReport(unrendered, cell);
    const report = renderCliHints(data);
    const entry = {
      principal: cell.principal,
      principalType: cell.principalType,
      model: cell.model,
      region: cell.region,
      verdict: cell.verdict,
      checks: data.checks.map(checkJson),
      findings: report.findings,
      unresolved: report.unresolved,
      unresolvedCodes: data.unresolved,
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
