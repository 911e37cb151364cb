// The Flags board on a ledger with hundreds of flags, in Debian's Chromium against browser mode:
// the board loads a page at a time as it scrolls (sorted and filtered in the database), the
// ledger's first page is asked for before the app has loaded, and the ledger menu speaks German.
// Expected values are read from the ledger file itself.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect, type Page } from '@playwright/test';
import { startApp, type RunningApp } from './server';

let app: RunningApp;
test.beforeAll(async () => { app = await startApp(); });
test.afterAll(async () => { await app.stop(); });

function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try { return db.prepare(sql).all(...params) as T[]; } finally { db.close(); }
}
const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true });
async function snap(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

/** One person controls two firms, which pay each other 450 times: a flag or more on every payment. */
function controlledPayments(): string {
  const lines: object[] = [
    { id: 'p-owner', schema: 'Person', properties: { name: ['Morgan Vale'] } },
    { id: 'c-alpha', schema: 'Company', properties: { name: ['Alpha Holdings Ltd'] } },
    { id: 'c-beta', schema: 'Company', properties: { name: ['Beta Trading Ltd'] } },
    { id: 'o-alpha', schema: 'Ownership', properties: { owner: ['p-owner'], asset: ['c-alpha'], percentage: ['80'], startDate: ['2015'] } },
    { id: 'o-beta', schema: 'Ownership', properties: { owner: ['p-owner'], asset: ['c-beta'], percentage: ['75'], startDate: ['2015'] } },
  ];
  for (let i = 0; i < 450; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    // Some amounts repeat, so the board's ties are broken by the flag id.
    const amount = String(50_000 + (i % 97) * 7_919);
    lines.push({ id: `pay-${i}`, schema: 'Payment', properties: { payer: [i % 3 ? 'c-alpha' : 'c-beta'], beneficiary: [i % 3 ? 'c-beta' : 'c-alpha'],
      amount: [amount], currency: ['USD'], date: [`${2020 + (i % 5)}-${month}-${day}`], purpose: [`service fee ${i}`] } });
  }
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

/** Flag ids of the rendered board rows, top to bottom, with where the first one stands. */
async function renderedFlags(page: Page): Promise<{ first: number; ids: number[] }> {
  const rows = await page.locator('.flags-board tbody tr[data-flag-id]').evaluateAll((els) => els.map((r) => ({
    index: Number(r.getAttribute('aria-rowindex')) - 2, id: Number(r.getAttribute('data-flag-id')),
  })).sort((a, b) => a.index - b.index));
  return { first: rows[0]?.index ?? -1, ids: rows.map((r) => r.id) };
}

test('the ledger\'s first page is asked for once, before anything else the app asks', async ({ page }) => {
  const calls: string[] = [];
  page.on('request', (r) => { const m = /\/api\/invoke\/([^/?]+)$/.exec(r.url()); if (m) calls.push(decodeURIComponent(m[1]!)); });
  await page.goto(app.openUrl);
  await expect(page.getByText(/ of 16 transfers/)).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Transfers' }).locator('[data-transfer-id]')).toHaveCount(16);
  expect(calls[0]).toBe('transfers:page');
  expect(calls.filter((c) => c === 'transfers:page')).toHaveLength(1);
  expect(calls).toContain('ledger:info');
});

test('a board of hundreds of flags loads a page at a time as it scrolls, in the database\'s order, and filters in the database', async ({ page }) => {
  test.setTimeout(180_000);
  const ftm = test.info().outputPath('controlled-payments.ftm.jsonl');
  fs.mkdirSync(path.dirname(ftm), { recursive: true });
  fs.writeFileSync(ftm, controlledPayments());
  await page.goto(app.openUrl);
  await page.getByRole('button', { name: 'New empty ledger' }).click();
  await page.getByLabel('New ledger name').fill('Flags board');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText('This ledger has no transfers yet.')).toBeVisible();
  await nav(page, 'Import').click();
  await page.getByLabel('File to import').setInputFiles(ftm);
  await page.getByRole('region', { name: 'Import preview' }).getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status').first()).toContainText(/Imported batch \d+/, { timeout: 60_000 });

  const file = path.join(app.dir, 'Flags board.armslength');
  const all = query<{ n: number }>(file, 'SELECT count(*) AS n FROM flags')[0]!.n;
  expect(all).toBeGreaterThan(450);
  await nav(page, 'Flags').click();
  await expect(page.getByRole('heading', { name: 'Flags', level: 1 })).toBeVisible();
  await expect(page.getByRole('status').first()).toHaveText(`${all.toLocaleString('en-US')} of ${all.toLocaleString('en-US')} flags`);
  const board = page.getByRole('table');
  await expect(board).toHaveAttribute('aria-rowcount', String(all + 1));

  // Sorted by amount at stake, largest first; ties by flag id.
  await page.getByRole('button', { name: 'Sort by At stake' }).click();
  await expect(page.getByRole('columnheader', { name: /At stake/ })).toHaveAttribute('aria-sort', 'descending');
  const byAmount = query<{ id: number }>(file, 'SELECT id FROM flags ORDER BY ifnull(at_stake_minor, -1) DESC, id DESC').map((r) => r.id);
  await expect.poll(async () => (await renderedFlags(page)).ids.slice(0, 15)).toEqual(byAmount.slice(0, 15));
  await snap(page, 'board-by-amount');

  // Scrolling to the end asks for the next pages; the last rows are the database's last.
  const scroller = page.getByTestId('flags-board');
  await expect.poll(async () => {
    await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight; });
    const shown = await renderedFlags(page);
    return shown.first + shown.ids.length;
  }, { timeout: 60_000 }).toBe(all);
  const end = await renderedFlags(page);
  expect(end.ids).toEqual(byAmount.slice(end.first, end.first + end.ids.length));
  // With every page loaded, only the rows around the screen are in the page.
  expect(end.ids.length).toBeLessThan(100);
  await snap(page, 'board-end');

  // A flag deep in the list opens in full (paths and review), read on its own.
  const deepId = end.ids[end.ids.length - 1]!;
  await page.locator(`.flags-board tr[data-flag-id="${deepId}"]`).click();
  const title = query<{ title: string }>(file, 'SELECT title FROM flags WHERE id = ?', deepId)[0]!.title;
  const detail = page.getByRole('complementary', { name: 'Flag detail' });
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(title);
  await expect(detail.getByRole('img', { name: /Diagram: Morgan Vale/ })).toBeVisible();

  // A filter is a count and a page from the database.
  const rule = 'common-control';
  const ruleCount = query<{ n: number }>(file, 'SELECT count(*) AS n FROM flags WHERE rule_id = ?', rule)[0]!.n;
  expect(ruleCount).toBeLessThan(all);
  await page.getByRole('combobox', { name: 'Rule', exact: true }).selectOption(rule);
  await expect(page.getByRole('status').first()).toHaveText(`${ruleCount.toLocaleString('en-US')} of ${all.toLocaleString('en-US')} flags`);
  const ruleByAmount = query<{ id: number }>(file, 'SELECT id FROM flags WHERE rule_id = ? ORDER BY ifnull(at_stake_minor, -1) DESC, id DESC', rule).map((r) => r.id);
  await expect.poll(async () => (await renderedFlags(page)).ids.slice(0, 10)).toEqual(ruleByAmount.slice(0, 10));
  for (const code of await board.locator('tbody td:nth-child(3) code').allTextContents()) expect(code).toBe(rule);
  await page.getByRole('button', { name: 'Open sample' }).click();
});

test('the ledger menu speaks German: its buttons, the new-ledger form and the counts', async ({ page }) => {
  await page.addInitScript(`localStorage.setItem('armslength.locale', 'de');`);
  await page.goto(app.openUrl);
  const menu = page.locator('.ledger-menu');
  await expect(menu.getByText('Register', { exact: true })).toBeVisible();
  await expect(menu).toContainText(/16 Transfers · 9 Beteiligte · \d+ Hinweise/);
  await menu.getByRole('button', { name: 'Neues leeres Register' }).click();
  await expect(menu.getByLabel('Name des neuen Registers')).toBeVisible();
  await expect(menu.getByRole('button', { name: 'Anlegen' })).toBeVisible();
  await menu.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(menu.getByRole('button', { name: 'Neues leeres Register' })).toBeVisible();
  await snap(page, 'ledger-menu-de');
});
