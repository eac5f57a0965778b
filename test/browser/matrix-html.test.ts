// The HTML matrix in a real browser: Debian's Chromium, driven by playwright-core (which downloads
// nothing), opens the generated page from a file:// URL, filters it and opens a cell.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrix } from '../../src/analysis/matrix.js';
import { shippedCatalog } from '../../src/bedrock/index.js';
import { cellReport, type AccessMatrix } from '../../src/model/index.js';
import { renderCliHints } from '../../src/report/cli-hints.js';
import { verificationText } from '../../src/report/fix-text.js';
import { formatMatrixHtml } from '../../src/report/matrix-html.js';
import { cellVerdict, MATRIX_PAGE_SIZE } from '../../src/report/matrix-html-data.js';
import { account, managedPolicy, role } from '../helpers/account.js';
import { matrixOptions } from '../helpers/matrix-options.js';
import { doc } from '../helpers/policies.js';
import { loadScpLevels } from '../../src/sources/scp-chain.js';
import { loadAccountFiles } from '../../src/sources/snapshot/load-snapshot.js';

const CHROMIUM = '/usr/bin/chromium';
const EXAMPLE = new URL('../../policies-examples/account-gaad/', import.meta.url).pathname;
const ALICE = 'arn:aws:iam::111122223333:user/engineering/alice';
const PROFILE = 'us.anthropic.claude-sonnet-4-6';

const sample = matrix(
  loadAccountFiles([join(EXAMPLE, 'gaad.json')]),
  matrixOptions([PROFILE, 'amazon.nova-pro-v1:0'], {
    scpLevels: loadScpLevels(join(EXAMPLE, 'scp-levels.json')).levels,
  }),
);

const scratch = mkdtempSync(join(tmpdir(), 'policy-check-matrix-html-'));
const file = join(scratch, 'matrix.html');
const requests: string[] = [];
let browser: Browser;
let page: Page;

/** Set when the browser is missing: every test then fails with it (CI installs it; never a skipped test). */
let missing: Error | undefined;

/** Throws the missing browser's error, so that each test fails, and says why, rather than being skipped. */
function requireBrowser(): void {
  if (missing) throw missing;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    missing = new Error(
      `${CHROMIUM} is missing: install Debian's Chromium (apt-get install chromium) to run the browser tests`,
    );
    return;
  }
  writeFileSync(file, formatMatrixHtml(sample));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(5000);
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const visibleRows = (target: Page) =>
  target.$$eval('#matrix tbody tr:not([hidden]) .name', (names) => names.map((name) => name.textContent));
const names = (arns: Iterable<string>) =>
  [...arns].map((arn) => sample.principals.find((principal) => principal.arn === arn)!.name);

describe('the matrix page in Chromium', () => {
  it('shows every cell of the matrix, with its verdict in words', async () => {
    requireBrowser();
    expect(sample.cells.length).toBe(10);
    expect(await page.locator('#matrix tbody td button').count()).toBe(sample.cells.length);
    const labels = await page.$$eval('#matrix tbody td button', (buttons) =>
      buttons.map((b) => b.getAttribute('aria-label')),
    );
    expect(
      labels.every((label) => ['allowed', 'denied', 'fails', 'conditional', 'incomplete'].includes(label ?? '')),
    ).toBe(true);
    expect(await page.textContent('#summary')).toContain('10 checks:');
  });

  it('filters by verdict and by principal', async () => {
    requireBrowser();
    const incomplete = new Set(
      sample.cells.filter((cell) => cellVerdict(cell) === 'incomplete').map((c) => c.principal),
    );
    expect(incomplete.size).toBeGreaterThan(0);
    expect(incomplete.size).toBeLessThan(sample.principals.length);
    await page.selectOption('#f-verdict', 'incomplete');
    expect(await visibleRows(page)).toEqual(
      names(sample.principals.map((p) => p.arn).filter((arn) => incomplete.has(arn))),
    );
    expect(await page.textContent('#shown')).toBe(`${incomplete.size} of ${sample.principals.length} principals shown`);

    await page.selectOption('#f-verdict', '');
    await page.fill('#f-principal', 'alice');
    expect(await visibleRows(page)).toEqual(['alice']);
    await page.fill('#f-principal', '');
    expect(await visibleRows(page)).toHaveLength(sample.principals.length);
  });

  it('filters by the policy type that denies, and by model', async () => {
    requireBrowser();
    const byBoundary = sample.cells.filter((cell) =>
      cellReport(sample, cell).checks.some((check) => check.deniedBy === 'permissions-boundary'),
    );
    await page.selectOption('#f-denier', 'permissions-boundary');
    expect(await visibleRows(page)).toEqual(names(new Set(byBoundary.map((cell) => cell.principal))));
    await page.selectOption('#f-denier', '');

    await page.selectOption('#f-model', '1');
    expect(await page.locator('#matrix thead th.model:not([hidden])').allTextContents()).toEqual([
      'amazon.nova-pro-v1:0',
    ]);
    expect(await page.locator('#matrix tbody td:not([hidden]) button').count()).toBe(sample.principals.length);
    await page.selectOption('#f-model', '');
    expect(await page.locator('#matrix tbody td:not([hidden]) button').count()).toBe(sample.cells.length);
  });

  it('opens a denied cell: the exact error AWS returns for this principal, and the verified fix', async () => {
    requireBrowser();
    const cell = sample.cells.find((entry) => entry.principal === ALICE && entry.model === PROFILE)!;
    const report = cellReport(sample, cell);
    expect(report.verdict).toBe('denied');
    const boundary = report.findings.find((finding) => finding.rule === 'permissions-boundary')!;
    const fix = renderCliHints(boundary.fixes[0]!);
    const row = page.locator('#matrix tbody tr', { hasText: 'alice' });
    await row.locator('td').nth(sample.models.indexOf(PROFILE)).locator('button').click();
    const detail = (await page.textContent('#detail')) ?? '';
    expect(detail).toContain(`${boundary.predictedError!.exception}: ${boundary.predictedError!.message}`);
    expect(boundary.predictedError!.message).toContain(ALICE);
    expect(detail).toContain(fix.summary);
    expect(detail).toContain(verificationText(fix));
    expect(detail).toContain('arn:aws:iam::111122223333:policy/boundaries/DeveloperBoundary');
    expect(await page.locator('#detail h2').textContent()).toBe(`user alice × ${PROFILE}`);
    if (process.env.MATRIX_HTML_SCREENSHOT)
      await page.screenshot({ path: process.env.MATRIX_HTML_SCREENSHOT, fullPage: true });
  });

  it('puts each principal of a shared result in its own messages', async () => {
    requireBrowser();
    const readOnly = managedPolicy('BedrockReadOnly', doc({ Effect: 'Allow', Action: 'bedrock:List*', Resource: '*' }));
    const shared = matrix(
      account({ roles: [role('App1', [readOnly]), role('App2', [readOnly])] }),
      matrixOptions(['amazon.nova-pro-v1:0'], { actions: ['bedrock:InvokeModel'] }),
    );
    expect(shared.results).toHaveLength(1);
    const other = join(scratch, 'shared.html');
    writeFileSync(other, formatMatrixHtml(shared));
    const second = await browser.newPage();
    second.setDefaultTimeout(5000);
    second.on('request', (request) => requests.push(request.url()));
    await second.goto(pathToFileURL(other).href);
    for (const [index, cell] of shared.cells.entries()) {
      const message = cellReport(shared, cell).checks[0]!.message!;
      expect(message).toContain(shared.principals[index]!.displayArn);
      await second.locator(`#matrix tbody tr[data-p="${index}"] td button`).click();
      expect(await second.textContent('#detail')).toContain(message);
    }
    await second.close();
  });

  it('stays usable for 10,000 principals × 20 models: pages of rows, filters over all of them, a cell opens', async () => {
    requireBrowser();
    const big = scaled(twentyModels(), 10_000);
    expect(big.cells).toHaveLength(200_000);
    const other = join(scratch, 'large.html');
    writeFileSync(other, formatMatrixHtml(big));
    const large = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    large.setDefaultTimeout(20_000);
    large.on('request', (request) => requests.push(request.url()));
    await large.goto(pathToFileURL(other).href);
    const rows = () => large.locator('#matrix tbody tr');
    expect(await rows().count()).toBe(MATRIX_PAGE_SIZE);
    expect(await large.textContent('#shown')).toBe('10000 of 10000 principals shown');
    expect(await large.textContent('#page-info')).toBe('principals 1–100 of 10000 (page 1 of 100)');

    // A filter answers for every principal, not only the page shown.
    await large.fill('#f-principal', 'p09999-');
    expect(await visibleRows(large)).toEqual([big.principals[9999]!.name]);
    await large.fill('#f-principal', '');
    const denied = new Set(big.cells.filter((cell) => cellVerdict(cell) === 'denied').map((cell) => cell.principal));
    expect(denied.size).toBeGreaterThan(MATRIX_PAGE_SIZE);
    expect(denied.size).toBeLessThan(big.principals.length);
    await large.selectOption('#f-verdict', 'denied');
    expect(await large.textContent('#shown')).toBe(`${denied.size} of 10000 principals shown`);
    const deniedNames = big.principals.filter((principal) => denied.has(principal.arn)).map((p) => p.name);
    expect(await visibleRows(large)).toEqual(deniedNames.slice(0, MATRIX_PAGE_SIZE));

    // The next page, scrolled to its end: its last row's first denied cell opens its explanation.
    await large.click('#page-next');
    expect(await visibleRows(large)).toEqual(deniedNames.slice(MATRIX_PAGE_SIZE, 2 * MATRIX_PAGE_SIZE));
    await large.$eval('.table-wrap', (wrap) => {
      wrap.scrollTop = wrap.scrollHeight;
    });
    const last = rows().last();
    const name = deniedNames[2 * MATRIX_PAGE_SIZE - 1]!;
    expect(await last.locator('.name').textContent()).toBe(name);
    const button = last.locator('td:not(.faded) button.v-denied').first();
    await button.scrollIntoViewIfNeeded();
    await button.click();
    expect(await large.locator('#detail h2').textContent()).toMatch(new RegExp(`^role ${name} × `));
    expect(await large.textContent('#detail')).toContain('AccessDeniedException');
    if (process.env.MATRIX_HTML_LARGE_SCREENSHOT)
      await large.screenshot({ path: process.env.MATRIX_HTML_LARGE_SCREENSHOT });
    await large.close();
  }, 120_000);

  it('fetches nothing from the network', () => {
    requireBrowser();
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !/^(file|data|about):/.test(url))).toEqual([]);
  });
});

/** A real matrix of a few roles over 20 models: allowed, denied by a missing statement, denied by a Deny. */
function twentyModels(): AccessMatrix {
  // On demand in us-east-1, so that every cell is decided by the policies, not by a model not offered.
  const models = shippedCatalog()
    .models.filter((model) => model.lifecycle !== 'EOL' && (model.regions.get('us-east-1') ?? []).includes('ON_DEMAND'))
    .map((model) => model.modelId)
    .sort()
    .slice(0, 20);
  expect(models).toHaveLength(20);
  const invoke = managedPolicy('Invoke', doc({ Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: '*' }));
  const list = managedPolicy('List', doc({ Effect: 'Allow', Action: 'bedrock:List*', Resource: '*' }));
  const denyAmazon = managedPolicy(
    'DenyAmazon',
    doc(
      { Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: '*' },
      {
        Sid: 'NoAmazon',
        Effect: 'Deny',
        Action: 'bedrock:*',
        Resource: 'arn:aws:bedrock:*::foundation-model/amazon.*',
      },
    ),
  );
  const roles = [role('a', [invoke]), role('b', [invoke]), role('c', [list]), role('d', [denyAmazon])];
  return matrix(account({ roles }), matrixOptions(models, { actions: ['bedrock:InvokeModel'] }));
}

/**
 * The matrix of `count` principals: principal i is a renamed copy of the base's principal i mod n, with
 * its cells (and so its shared result). The page only reads principals, cells and results.
 */
function scaled(base: AccessMatrix, count: number): AccessMatrix {
  const principals = Array.from({ length: count }, (_, i) => {
    const model = base.principals[i % base.principals.length]!;
    const name = `p${String(i).padStart(5, '0')}-${model.name}`;
    return {
      ...model,
      name,
      arn: model.arn.replace(/[^/]+$/, name),
      displayArn: model.displayArn.replace(`/${model.name}/`, `/${name}/`),
    };
  });
  const cellsOf = new Map<string, AccessMatrix['cells'][number][]>();
  for (const cell of base.cells) cellsOf.set(cell.principal, [...(cellsOf.get(cell.principal) ?? []), cell]);
  const cells = principals.flatMap((principal, i) =>
    (cellsOf.get(base.principals[i % base.principals.length]!.arn) ?? []).map((cell) => ({
      ...cell,
      principal: principal.arn,
    })),
  );
  return { ...base, principals, cells };
}
