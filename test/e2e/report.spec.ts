// The report page in browser mode: scope form, preview of the printed HTML, German, exports and
// the PDF, read back as a reader would.
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import Papa from 'papaparse';
import { startApp, type RunningApp } from './server';
import { pdfToText } from '../unit/pdfText';

let app: RunningApp;
test.beforeAll(async () => { app = await startApp(); });
test.afterAll(async () => { await app.stop(); });

test('scope a report, preview it, switch it to German, export a table and save the PDF', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(app.openUrl);
  await expect(page).toHaveURL(app.baseUrl);
  await page.getByRole('navigation').getByRole('button', { name: 'Report' }).click();
  await expect(page.getByRole('heading', { name: 'Audit report' })).toBeVisible();

  // The preview is the report's own HTML in a script-less frame.
  const preview = page.frameLocator('iframe[title="Report preview"]');
  await expect(preview.getByRole('heading', { name: '1. Executive summary' })).toBeVisible();
  await expect(preview.locator('body')).toContainText('#1: 12,000 × Nvidia H100 GPU from Tesla, Inc. to X Corp. (meant for Tesla, Inc.)');
  await expect(preview.locator('svg.path-diagram').first()).toBeVisible();
  await expect(page.getByTestId('report-info')).toContainText(/\d+ flags, 16 transfers in scope/);
  await expect(page.locator('iframe[title="Report preview"]')).toHaveAttribute('sandbox', 'allow-same-origin allow-modals');

  // Narrow it: Tesla only, December 2023, in German.
  await page.getByRole('searchbox', { name: 'Add an issuer or group' }).fill('Tesla');
  await page.getByRole('button', { name: /^Tesla, Inc\./ }).first().click();
  await expect(page.getByRole('list', { name: 'Issuers or groups' })).toContainText('Tesla, Inc.');
  await page.getByLabel('Period: From').fill('2023-12-01');
  await page.getByLabel('Period: To').fill('2023-12-31');
  await page.getByRole('combobox', { name: 'Report language' }).selectOption('de');
  await expect(preview.getByRole('heading', { name: '1. Zusammenfassung' })).toBeVisible();
  await expect(page.getByTestId('report-info')).toContainText(/1 transfer in scope/);
  await expect(preview.locator('body')).toContainText('300.000.000,00 $ – 480.000.000,00 $');
  // One section for the one flagged transfer, listing every rule it meets.
  await expect(preview.locator('section.flag')).toHaveCount(1);
  await expect(preview.locator('section.flag h4.rules-met')).toHaveText('Erfüllte Regeln');
  expect(await preview.locator('section.flag div.rule').count()).toBeGreaterThan(1);
  await page.screenshot({ path: test.info().outputPath('report-page.png'), fullPage: true });

  // One table as CSV, with the row the scope keeps.
  await page.getByRole('combobox', { name: 'Table' }).selectOption('flags');
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'CSV' }).click();
  const csvFile = test.info().outputPath('flags.csv');
  await (await csvDownload).saveAs(csvFile);
  const csv = Papa.parse<Record<string, string>>(fs.readFileSync(csvFile, 'utf8').trimEnd(), { header: true });
  expect(csv.errors).toEqual([]);
  expect(csv.data.length).toBeGreaterThan(0);
  expect(new Set(csv.data.map((r) => r.transfer_id))).toEqual(new Set(['1']));

  // The PDF: German running footer, and the run is recorded.
  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as PDF' }).click();
  const pdfFile = test.info().outputPath('bericht.pdf');
  await (await pdfDownload).saveAs(pdfFile);
  await expect(page.getByRole('status')).toContainText(/Saved .*\.pdf \(\d+ pages\)/);
  const text = pdfToText(fs.readFileSync(pdfFile)).replace(/\s+/g, ' ');
  expect(text).toContain('Prüfbericht zu Transaktionen mit nahestehenden Parteien');
  expect(text).toMatch(/Seite 1 von \d+/);
  expect(text).toContain('500.000.000,00 $');
  expect(text).toContain('Anhang E: Reproduzierbarkeit');
});
