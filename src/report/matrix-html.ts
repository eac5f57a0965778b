import type { AccessMatrix } from './words/worded-reports.js';
import type { AccessMatrix as AccessMatrixData } from '../model/index.js';
import { formatInputIssue, type MatrixCell, type PolicyType } from '../model/index.js';
import { renderMatrix } from './words/message-lists.js';
import { POLICY_TYPE_NAMES } from './fix-text.js';
import { cspHash, escapeHtml, jsonForScript } from './html-text.js';
import { cellVerdict, MATRIX_PAGE_SIZE, matrixPageData } from './matrix-html-data.js';
import { MATRIX_PAGE_SCRIPT } from './matrix-html-script.js';
import { MATRIX_PAGE_STYLE } from './matrix-html-style.js';
import { cellSymbol, computedText, countsText, scopeText } from './matrix-text.js';
import { callOptionsLine } from './call-options-text.js';

let contentSecurityPolicy: string | undefined;

/**
 * Nothing may be fetched: only the inline style and script with exactly these hashes run. Hashed on first
 * use: every CLI run loads this module, and hashing the script costs a one-shot check a sizeable share of its time.
 */
function pageContentSecurityPolicy(): string {
  contentSecurityPolicy ??= [
    "default-src 'none'",
    `script-src ${cspHash(MATRIX_PAGE_SCRIPT)}`,
    `style-src ${cspHash(MATRIX_PAGE_STYLE)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return contentSecurityPolicy;
}

const VERDICT_CHOICES = [
  ['allowed', '✓ allowed'],
  ['denied', '✗ denied'],
  ['conditional', '? conditional'],
  ['incomplete', '? incomplete'],
] as const;

/**
 * The matrix as one self-contained HTML page (a file:// URL, a CI artifact): the table with filters by
 * principal, model, verdict and the policy type that denies; a cell opens its explanation in the text
 * report's words. The table is markup, so it reads without the script; the explanations are data, one
 * per shared result, turned into text by the script. Deterministic: the same matrix gives the same bytes.
 */
export function formatMatrixHtml(unrendered: AccessMatrixData): string {
  const matrix = renderMatrix(unrendered);
  const data = matrixPageData(unrendered);
  const modelOptions = matrix.models.map((model, index) => option(String(index), model)).join('');
  const policyTypes = Object.entries(POLICY_TYPE_NAMES) as [PolicyType, string][];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(pageContentSecurityPolicy())}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>policy-check: Bedrock access matrix</title>
<style>${MATRIX_PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>Bedrock access matrix</h1>
<p class="summary" id="summary"><strong>${escapeHtml(countsText(matrix))}</strong> (${escapeHtml(scopeText(matrix))})</p>
<p class="meta">${escapeHtml(accountsText(matrix))}</p>
${callHtml(matrix)}</header>
<form id="filters" role="search" aria-label="Filter the matrix">
<label for="f-principal">Principal<input id="f-principal" type="search" placeholder="name or ARN" autocomplete="off"></label>
<label for="f-model">Model<select id="f-model">${option('', 'all models')}${modelOptions}</select></label>
<label for="f-verdict">Verdict<select id="f-verdict">${option('', 'any verdict')}${VERDICT_CHOICES.map(([value, label]) => option(value, label)).join('')}</select></label>
<label for="f-denier">Denied by<select id="f-denier">${option('', 'any policy type')}${policyTypes.map(([value, label]) => option(value, label)).join('')}</select></label>
<output id="shown" for="f-principal f-model f-verdict f-denier">${matrix.principals.length} of ${matrix.principals.length} principals shown</output>
</form>
<main>
<div class="table-wrap">
${pagerHtml(matrix)}
${tableHtml(matrix)}
<p class="legend"><span>✓ allowed</span><span>✗ denied</span><span>? conditional or incomplete</span><span>select a cell for its explanation</span></p>
</div>
<p id="announce" class="sr-only" aria-live="polite"></p>
<section id="detail" aria-label="Explanation of the selected cell"><p class="hint">Select a cell to see its verdict, the error AWS returns, the statements that decide it and the verified fix.</p></section>
</main>
${notesHtml(matrix)}<footer>${escapeHtml(computedText(matrix))}</footer>
<script type="application/json" id="matrix-data">${jsonForScript(data)}</script>
<script>${MATRIX_PAGE_SCRIPT}</script>
</body>
</html>
`;
}

/** Paging for a matrix of more principals than a page shows: the script renders each page from the data. */
function pagerHtml(matrix: AccessMatrix): string {
  const total = matrix.principals.length;
  const hidden = total <= MATRIX_PAGE_SIZE ? ' hidden' : '';
  return `<nav id="pager" aria-label="Pages of the table"${hidden}><button type="button" id="page-prev">← Previous</button> <span id="page-info">principals 1–${Math.min(total, MATRIX_PAGE_SIZE)} of ${total}</span> <button type="button" id="page-next">Next →</button></nav>`;
}

function tableHtml(matrix: AccessMatrix): string {
  const cells = new Map<string, MatrixCell>();
  for (const cell of matrix.cells) cells.set(`${cell.principal}\u0000${cell.model}`, cell);
  const head = matrix.models.map((model) => `<th scope="col" class="model"><span>${escapeHtml(model)}</span></th>`);
  // The first page as markup, so that the page reads without the script; the script renders every page.
  const rows = matrix.principals.slice(0, MATRIX_PAGE_SIZE).map((principal, index) => {
    const row = matrix.models.map((model) => {
      const cell = cells.get(`${principal.arn}\u0000${model}`);
      return cell ? `<td>${cellButton(cell)}</td>` : '<td>–</td>';
    });
    return `<tr data-p="${index}"><th scope="row"><span class="type">${principal.type}</span> <span class="name">${escapeHtml(principal.name)}</span><div class="arn">${escapeHtml(principal.arn)}</div></th>${row.join('')}</tr>`;
  });
  return `<table id="matrix">
<caption class="sr-only">Principals (rows) × models (columns): ✓ allowed, ✗ denied, ? conditional or incomplete</caption>
<thead><tr><th scope="col">Principal</th>${head.join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

/** A cell: its symbol, and in words for assistive technology ("fails": allowed by the policies, stopped by an error). */
function cellButton(cell: MatrixCell): string {
  const verdict = cellVerdict(cell);
  const label = cell.fails && cell.verdict !== 'denied' ? 'fails' : verdict;
  return `<button type="button" class="v-${verdict}" data-r="${cell.result}" aria-pressed="false" aria-label="${label}">${cellSymbol(cell)}</button>`;
}

function accountsText(matrix: AccessMatrix): string {
  const accounts = matrix.accounts.map((account) => {
    const extract = account.managedPolicyExtract
      ? `; AWS managed policies as of ${account.managedPolicyExtract.date}`
      : '';
    return `account ${account.id} (${account.source}${extract})`;
  });
  return `${accounts.join(', ')}; actions ${matrix.actions.join(', ')}`;
}

function notesHtml(matrix: AccessMatrix): string {
  const sections = [
    ['Could not be evaluated', matrix.unresolved],
    ['Assumptions', matrix.assumptions],
    ['Notes', matrix.notes],
    ['Warnings', (matrix.warnings ?? []).map(formatInputIssue)],
  ] as const;
  const html = sections
    .filter(([, items]) => items.length > 0)
    .map(
      ([title, items]) => `<h2>${title}</h2><ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`,
    );
  return html.length > 0 ? `<section class="notes">${html.join('')}</section>\n` : '';
}

function option(value: string, label: string): string {
  return `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`;
}

/** The call every cell stands for, when an option changed it (API key, guardrail, service tier): one line. */
function callHtml(matrix: AccessMatrix): string {
  const line = callOptionsLine(matrix);
  return line ? `<p class="meta" id="call">${escapeHtml(line)}</p>\n` : '';
}
