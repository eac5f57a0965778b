import { cellReport, type AccessMatrix } from '../model/index.js';
import { type renderCliHints, renderScanHints } from './cli-hints.js';
import { checkJson, sortedByWords } from './words/message-lists.js';

/**
 * One JSON document per schemas/matrix.schema.json, in pieces: a large account's matrix is written cell
 * by cell instead of as one string. In the words of `policy-check scan`, or of the command that scanned (`render`).
 */
export function* matrixJsonChunks(
  unrendered: AccessMatrix,
  render: typeof renderCliHints = renderScanHints,
): Generator<string> {
  const { cells, results: _results, causes, principals: _principals, ...head } = unrendered;
  // The matrix's own lists, gathered from every result, in words sorted by the words, and beside them as data.
  const unresolved = sortedByWords(head.unresolved, render);
  const assumptions = sortedByWords(head.assumptions, render);
  const notes = sortedByWords(head.notes, render);
  const rendered = {
    ...render(head),
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
    const report = render(data);
    const entry = {
      principal: cell.principal,
      principalType: cell.principalType,
      model: cell.model,
      region: cell.region,
      verdict: cell.verdict,
      checks: data.checks.map((check) => checkJson(check, render)),
      findings: report.findings,
      unresolved: report.unresolved,
      unresolvedCodes: data.unresolved,
      causes: cell.causes,
    };
    yield `${index === 0 ? '\n' : ',\n'}${indent(JSON.stringify(entry, null, 2), 4)}`;
  }
  yield `${cells.length > 0 ? '\n  ' : ''}],\n  "causes": ${indent(JSON.stringify(render(causes), null, 2), 2).trimStart()}\n}\n`;
}

export function formatMatrixJson(matrix: AccessMatrix, render: typeof renderCliHints = renderScanHints): string {
  return [...matrixJsonChunks(matrix, render)].join('');
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}
