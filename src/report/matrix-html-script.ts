/**
 * The page's only script (plain ES2020, inlined and allowed by its hash): filters the table and opens a
 * cell's explanation. It reads the data block and writes every string as text (textContent), never as
 * markup, so nothing in a policy can run.
 */
export const MATRIX_PAGE_SCRIPT = `(() => {
  'use strict';
  const data = JSON.parse(document.getElementById('matrix-data').textContent);
  const table = document.getElementById('matrix');
  const tbody = table.tBodies[0];
  const detail = document.getElementById('detail');
  const controls = {
    principal: document.getElementById('f-principal'),
    model: document.getElementById('f-model'),
    verdict: document.getElementById('f-verdict'),
    denier: document.getElementById('f-denier'),
  };
  const shown = document.getElementById('shown');
  const pager = {
    nav: document.getElementById('pager'),
    info: document.getElementById('page-info'),
    prev: document.getElementById('page-prev'),
    next: document.getElementById('page-next'),
  };
  const VERDICTS = ['allowed', 'denied', 'conditional', 'incomplete'];
  const SYMBOLS = { allowed: '\u2713', denied: '\u2717', conditional: '?', incomplete: '?' };
  const modelCount = data.models.length;
  // The rows that pass the filters (principal indexes, in table order) and the page of them shown.
  let matching = [];
  let page = 0;
  let selected = '';

  const el = (tag, className, ...children) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    for (const child of children) node.append(child);
    return node;
  };

  function cellMatches(code) {
    if (code < 0) return false;
    const verdict = controls.verdict.value;
    const denier = controls.denier.value;
    if (verdict && VERDICTS[code % 4] !== verdict) return false;
    if (denier && !data.results[Math.floor(code / 8)].deniedBy.includes(denier)) return false;
    return true;
  }

  function modelHidden(m) {
    const model = controls.model.value;
    return model !== '' && model !== String(m);
  }

  // Over every principal, not only the page: the filters answer for the whole matrix.
  function applyFilters() {
    const text = controls.principal.value.trim().toLowerCase();
    const filtering = controls.verdict.value !== '' || controls.denier.value !== '';
    const headers = table.tHead.rows[0].cells;
    for (let m = 0; m < modelCount; m++) headers[m + 1].hidden = modelHidden(m);
    matching = [];
    for (let p = 0; p < data.principals.length; p++) {
      const principal = data.principals[p];
      if (text !== '' && !principal.name.toLowerCase().includes(text) && !principal.arn.toLowerCase().includes(text)) continue;
      if (filtering) {
        let any = false;
        for (let m = 0; m < modelCount && !any; m++) any = !modelHidden(m) && cellMatches(data.cells[p * modelCount + m]);
        if (!any) continue;
      }
      matching.push(p);
    }
    shown.textContent = matching.length + ' of ' + data.principals.length + ' principals shown';
    page = 0;
    render();
  }

  function cellNode(p, m, filtering) {
    const code = data.cells[p * modelCount + m];
    const td = el('td', '');
    td.hidden = modelHidden(m);
    if (code < 0) {
      td.textContent = '\u2013';
      return td;
    }
    const verdict = VERDICTS[code % 4];
    const button = el('button', 'v-' + verdict, SYMBOLS[verdict]);
    button.type = 'button';
    button.dataset.r = String(Math.floor(code / 8));
    button.setAttribute('aria-label', code % 8 >= 4 ? 'fails' : verdict);
    button.setAttribute('aria-pressed', String(selected === p + ':' + m));
    td.classList.toggle('faded', filtering && !cellMatches(code));
    td.append(button);
    return td;
  }

  function render() {
    const filtering = controls.verdict.value !== '' || controls.denier.value !== '';
    const pages = Math.max(1, Math.ceil(matching.length / data.pageSize));
    page = Math.min(page, pages - 1);
    const first = page * data.pageSize;
    const rows = matching.slice(first, first + data.pageSize).map((p) => {
      const principal = data.principals[p];
      const head = el('th', '', el('span', 'type', principal.type), ' ', el('span', 'name', principal.name), el('div', 'arn', principal.arn));
      head.scope = 'row';
      const row = el('tr', '', head);
      row.dataset.p = String(p);
      for (let m = 0; m < modelCount; m++) row.append(cellNode(p, m, filtering));
      return row;
    });
    tbody.replaceChildren(...rows);
    pager.nav.hidden = matching.length <= data.pageSize;
    pager.info.textContent = matching.length === 0 ? 'no principals' :
      'principals ' + (first + 1) + '\u2013' + (first + rows.length) + ' of ' + matching.length + ' (page ' + (page + 1) + ' of ' + pages + ')';
    pager.prev.disabled = page === 0;
    pager.next.disabled = page >= pages - 1;
  }

  function turn(by) {
    page += by;
    render();
    table.closest('.table-wrap').scrollTop = 0;
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
    for (const other of table.querySelectorAll('button[aria-pressed="true"]')) other.setAttribute('aria-pressed', 'false');
    button.setAttribute('aria-pressed', 'true');
    selected = row.dataset.p + ':' + (button.closest('td').cellIndex - 1);
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
  pager.prev.addEventListener('click', () => turn(-1));
  pager.next.addEventListener('click', () => turn(1));
  document.getElementById('filters').addEventListener('submit', (event) => event.preventDefault());
  applyFilters();
})();
`;
