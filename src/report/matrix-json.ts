import {
  cellDisplayArn,
  cellReport,
  replacePrincipalInText,
  type AccessMatrix,
  type CheckReport,
  type MatrixCell,
} from '../model/index.js';
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
  const reportText = reportTexts(unrendered, render);
  for (const [index, cell] of cells.entries()) {
    const head = JSON.stringify(
      {
        principal: cell.principal,
        principalType: cell.principalType,
        model: cell.model,
        region: cell.region,
        verdict: cell.verdict,
      },
      null,
      2,
    );
    const causesText = JSON.stringify({ causes: cell.causes }, null, 2);
    const entry = joinedObjects([indent(head, CELL_INDENT), reportText(cell), indent(causesText, CELL_INDENT)]);
    yield `${index === 0 ? '\n' : ',\n'}${entry}`;
  }
  yield `${cells.length > 0 ? '\n  ' : ''}],\n  "causes": ${indent(JSON.stringify(render(causes), null, 2), 2).trimStart()}\n}\n`;
}

export function formatMatrixJson(matrix: AccessMatrix, render: typeof renderCliHints = renderScanHints): string {
  return [...matrixJsonChunks(matrix, render)].join('');
}

/**
 * The JSON of what a cell shows of its report (checks, findings, unresolved), in words. Cells share their group's
 * result, computed for one principal: its JSON is written once, and each other principal's is that text with the
 * principal's ARN in place of the result's, as `cellReport` does in every string. That holds when the words treat
 * the ARN as opaque text; the first other principal of each result is therefore also written the long way and
 * compared, and a result whose two texts differ (or whose JSON has a `\u` escape) is written the long way for all.
 */
function reportTexts(matrix: AccessMatrix, render: typeof renderCliHints): (cell: MatrixCell) => string {
  const shared = new Map<number, { readonly text: CompactText; trusted?: boolean }>();
  // Indented as the cell's entry: 18 KB of text per cell is indented once per result, not once per cell.
  const longWay = (data: CheckReport): string => {
    const report = render(data);
    return indent(
      JSON.stringify(
        {
          checks: data.checks.map((check) => checkJson(check, render)),
          findings: report.findings,
          unresolved: report.unresolved,
          unresolvedCodes: data.unresolved,
        },
        null,
        2,
      ),
      CELL_INDENT,
    );
  };
  // A result's text is kept until its last cell is written: a large matrix's texts would not all fit at once.
  const cellsLeft = new Map<number, number>();
  for (const cell of matrix.cells) cellsLeft.set(cell.result, (cellsLeft.get(cell.result) ?? 0) + 1);
  const textOf = (cell: MatrixCell): string => {
    const result = matrix.results[cell.result]!;
    const displayArn = cellDisplayArn(matrix, cell);
    let known = shared.get(cell.result);
    let resultText: string | undefined;
    if (!known) {
      resultText = longWay(result.report);
      known = { text: compact(resultText), ...(resultText.includes('\\u') ? { trusted: false } : {}) };
      shared.set(cell.result, known);
    }
    if (displayArn === result.displayArn) return resultText ?? expand(known.text);
    if (known.trusted === false) return longWay(cellReport(matrix, cell));
    const quick = replacePrincipalInText(resultText ?? expand(known.text), result.displayArn, displayArn);
    if (known.trusted === undefined) {
      const text = longWay(cellReport(matrix, cell));
      shared.set(cell.result, { text: known.text, trusted: text === quick });
      return text;
    }
    return quick;
  };
  return (cell) => {
    const text = textOf(cell);
    const left = (cellsLeft.get(cell.result) ?? 1) - 1;
    cellsLeft.set(cell.result, left);
    if (left <= 0) shared.delete(cell.result);
    return text;
  };
}

// A text with a character beyond Latin-1 (an arrow in a fix's steps) is a two-byte string: kept as UTF-8, it takes
// half the memory (a large matrix keeps thousands until their last cell).
type CompactText = string | Uint8Array;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const compact = (text: string): CompactText => (/[\u0100-\u{10ffff}]/u.test(text) ? encoder.encode(text) : text);
const expand = (text: CompactText): string => (typeof text === 'string' ? text : decoder.decode(text));

/** A cell's entry is indented by four spaces in the "matrix" array. */
const CELL_INDENT = 4;
const PAD = ' '.repeat(CELL_INDENT);

/**
 * Objects as JSON.stringify(…, null, 2) writes them and `indent` indents them as a cell, as the one object of all their
 * entries would be written and indented.
 */
function joinedObjects(texts: readonly string[]): string {
  const edge = PAD.length + 2;
  const entries = texts.filter((text) => text !== `${PAD}{}`).map((text) => text.slice(edge, -edge));
  return entries.length === 0 ? `${PAD}{}` : `${PAD}{\n${entries.join(',\n')}\n${PAD}}`;
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return pad + text.replace(/\n/g, `\n${pad}`);
}
