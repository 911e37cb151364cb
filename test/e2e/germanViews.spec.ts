// The import wizard, the import history and the audit log in German: their words, and counts and
// moments in German formats (31.12.2024, 14:05:09), on the sample ledger in browser mode.
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startApp, type RunningApp } from './server';

let app: RunningApp;
test.beforeAll(async () => { app = await startApp(); });
test.afterAll(async () => { await app.stop(); });

const fixtures = path.resolve(__dirname, '../fixtures/csv');

test('import a CSV and check the chain in German: wizard, history, audit log and grid words', async ({ page }) => {
  await page.addInitScript(`localStorage.setItem('armslength.locale', 'de');`);
  await page.goto(app.openUrl);
  const nav = page.getByRole('navigation');
  await nav.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { name: 'Import', level: 1 })).toBeVisible();
  await expect(page.getByText('Datei wählen oder hier ablegen')).toBeVisible();
  const history = page.getByRole('region', { name: 'Importverlauf' });
  await expect(history).toBeVisible();

  await page.getByLabel('Zu importierende Datei').setInputFiles(path.join(fixtures, 'transfers-comma.csv'));
  const preview = page.getByRole('region', { name: 'Importvorschau' });
  await expect(preview).toContainText('CSV-Liste mit Übertragungen');
  await expect(preview).toContainText('Zeichenkodierung');
  await expect(preview).toContainText('Würde hinzufügen: 3 Übertragungen');
  await expect(preview.getByRole('group', { name: 'Spalten und erste Zeilen' })).toBeVisible();
  await expect(preview.getByLabel('Feld für Spalte „amount“')).toHaveValue('amount');
  await expect(preview.getByLabel('Dezimaltrennzeichen')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('import-de.png'), fullPage: true });
  await preview.getByRole('button', { name: 'Importieren', exact: true }).click();
  await expect(page.getByRole('status').first()).toContainText(/Import Nr\. \d+ abgeschlossen: 3 Übertragungen, \d+ neue Beteiligte\. Die Hinweise wurden neu ermittelt\./);

  // The history names the batch in German and dates it as 31.12.2024, 14:05.
  const row = history.getByRole('row', { name: /transfers-comma\.csv/ });
  await expect(row).toContainText(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
  await expect(history.getByRole('columnheader', { name: 'Zeilen' })).toBeVisible();
  await row.getByRole('button', { name: 'Rückgängig machen…' }).click();
  await expect(row.getByRole('textbox', { name: /^Grund, Import Nr\. \d+ rückgängig zu machen$/ })).toHaveAttribute('placeholder', 'Grund (optional)');
  await row.getByRole('button', { name: 'Abbrechen' }).click();

  // The grid: a German day date, German money, and the stored status code by its German name.
  await nav.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByText(/ von 19 Transfers/)).toBeVisible();
  await expect(page.getByRole('row', { name: /^15\.03\.2024 Acme Holdings Acme Robotics consulting services 1\.250\.000,00\s\$ ausgeführt/ })).toBeVisible();

  await nav.getByRole('button', { name: 'Prüfprotokoll' }).click();
  await expect(page.getByRole('heading', { name: 'Prüfprotokoll' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Wann' })).toBeVisible();
  const when = page.locator('table.grid tbody tr td:nth-child(2)').first();
  await expect(when).toHaveText(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}:\d{2}$/);
  await page.getByRole('button', { name: 'Kette prüfen' }).click();
  await expect(page.getByRole('status')).toContainText(/✓ Unversehrt: \d+ Einträge, letzter Hash [0-9a-f]{16}…/);
  await page.screenshot({ path: test.info().outputPath('audit-de.png'), fullPage: true });
});
