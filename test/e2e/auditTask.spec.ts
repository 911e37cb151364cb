// The main task on the sample ledger, in Debian's Chromium against browser mode: find the H100
// redirect, read its valuation, follow its flag, export the audit PDF and read it back.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startApp, type RunningApp } from './server';
import { pdfToText } from '../unit/pdfText';

let app: RunningApp;
test.beforeAll(async () => { app = await startApp(); });
test.afterAll(async () => { await app.stop(); });

async function snap(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

test('find the H100 redirect, see its value band and flag, and export the audit PDF', async ({ page }) => {
  await page.goto(app.openUrl);
  // The token leaves the address bar once it is stored for the tab.
  await expect(page).toHaveURL(app.baseUrl);
  await expect(page.getByRole('heading', { name: 'Ledger' })).toBeVisible();
  await expect(page.getByText(/ of 16 transfers/)).toBeVisible();
  await snap(page, '1-ledger');

  await page.getByRole('searchbox', { name: 'Search transfers' }).fill('H100');
  await expect(page.getByText(/ of 2 transfers/)).toBeVisible();
  await page.getByRole('row', { name: /Dec 2023.*Tesla, Inc\..*X Corp\..*Nvidia H100 GPU/ }).click();
  const drawer = page.getByRole('complementary', { name: 'Transfer detail' });
  await expect(drawer.getByTestId('valuation')).toContainText('$300,000,000.00 – $480,000,000.00');
  await expect(drawer.getByTestId('valuation')).toContainText('$41,666.67 — above the band by 4.2%');
  await expect(drawer).toContainText('$500,000,000.00');
  await expect(drawer).toContainText('had no place to send the Nvidia chips');
  await snap(page, '2-transfer-detail');

  await drawer.getByRole('button', { name: 'Common control: Elon Musk on both sides' }).click();
  const flag = page.getByRole('complementary', { name: 'Flag detail' });
  await expect(flag).toContainText('Elon Musk controls or leads both sides of this transfer in Dec 2023');
  await expect(flag.getByRole('list', { name: 'Path to Tesla, Inc.' })).toContainText('Elon Musk —CEO→ Tesla, Inc.');
  await expect(flag.getByRole('list', { name: 'Path to X Corp.' })).toContainText('owner, in control');
  await expect(flag.getByRole('list', { name: 'Path to X Corp.' })).toContainText('2022-10-27 – 2025-03-28');
  await snap(page, '3-flag');

  await page.getByRole('navigation').getByRole('button', { name: 'Report' }).click();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as PDF' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^Sample - Musk group audit \d{4}-\d{2}-\d{2}\.pdf$/);
  const file = test.info().outputPath('audit.pdf');
  await download.saveAs(file);
  await expect(page.getByRole('status')).toContainText(/Saved .* \(\d+ pages\)/);
  await snap(page, '4-report');
  const text = pdfToText(fs.readFileSync(file)).replace(/\s+/g, ' ');
  expect(text).toContain('12,000 × Nvidia H100 GPU from Tesla, Inc. to X Corp.');
  expect(text).toContain('Common control: Elon Musk on both sides');
  expect(text).toContain('$300,000,000.00 – $480,000,000.00');
  expect(text).toContain('CNBC report of 4 June 2024');
  expect(text).toMatch(/Page 1 of \d+/);
  expect(path.extname(file)).toBe('.pdf');
});

test('dismiss a flag with a reason, and it stays dismissed after a reload', async ({ page }) => {
  await page.goto(app.openUrl);
  await page.getByRole('navigation').getByRole('button', { name: 'Flags' }).click();
  await page.getByRole('row', { name: /Common control.*aircraft use/ }).click();
  const flag = page.getByRole('complementary', { name: 'Flag detail' });
  await flag.getByRole('button', { name: 'Dismiss' }).click();
  await expect(flag.getByRole('alert')).toContainText('needs a reason');
  await flag.getByLabel('Review reason').fill('Approved by the audit committee');
  await flag.getByRole('button', { name: 'Dismiss' }).click();
  await expect(flag.getByTestId('flag-status')).toHaveText('dismissed');
  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: 'Flags' }).click();
  await page.getByRole('row', { name: /Common control.*aircraft use/ }).click();
  await expect(page.getByRole('complementary', { name: 'Flag detail' }).getByTestId('flag-status')).toHaveText('dismissed');
  await snap(page, 'flag-dismissed');
});

test('import a CSV through the UI: preview, then import; a bad CSV is refused with its line and column', async ({ page }) => {
  await page.goto(app.openUrl);
  await page.getByRole('navigation').getByRole('button', { name: 'Import' }).click();
  const fixtures = path.resolve(__dirname, '../fixtures/csv');
  await page.getByLabel('File to import').setInputFiles(path.join(fixtures, 'bad-date.csv'));
  const preview = page.getByRole('region', { name: 'Import preview' });
  await expect(preview.getByRole('alert')).toContainText('bad-date.csv line 3, column "date": "2023-02-31" is not a calendar date');
  await expect(preview.getByRole('button', { name: 'Import' })).toBeDisabled();
  await snap(page, 'import-refused');
  await page.getByLabel('File to import').setInputFiles(path.join(fixtures, 'transfers-comma.csv'));
  await expect(preview).toContainText('CSV ledger of transfers');
  await expect(preview).toContainText('Would add: 3 transfers');
  await page.getByRole('navigation').getByRole('button', { name: 'Ledger', exact: true }).click();
  await expect(page.getByText(/ of 16 transfers/)).toBeVisible(); // the preview wrote nothing
  await page.getByRole('navigation').getByRole('button', { name: 'Import' }).click();
  await page.getByLabel('File to import').setInputFiles(path.join(fixtures, 'transfers-comma.csv'));
  await page.getByRole('region', { name: 'Import preview' }).getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status').first()).toContainText('Imported batch 1: 3 transfers');
  await page.getByRole('navigation').getByRole('button', { name: 'Ledger', exact: true }).click();
  await expect(page.getByText(/ of 19 transfers/)).toBeVisible();
  await expect(page.getByRole('row', { name: /Acme Robotics.*Zenith Compute, Inc\./ })).toBeVisible();
  await snap(page, 'import-done');
});

test('create an empty ledger, see its empty state, and go back to the sample', async ({ page }) => {
  await page.goto(app.openUrl);
  await page.getByRole('button', { name: 'New empty ledger' }).click();
  await page.getByLabel('New ledger name').fill('../escape');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('navigation').getByRole('alert')).toContainText(/Invalid input/);
  await page.getByLabel('New ledger name').fill('Client A 2025');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText('This ledger has no transfers yet.')).toBeVisible();
  await expect(page.getByLabel('Ledger', { exact: true })).toHaveValue('Client A 2025');
  await snap(page, 'empty-ledger');
  expect(fs.existsSync(path.join(app.dir, 'Client A 2025.armslength'))).toBe(true);
  await page.getByRole('button', { name: 'Open sample' }).click();
  await expect(page.getByText(/of \d+ transfers/)).toContainText('transfers');
  await expect(page.getByLabel('Ledger', { exact: true })).toHaveValue('Sample - Musk group');
});

test('undo an import from the history, and see the audit log record it and verify', async ({ page }) => {
  await page.goto(app.openUrl);
  await page.getByRole('navigation').getByRole('button', { name: 'Import' }).click();
  const history = page.getByRole('region', { name: 'Import history' });
  await expect(history.getByRole('row', { name: /transfers-comma\.csv/ })).toBeVisible();
  await history.getByRole('button', { name: 'Undo…' }).first().click();
  await history.getByRole('textbox').fill('wrong client file');
  await history.getByRole('button', { name: /^Undo batch \d+$/ }).click();
  await expect(history.getByRole('status')).toContainText(/Undid batch \d+: removed 3 transfers/);
  await expect(history.getByRole('row', { name: /transfers-comma\.csv/ })).toContainText('undone');
  await page.getByRole('navigation').getByRole('button', { name: 'Ledger', exact: true }).click();
  await expect(page.getByText(/ of 16 transfers/)).toBeVisible();
  await page.getByRole('navigation').getByRole('button', { name: 'Audit log' }).click();
  await expect(page.getByRole('row', { name: /undid import batch \d+ \(transfers-comma\.csv\).*wrong client file/ })).toBeVisible();
  await page.getByRole('button', { name: 'Verify the chain' }).click();
  await expect(page.getByRole('status')).toContainText(/Intact: \d+ entries/);
  await snap(page, 'audit-log');
});

test('import a proxy statement, review its proposed transfers, and accept one into the ledger', async ({ page }) => {
  await page.goto(app.openUrl);
  await page.getByRole('navigation').getByRole('button', { name: 'Import' }).click();
  await page.getByLabel('File to import').setInputFiles(path.resolve(__dirname, '../fixtures/proxy/def14a-tesla-style.htm'));
  const preview = page.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText(/proposed transfers for review/);
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status').first()).toContainText(/Imported batch \d+: 0 transfers, 0 disclosures, \d+ proposed transfers/);
  await page.getByRole('navigation').getByRole('button', { name: 'Review' }).click();
  const card = page.getByRole('listitem').filter({ hasText: '$2,100,000.00' }).first();
  await expect(card).toContainText('SpaceX');
  await expect(card).toContainText('Tesla, Inc.');
  // The sample already holds this payment: the card says so before anyone double counts it.
  await expect(card.getByRole('note')).toContainText(/already has transfer #\d+ with the same parties, amount and period/);
  await snap(page, 'review-queue');
  await card.getByRole('button', { name: 'Accept as transfer' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: '$2,100,000.00' })).toHaveCount(0);
  await page.getByRole('navigation').getByRole('button', { name: 'Ledger', exact: true }).click();
  await expect(page.getByText(/ of 17 transfers/)).toBeVisible();
});
