/**
 * The page's only script (plain ES2020, inlined and allowed by its hash): filters the table and opens a
 * cell's explanation. It reads the data block and writes every string as text (textContent), never as
 * markup, so nothing in a policy can run.
 */
export const MATRIX_PAGE_SCRIPT = `(() => {
  'use strict';
  const data = JSON.parse(document.getElementById('matrix-data').textContent);
  const table = document.getElementById('matrix');
  const rows = Array.from(table.tBodies[0].rows);
  const detail = document.getElementById('detail');
  const controls = {
    principal: document.getElementById('f-principal'),
    model: document.getElementById('f-model'),
    verdict: document.getElementById('f-verdict'),
    denier: document.getElementById('f-denier'),
  };
  const shown = document.getElementById('shown');

  const el = (tag, className, ...children) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    for (const child of children) node.append(child);
    return node;
  };

  function cellMatches(button) {
    const verdict = controls.verdict.value;
    const denier = controls.denier.value;
    if (verdict && !button.classList.contains('v-' + verdict)) return false;
    if (denier && !data.results[Number(button.dataset.r)].deniedBy.includes(denier)) return false;
    return true;
  }

  function applyFilters() {
    const text = controls.principal.value.trim().toLowerCase();
    const model = controls.model.value;
    const filtering = controls.verdict.value !== '' || controls.denier.value !== '';
    const headers = table.tHead.rows[0].cells;
    for (let m = 0; m < data.models.length; m++) headers[m + 1].hidden = model !== '' && model !== String(m);
    let visible = 0;
    for (const row of rows) {
      const principal = data.principals[Number(row.dataset.p)];
      let show = text === '' || principal.name.toLowerCase().includes(text) || principal.arn.toLowerCase().includes(text);
      let matching = 0;
      for (let m = 0; m < data.models.length; m++) {
        const cell = row.cells[m + 1];
        cell.hidden = headers[m + 1].hidden;
        const button = cell.firstElementChild;
        const matches = button !== null && cellMatches(button);
        cell.classList.toggle('faded', filtering && !matches);
        if (!cell.hidden && matches) matching++;
      }
      if (filtering && matching === 0) show = false;
      row.hidden = !show;
      if (show) visible++;
    }
    shown.textContent = visible + ' of ' + rows.length + ' principals shown';
  }

  function statementsTable(statements, caller) {
    const head = el('tr', '', el('th', '', 'Effect'), el('th', '', 'Policy'), el('th', '', 'Where'), el('th', '', 'Checks'));
    const body = statements.map((s) => {
      const policy = el('td', '', el('span', 'type', s.type + (s.level ? ' (level ' + s.level + ')' : '')), ' ', el('strong', '', s.policy));
      if (s.arn) policy.append(el('div', 'arn', caller(s.arn)));
      const where = el('td', 'mono', caller(s.at));
      if (s.sid) where.append(el('div', '', 'Sid ' + s.sid));
      return el('tr', '', el('td', s.effect === 'Deny' ? 'deny' : 'allow', s.effect), policy, where, el('td', 'num', String(s.checks)));
    });
    return el('table', 'statements', el('thead', '', head), el('tbody', '', ...body));
  }

  function block(lines, caller) {
    const [first, ...rest] = lines.map(caller);
    if (rest.length === 0 && first.endsWith(':')) return el('h3', '', first.slice(0, -1));
    const error = /^[A-Za-z]+Exception: /.test(first);
    const check = { '✓': ' check ok', '✗': ' check no', '?': ' check maybe' }[/^[✓✗?] /.test(first) ? first[0] : ''] || '';
    const card = el('div', 'block' + (error ? ' error' : '') + check);
    if (error) card.append(el('div', 'label', 'Predicted error'), el('pre', 'message', first));
    else card.append(el('div', 'title', first));
    if (rest.length > 0) card.append(el('pre', 'body', rest.join('\\n')));
    return card;
  }

  function open(button) {
    const row = button.closest('tr');
    const principal = data.principals[Number(row.dataset.p)];
    const model = data.models[button.closest('td').cellIndex - 1];
    const result = data.results[Number(button.dataset.r)];
    const caller = (text) => text.split(data.caller).join(principal.displayArn);
    for (const selected of table.querySelectorAll('button[aria-pressed="true"]')) selected.setAttribute('aria-pressed', 'false');
    button.setAttribute('aria-pressed', 'true');
    const [verdict, ...blocks] = result.blocks.map((block) => block.map((line) => data.lines[line]));
    const parts = [
      el('h2', '', principal.type + ' ' + principal.name + ' × ' + model),
      el('p', 'arn', principal.arn),
      el('p', 'verdict', el('span', 'status s-' + result.status.toLowerCase(), result.status), ' ', caller(verdict.join(' ')).replace(/^[A-Z]+ +/, '')),
    ];
    if (result.deniedBy.length > 0)
      parts.push(el('p', '', 'Denied by: ' + result.deniedBy.map((type) => data.policyTypes[type]).join(', ')));
    if (result.statements.length > 0) parts.push(el('h3', '', 'Deciding statements'), statementsTable(result.statements, caller));
    for (const lines of blocks) parts.push(block(lines, caller));
    detail.replaceChildren(...parts);
    // Announces the change, not the whole explanation, which a screen reader reaches as the next region.
    document.getElementById('announce').textContent = 'Explanation shown: ' + parts[0].textContent + ', ' + result.status;
  }

  table.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-r]');
    if (button) open(button);
  });
  for (const control of Object.values(controls)) control.addEventListener('input', applyFilters);
  document.getElementById('filters').addEventListener('submit', (event) => event.preventDefault());
  applyFilters();
})();
`;
