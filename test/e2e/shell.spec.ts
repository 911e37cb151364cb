// The workspace shell in Debian's Chromium against browser mode: the command palette and global
// search, the Flags board and a flag's page, the Overview, German formats and the dark theme.
import { test, expect, type Page } from '@playwright/test';
import { boardSettled } from './flagsBoardWait';
import { startApp, type RunningApp } from './server';

let app: RunningApp;
test.beforeAll(async () => { app = await startApp(); });
test.afterAll(async () => { await app.stop(); });

async function snap(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}
const nav = (page: Page) => page.getByRole('navigation');

test('find the H100 redirect through search: Ctrl+K, type, pick the transfer, see it selected in the ledger', async ({ page }) => {
  await page.goto(app.openUrl);
  await expect(page.getByRole('heading', { name: 'Ledger' })).toBeVisible();
  await expect(page.getByTestId('open-ledger-name')).toHaveText('Sample - Musk group');
  await nav(page).getByRole('button', { name: 'Flags' }).focus();

  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  const input = palette.getByRole('combobox', { name: 'Search or run a command' });
  await expect(input).toBeFocused();
  await page.keyboard.type('H100');
  const transfers = palette.getByRole('group', { name: 'Transfers' });
  await expect(transfers.getByRole('option')).toHaveCount(2);
  await expect(palette.getByRole('group', { name: 'Documents' })).toContainText('Analyst estimates of the Nvidia H100 price');
  await snap(page, 'palette-h100');

  // Keyboard only: move down to the redirect (Tesla → X), then Enter.
  for (let i = 0; i < 5; i++) {
    const selected = palette.getByRole('option', { selected: true });
    if (/Tesla, Inc\. → X Corp\./.test((await selected.textContent()) ?? '')) break;
    await page.keyboard.press('ArrowDown');
  }
  await expect(palette.getByRole('option', { selected: true })).toContainText('Nvidia H100 GPU');
  await expect(palette.getByRole('option', { selected: true })).toContainText('Tesla, Inc. → X Corp.');
  await expect(input).toHaveAttribute('aria-activedescendant', /palette-option-\d+/);
  await page.keyboard.press('Enter');

  await expect(palette).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Ledger' })).toBeVisible();
  await expect(nav(page).getByRole('button', { name: 'Ledger', exact: true })).toHaveAttribute('aria-current', 'page');
  const drawer = page.getByRole('complementary', { name: 'Transfer detail' });
  await expect(drawer).toContainText('$500,000,000.00');
  await expect(drawer.getByTestId('valuation')).toContainText('$300,000,000.00 – $480,000,000.00');
  await snap(page, 'ledger-from-search');
});

test('the palette keeps focus inside, closes with Escape, gives focus back, and runs commands', async ({ page }) => {
  await page.goto(app.openUrl);
  const flagsButton = nav(page).getByRole('button', { name: 'Flags' });
  await flagsButton.focus();
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    await expect(palette.locator(':focus')).toHaveCount(1);
  }
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await expect(flagsButton).toBeFocused();

  // A command by keyboard: "overview" → Enter goes there.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('overview');
  await expect(palette.getByRole('option', { selected: true })).toHaveText('Go to Overview');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();

  // Searching for a person finds the entity by a word inside its name; nothing found says so.
  await page.getByRole('button', { name: /Search or run a command/ }).click();
  await page.keyboard.type('musk');
  await expect(palette.getByRole('group', { name: 'Entities' })).toContainText('Elon Musk');
  await palette.getByRole('combobox').fill('qqqzzz');
  await expect(palette).toContainText('Nothing matches “qqqzzz”.');
  await page.keyboard.press('Escape');
});

test('dismiss a flag from its page and see it stay dismissed after reload', async ({ page }) => {
  await page.goto(app.openUrl);
  await nav(page).getByRole('button', { name: 'Flags' }).click();
  await expect(page.getByRole('heading', { name: 'Flags', level: 1 })).toBeVisible();
  const board = page.getByRole('table');
  // The board's first page arrives after the view shows: wait for its rows.
  await boardSettled(page);
  await expect(board.getByRole('row').nth(1)).toBeVisible();

  // Sorting by amount puts the largest amount at stake first.
  await page.getByRole('button', { name: 'Sort by At stake' }).click();
  await expect(page.getByRole('columnheader', { name: /At stake/ })).toHaveAttribute('aria-sort', 'descending');
  // Filtering by rule keeps only that rule's flags.
  await page.getByRole('combobox', { name: 'Rule', exact: true }).selectOption('common-control');
  await boardSettled(page);
  for (const code of await board.locator('tbody td:nth-child(3) code').allTextContents()) expect(code).toBe('common-control');

  await page.getByRole('row', { name: /Common control.*aircraft use/ }).click();
  const flag = page.getByRole('complementary', { name: 'Flag detail' });
  await expect(flag).toContainText('rule common-control v');
  await expect(flag.getByRole('img', { name: /Diagram: Elon Musk/ })).toBeVisible();
  await expect(flag.getByRole('button', { name: 'Show in graph' })).toBeVisible();
  await expect(flag.getByRole('button', { name: /Open the transfer in the ledger/ })).toContainText('aircraft use');
  await expect(flag.getByTestId('flag-status')).toHaveText('open');
  await snap(page, 'flag-page');

  await flag.getByRole('button', { name: 'Dismiss' }).click();
  await expect(flag.getByRole('alert')).toContainText('needs a reason');
  await expect(flag.getByLabel('Review reason')).toBeFocused();
  await flag.getByLabel('Review reason').fill('Approved in advance by the audit committee');
  await flag.getByRole('button', { name: 'Dismiss' }).click();
  await expect(flag.getByTestId('flag-status')).toHaveText('dismissed');
  await expect(flag).toContainText('(Approved in advance by the audit committee)');
  await expect(flag.getByTestId('reviewed-by')).toContainText(/Last reviewed (by .+ )?on /);

  await page.reload();
  await nav(page).getByRole('button', { name: 'Flags' }).click();
  await page.getByRole('combobox', { name: 'Review', exact: true }).selectOption('dismissed');
  await expect(page.getByRole('row', { name: /Common control.*aircraft use/ })).toContainText('dismissed');
  await page.getByRole('row', { name: /Common control.*aircraft use/ }).click();
  const again = page.getByRole('complementary', { name: 'Flag detail' });
  await expect(again.getByTestId('flag-status')).toHaveText('dismissed');
  await expect(again).toContainText('Approved in advance by the audit committee');
  await snap(page, 'flag-dismissed-after-reload');

  // Its evidence links open the document view.
  await again.getByRole('button', { name: /^Open .* at this passage$/ }).first().click();
  await expect(nav(page).getByRole('button', { name: 'Documents' })).toHaveAttribute('aria-current', 'page');
});

test('the overview adds up the ledger, with a timeline by month and by quarter', async ({ page }) => {
  await page.goto(app.openUrl);
  await nav(page).getByRole('button', { name: 'Overview' }).click();
  const totals = page.getByTestId('overview-totals');
  await expect(totals).toContainText('Transfers');
  await expect(totals.locator('.card').first().locator('.big')).toHaveText('16');
  await expect(page.getByRole('img', { name: /Timeline of \d+ periods/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Amount at stake by rule' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Related pairs by flagged value' })).toBeVisible();
  await snap(page, 'overview-month');
  await page.getByRole('radio', { name: 'By quarter' }).click();
  await page.getByText('Show as a table').click();
  await expect(page.getByRole('rowheader', { name: 'Q4 2023' })).toBeVisible();
  await snap(page, 'overview-quarter');
  // A rule's row leads to the board filtered to that rule.
  await page.getByRole('button', { name: /^Show the flags of rule / }).first().click();
  await expect(page.getByRole('heading', { name: 'Flags', level: 1 })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Rule', exact: true })).not.toHaveValue('');
});

test('German with its number and date formats, and the dark theme, kept after a reload', async ({ page }) => {
  await page.goto(app.openUrl);
  await nav(page).getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Language and formats').selectOption('de');
  await expect(page.getByRole('heading', { name: 'Einstellungen' })).toBeVisible();
  await page.getByRole('radio', { name: 'Dunkel' }).check();
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(html).toHaveAttribute('lang', 'de');
  await expect(html).toHaveCSS('background-color', 'rgb(21, 24, 28)');
  await expect(page.getByText(/Beispiel: 1\.234,56\s\$ · 31\.12\.2024/)).toBeVisible();
  await snap(page, 'settings-de-dark');

  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Hauptnavigation' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await nav(page).getByRole('button', { name: 'Übersicht' }).click();
  const totals = page.getByTestId('overview-totals');
  await expect(totals).toContainText('Übertragungen');
  // German grouping and decimal comma, e.g. "5.366.350.000,00 $".
  await expect(totals.locator('.money-mix').first()).toHaveText(/^\d{1,3}(\.\d{3})+,\d{2}\s\$$/);
  await snap(page, 'overview-de-dark');

  await nav(page).getByRole('button', { name: 'Hinweise' }).click();
  await expect(page.getByRole('heading', { name: 'Hinweise', level: 1 })).toBeVisible();
  await expect(page.getByRole('row', { name: /Dez\. 2023/ }).first()).toBeVisible();
  await page.keyboard.press('Control+K');
  await page.keyboard.type('grok');
  // A day-precision date in German form (7 May 2024 → 07.05.2024).
  await expect(page.getByRole('dialog', { name: 'Befehlspalette' }).getByRole('group', { name: 'Übertragungen' })).toContainText('07.05.2024');
  await snap(page, 'palette-de-dark');
  await page.keyboard.press('Escape');
});
