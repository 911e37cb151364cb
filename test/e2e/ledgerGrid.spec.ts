// The ledger grid in Debian's Chromium against browser mode: sorting and filtering done in the
// database, inline edits (saved with an audit entry, or refused with the field named), the
// keyboard, the column chooser, and a jump to the middle of a generated ledger of thousands of rows.
// Expected values are read from the ledger file itself, never written into the test.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect, type Page } from '@playwright/test';
import { startApp, type RunningApp } from './server';
import { writeTransfersCsv } from '../../bench/generate';

let app: RunningApp;
test.beforeAll(async () => { app = await startApp(); });
test.afterAll(async () => { await app.stop(); });

const sampleFile = () => path.join(app.dir, 'Sample - Musk group.armslength');
/** A read-only look at a ledger file while the app has it open (WAL: readers see committed data). */
function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try { return db.prepare(sql).all(...params) as T[]; } finally { db.close(); }
}
const idsInOrder = (file: string, orderBy: string, where = '1') =>
  query<{ id: number }>(file, `SELECT id FROM transfers t WHERE ${where} ORDER BY ${orderBy}`).map((r) => r.id);
const h100Id = () => query<{ id: number }>(sampleFile(), `SELECT id FROM transfers WHERE resource LIKE '%H100%' AND status = 'redirected'`)[0]!.id;

async function snap(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}
const grid = (page: Page) => page.getByRole('grid', { name: 'Transfers' });
/** Transfer ids of the rendered rows, top to bottom. */
async function renderedIds(page: Page): Promise<number[]> {
  return grid(page).locator('[data-transfer-id]').evaluateAll((rows) =>
    rows.map((r) => ({ id: Number(r.getAttribute('data-transfer-id')), index: Number(r.getAttribute('aria-rowindex')) }))
      .sort((a, b) => a.index - b.index).map((r) => r.id));
}

test('sorting by amount is done in the database: the order matches the ledger, and aria-sort says so', async ({ page }) => {
  await page.goto(app.openUrl);
  await expect(page.getByText(/ of 16 transfers/)).toBeVisible();
  const header = grid(page).getByRole('columnheader', { name: /Reported/ });
  await expect(header).toHaveAttribute('aria-sort', 'none');
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const desc = idsInOrder(sampleFile(), 'ifnull(amount_minor, -1) DESC, id DESC');
  await expect.poll(() => renderedIds(page)).toEqual(desc);
  // The H100 redirect ($500M) stands where its amount puts it, behind only larger amounts.
  const larger = query<{ n: number }>(sampleFile(), 'SELECT count(*) AS n FROM transfers WHERE amount_minor > (SELECT amount_minor FROM transfers WHERE id = ?)', h100Id())[0]!.n;
  await expect(grid(page).locator(`[data-transfer-id="${h100Id()}"]`)).toHaveAttribute('aria-rowindex', String(2 + larger));
  await snap(page, 'sorted-by-amount-desc');

  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => renderedIds(page)).toEqual(idsInOrder(sampleFile(), 'ifnull(amount_minor, -1) ASC, id ASC'));
  // Transfers without an amount sort first and show a dash, not a zero.
  await expect(grid(page).getByRole('row').nth(1)).toContainText('—');
});

test('filters narrow the rows in the database: resource type, flagged only, currency, dates; and say when nothing matches', async ({ page }) => {
  await page.goto(app.openUrl);
  await expect(page.getByText(/ of 16 transfers/)).toBeVisible();
  await page.getByLabel('Resource type').selectOption('gpu');
  const gpu = idsInOrder(sampleFile(), 'occurred_on DESC, id DESC', `resource_type = 'gpu'`);
  expect(gpu.length).toBeGreaterThan(0);
  expect(gpu.length).toBeLessThan(16);
  await expect(page.getByText(new RegExp(` of ${gpu.length} transfers`))).toBeVisible();
  await expect.poll(() => renderedIds(page)).toEqual(gpu);
  await snap(page, 'filter-gpu');

  await page.getByLabel('Resource type').selectOption('');
  await page.getByLabel('Flagged only').check();
  const flagged = idsInOrder(sampleFile(), 'occurred_on DESC, id DESC', `id IN (SELECT transfer_id FROM flags WHERE status <> 'dismissed')`);
  await expect.poll(() => renderedIds(page)).toEqual(flagged);
  await page.getByLabel('Flagged only').uncheck();

  await page.getByLabel('From date').fill('2024-01-01');
  const since = idsInOrder(sampleFile(), 'occurred_on DESC, id DESC', `occurred_on >= '2024-01-01'`);
  await expect.poll(() => renderedIds(page)).toEqual(since);
  await page.getByLabel('Currency').fill('eur');
  await expect(page.getByText('No transfers match this search or these filters.')).toBeVisible();
  await snap(page, 'filter-none-match');
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page.getByText(/ of 16 transfers/)).toBeVisible();
  await expect(page.getByLabel('From date')).toHaveValue('');
});

test('an inline edit of a description is saved, kept after a reload, and written to the audit log; the column choice is kept too', async ({ page }) => {
  await page.goto(app.openUrl);
  await expect(page.getByText(/ of 16 transfers/)).toBeVisible();
  await page.getByText('Columns', { exact: true }).click();
  await page.getByRole('checkbox', { name: 'Description' }).check();
  await page.getByText('Columns', { exact: true }).click();
  const id = h100Id();
  const row = grid(page).locator(`[data-transfer-id="${id}"]`);
  const description = row.getByRole('gridcell').last();
  await description.dblclick();
  const editor = page.getByRole('textbox', { name: 'Edit Description' });
  await expect(editor).toBeFocused();
  // Escape cancels: nothing is written.
  await editor.fill('not this');
  await editor.press('Escape');
  await expect(editor).toHaveCount(0);
  expect(query<{ description: string }>(sampleFile(), 'SELECT description FROM transfers WHERE id = ?', id)[0]!.description).not.toBe('not this');

  await description.dblclick();
  await page.getByRole('textbox', { name: 'Edit Description' }).fill('Redirected H100s, checked against the Nvidia memo');
  await page.getByRole('textbox', { name: 'Edit Description' }).press('Enter');
  await expect(page.getByRole('textbox', { name: 'Edit Description' })).toHaveCount(0);
  await expect(row).toContainText('Redirected H100s, checked against the Nvidia memo');
  await expect(grid(page)).toBeFocused();
  await snap(page, 'edited-description');
  expect(query<{ description: string }>(sampleFile(), 'SELECT description FROM transfers WHERE id = ?', id)[0]!.description)
    .toBe('Redirected H100s, checked against the Nvidia memo');

  await page.reload();
  await expect(grid(page).getByRole('columnheader', { name: 'Description' })).toBeVisible();
  await expect(grid(page).locator(`[data-transfer-id="${id}"]`)).toContainText('Redirected H100s, checked against the Nvidia memo');
  await page.getByRole('navigation').getByRole('button', { name: 'Audit log' }).click();
  // Only the description changed: the patch left every other field as it was.
  await expect(page.getByRole('row', { name: new RegExp(`changed transfer ${id}: description [0-9a-f]{10}`) })).toBeVisible();
  expect(query<{ status: string }>(sampleFile(), 'SELECT status FROM transfers WHERE id = ?', id)[0]!.status).toBe('redirected');
});

test('an invalid amount is refused with the field named, and changes nothing', async ({ page }) => {
  await page.goto(app.openUrl);
  await expect(page.getByText(/ of 16 transfers/)).toBeVisible();
  const id = h100Id();
  const before = query<{ amount_minor: number; n: number }>(sampleFile(), 'SELECT amount_minor, (SELECT count(*) FROM audit_log) AS n FROM transfers WHERE id = ?', id)[0]!;
  const row = grid(page).locator(`[data-transfer-id="${id}"]`);
  await row.getByRole('gridcell', { name: '$500,000,000.00' }).dblclick();
  const editor = page.getByRole('textbox', { name: 'Edit Reported' });
  await expect(editor).toHaveValue('500000000.00');
  await editor.fill('5OO million');
  await editor.press('Enter');
  const alert = row.getByRole('alert');
  await expect(alert).toContainText('amount: expected a non-negative decimal number such as 1234.56');
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  await snap(page, 'invalid-amount');
  await editor.press('Escape');
  await expect(row).toContainText('$500,000,000.00');
  const after = query<{ amount_minor: number; n: number }>(sampleFile(), 'SELECT amount_minor, (SELECT count(*) FROM audit_log) AS n FROM transfers WHERE id = ?', id)[0]!;
  expect(after).toEqual(before);
});

test('the keyboard moves the active row, Enter opens its drawer with valuation, flags and evidence links, Escape closes it', async ({ page }) => {
  await page.goto(app.openUrl);
  await expect(page.getByText(/ of 16 transfers/)).toBeVisible();
  const order = idsInOrder(sampleFile(), 'occurred_on DESC, id DESC');
  await grid(page).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  const active = grid(page).locator('[aria-selected="true"]');
  await expect(active).toHaveAttribute('data-transfer-id', String(order[1]));
  await expect(grid(page)).toHaveAttribute('aria-activedescendant', 'ledger-row-1');
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('complementary', { name: 'Transfer detail' });
  await expect(drawer.getByRole('heading', { name: `Transfer #${order[1]}` })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);

  // Down to the H100 redirect, by keys only.
  const target = order.indexOf(h100Id());
  for (let i = 1; i < target; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(drawer.getByTestId('valuation')).toContainText('$300,000,000.00 – $480,000,000.00');
  await expect(drawer.getByRole('button', { name: 'Common control: Elon Musk on both sides' })).toBeVisible();
  await snap(page, 'keyboard-drawer');
  // An evidence excerpt opens its document; an entity name opens the entity.
  const evidence = drawer.locator('.evidence .cite button').first();
  await expect(evidence).toHaveAttribute('aria-label', /at this passage/);
  await drawer.getByRole('button', { name: 'X Corp.' }).first().click();
  await expect(page.getByRole('navigation').getByRole('button', { name: 'Entities' })).toHaveAttribute('aria-current', 'page');
});

test('another view opens the ledger on a transfer: the grid shows and selects it, even when a search hid it', async ({ page }) => {
  await page.goto(app.openUrl);
  await expect(page.getByText(/ of 16 transfers/)).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search transfers' }).fill('Megapack');
  await expect(page.getByText(/ of 3 transfers/)).toBeVisible();
  await page.getByRole('navigation').getByRole('button', { name: 'Flags' }).click();
  await page.getByRole('row', { name: /Common control.*aircraft use/ }).click();
  const id = query<{ id: number }>(sampleFile(), `SELECT id FROM transfers WHERE resource = 'aircraft use'`)[0]!.id;
  await page.getByRole('complementary', { name: 'Flag detail' }).getByRole('button', { name: /→ SpaceX/ }).click();
  await expect(page.getByRole('navigation').getByRole('button', { name: 'Ledger', exact: true })).toHaveAttribute('aria-current', 'page');
  const row = grid(page).locator(`[data-transfer-id="${id}"]`);
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('complementary', { name: 'Transfer detail' }).getByRole('heading', { name: `Transfer #${id}` })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search transfers' })).toHaveValue('');
  const position = idsInOrder(sampleFile(), 'occurred_on DESC, id DESC').indexOf(id);
  await expect(row).toHaveAttribute('aria-rowindex', String(position + 2));
  await snap(page, 'opened-from-flag');
});

test('a ledger of thousands of rows: the scrollbar dragged to the middle shows the rows at that position', async ({ page }) => {
  const csv = test.info().outputPath('generated-4000.csv');
  fs.mkdirSync(path.dirname(csv), { recursive: true });
  writeTransfersCsv(csv, 4_000);
  await page.goto(app.openUrl);
  await page.getByRole('button', { name: 'New empty ledger' }).click();
  await page.getByLabel('New ledger name').fill('Generated 4000');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText('This ledger has no transfers yet.')).toBeVisible();
  await snap(page, 'empty-state');
  await page.getByRole('navigation').getByRole('button', { name: 'Import' }).click();
  await page.getByLabel('File to import').setInputFiles(csv);
  await page.getByRole('region', { name: 'Import preview' }).getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status').first()).toContainText('Imported batch', { timeout: 30_000 });
  await page.getByRole('navigation').getByRole('button', { name: 'Ledger', exact: true }).click();
  await expect(page.getByText(/ of 4,000 transfers/)).toBeVisible();

  const file = path.join(app.dir, 'Generated 4000.armslength');
  const order = idsInOrder(file, 'occurred_on DESC, id DESC');
  /** The rendered rows: where the first stands, and whether they are exactly the ledger's rows there. */
  const shown = async () => {
    const rows = await grid(page).locator('.ledger-body [role=row]').evaluateAll((els) => els.map((r) => ({
      index: Number(r.getAttribute('aria-rowindex')) - 2, id: r.getAttribute('data-transfer-id'),
    })).sort((a, b) => a.index - b.index));
    const first = rows[0]?.index ?? -1;
    const ids = rows.map((r) => (r.id === null ? null : Number(r.id)));
    return { first, loaded: ids.every((id) => id !== null), matches: JSON.stringify(ids) === JSON.stringify(order.slice(first, first + ids.length)) };
  };
  await grid(page).evaluate((el) => { el.scrollTop = (el.scrollHeight - el.clientHeight) / 2; });
  await expect.poll(async () => { const s = await shown(); return s.first > 1_500 && s.loaded; }).toBe(true);
  const middle = await shown();
  expect(middle.first).toBeLessThan(2_500);
  expect(middle.matches).toBe(true);
  await snap(page, 'middle-of-4000');

  // Scrolling back up from there fills the rows above with the right ones too.
  await grid(page).evaluate((el) => { el.scrollTop -= el.clientHeight * 3; });
  await expect.poll(async () => { const s = await shown(); return s.first < middle.first - 20 && s.loaded; }).toBe(true);
  expect((await shown()).matches).toBe(true);

  // Sorting by sender in the middle of the list starts again at the top, in the database's order.
  await grid(page).getByRole('columnheader', { name: /From/ }).getByRole('button').click();
  const byFrom = query<{ id: number }>(file, `SELECT t.id FROM transfers t JOIN entities p ON p.id = t.from_id ORDER BY p.norm_name DESC, p.id DESC, t.occurred_on DESC, t.id DESC LIMIT 10`).map((r) => r.id);
  await expect.poll(async () => (await renderedIds(page)).slice(0, 10)).toEqual(byFrom);
  await page.getByRole('button', { name: 'Open sample' }).click();
});
