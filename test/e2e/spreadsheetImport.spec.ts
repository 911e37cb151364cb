// The spreadsheet import wizard in Chromium: detected formats, an ambiguous date column that must
// be chosen, a corrected mapping saved as a preset, and an XLSX with an error cell imported in part.
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startApp, type RunningApp } from './server';

let app: RunningApp;
test.beforeAll(async () => { app = await startApp(); });
test.afterAll(async () => { await app.stop(); });

const fixtures = path.resolve(__dirname, '../fixtures/spreadsheet');

async function openImport(page: Page) {
  await page.goto(app.openUrl);
  await page.getByRole('navigation').getByRole('button', { name: 'Import' }).click();
}

test('an ambiguous date column blocks the import until a format is chosen', async ({ page }) => {
  await openImport(page);
  await page.getByLabel('File to import').setInputFiles(path.join(fixtures, 'ambiguous-dates.csv'));
  const preview = page.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText('CSV ledger of transfers');
  await expect(preview).toContainText('comma');
  await expect(preview.getByRole('alert')).toContainText('column "Date": every date fits both');
  const importButton = preview.getByRole('button', { name: 'Import', exact: true });
  await expect(importButton).toBeDisabled();
  await preview.getByLabel('Date format').selectOption('dmy');
  await expect(preview).toContainText('Would add: 3 transfers');
  await expect(preview.getByRole('alert')).toHaveCount(0);
  await expect(preview.getByRole('row', { name: /^Field/ })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('spreadsheet-ambiguous.png'), fullPage: true });
  await importButton.click();
  await expect(page.getByRole('status').first()).toContainText('Imported batch 1: 3 transfers');
});

test('a German export: detected style, a column ignored by the person, saved as a preset that the next file finds', async ({ page }) => {
  await openImport(page);
  await page.getByLabel('File to import').setInputFiles(path.join(fixtures, 'german-bom-semicolon.csv'));
  const preview = page.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText('UTF-8 with BOM');
  await expect(preview).toContainText('semicolon');
  await expect(preview).toContainText('1.234,56');
  await expect(preview).toContainText('day first');
  const memo = preview.getByLabel('Field for column "Verwendungszweck"');
  await expect(memo).toHaveValue('description');
  await memo.selectOption('');
  await expect(memo).toHaveValue('');
  await preview.getByLabel('Save mapping as preset').fill('Hausbank');
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').first()).toContainText('Imported batch');
  await expect(page.getByRole('status').first()).toContainText('3 transfers');
  // The same file again: the preset is found by its header row, and the import is refused as already done.
  await page.getByLabel('File to import').setInputFiles(path.join(fixtures, 'german-bom-semicolon.csv'));
  await expect(preview).toContainText('Mapping from the preset “Hausbank”');
  await expect(preview.getByLabel('Field for column "Verwendungszweck"')).toHaveValue('');
  await expect(preview).toContainText('already imported');
  await expect(preview.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
});

test('an XLSX with an error cell: named by sheet and cell, imported only as its valid part', async ({ page }) => {
  await openImport(page);
  await page.getByLabel('File to import').setInputFiles(path.join(fixtures, 'transfers.xlsx'));
  const preview = page.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText('XLSX workbook of transfers');
  await expect(preview.getByLabel('Sheet')).toHaveValue('Transfers');
  await expect(preview.getByRole('alert')).toContainText('transfers.xlsx, sheet "Transfers", cell E5: holds the error #DIV/0!');
  const importButton = preview.getByRole('button', { name: 'Import', exact: true });
  await expect(importButton).toBeDisabled();
  await preview.getByLabel('Import the valid part').check();
  await importButton.click();
  await expect(page.getByRole('status').first()).toContainText('4 transfers');
  await expect(page.getByRole('status').first()).toContainText('left out 1 problems');
});

test('a party that may already be in the ledger is asked about, and Import waits for the choice', async ({ page }) => {
  const csv = (name: string, row: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(`date,from,to,resource,amount,currency\n${row}\n`) });
  await openImport(page);
  await page.getByLabel('File to import').setInputFiles(csv('halcyon-1.csv', '2024-01-10,Halcyon Robotics Inc,Quill Data Ltd,Robot arms,100.00,USD'));
  const preview = page.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText('Would add: 1 transfers');
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').first()).toContainText('1 transfers');

  // The same firm under another legal form: asked, with no answer chosen for the person.
  await page.getByLabel('File to import').setInputFiles(csv('halcyon-2.csv', '2024-02-10,Halcyon Robotics GmbH,Quill Data Ltd,Spare parts,50.00,USD'));
  const which = preview.getByLabel('Which entity is Halcyon Robotics GmbH?');
  await expect(which).toBeVisible();
  await expect(which).toHaveValue('');
  const importButton = preview.getByRole('button', { name: 'Import', exact: true });
  await expect(importButton).toBeDisabled();
  await expect(preview).toContainText('Decide for 1 party that may already be in the ledger');
  await expect(which.locator('option')).toHaveText(['Choose…', 'A new entity', 'Halcyon Robotics Inc (same name apart from its legal form)']);
  await which.selectOption({ label: 'Halcyon Robotics Inc (same name apart from its legal form)' });
  await expect(importButton).toBeEnabled();
  await expect(preview).not.toContainText('Decide for');
  await expect(preview).toContainText('Would add: 1 transfers; 0 new parties');
  await page.screenshot({ path: test.info().outputPath('spreadsheet-party-decision.png'), fullPage: true });
  await importButton.click();
  // Landed on the existing entity: nothing new was added.
  await expect(page.getByRole('status').first()).toContainText('1 transfers, 0 new entities');

  // The spelling is now that entity's alias: a third file matches it without asking.
  await page.getByLabel('File to import').setInputFiles(csv('halcyon-3.csv', '2024-03-10,Halcyon Robotics GmbH,Quill Data Ltd,Service,10.00,USD'));
  await expect(preview).toContainText('Would add: 1 transfers; 0 new parties');
  await expect(preview.getByLabel('Which entity is Halcyon Robotics GmbH?')).toHaveCount(0);
  await expect(importButton).toBeEnabled();
});
