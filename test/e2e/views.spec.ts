// The Graph, Entities, Flows and Documents views on the sample ledger, in Debian's Chromium
// against browser mode: a flag's path in the graph, Tesla's page, the Tesla→X flow, and an
// evidence link that opens a document at its excerpt.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startApp, type RunningApp } from './server';

let app: RunningApp;
test.beforeAll(async () => { app = await startApp(); });
test.afterAll(async () => { await app.stop(); });

async function snap(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}
const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true });

test('the H100 flag\'s path in the graph: Musk, Tesla and X highlighted, as of Dec 2023', async ({ page }) => {
  await page.goto(app.openUrl);
  await nav(page, 'Graph').click();
  await expect(page.getByText(/Choose an entity to centre the graph on/)).toBeVisible();
  const option = page.getByLabel('Flag path').locator('option', { hasText: /^Common control: Elon Musk on both sides — Nvidia H100 GPU, Dec 2023/ });
  await page.getByLabel('Flag path').selectOption((await option.getAttribute('value'))!);
  await expect(page.getByText(/Path of the flag: Common control/)).toBeVisible();
  const nodes = page.getByRole('list', { name: 'Entities', exact: true });
  const onPath = nodes.locator('li[data-on-path="true"]');
  await expect(onPath).toHaveCount(3);
  await expect(onPath).toContainText(['Elon Musk', 'Tesla, Inc.', 'X Corp.']);
  await expect(page.getByLabel('As of')).toHaveValue('2023-12-01');
  // xAI did not own X in Dec 2023: no such link on that date.
  await expect(page.getByRole('list', { name: 'Links' })).not.toContainText('xAI —owns 100%→ X Corp.');
  await expect(page.getByRole('list', { name: 'Links' })).toContainText('Elon Musk —controls (owner)→ X Corp.');
  await expect(page.getByTestId('graph-canvas').locator('canvas').first()).toBeVisible();
  await snap(page, 'graph-flag-path');

  // After 28 March 2025 X sits under xAI.
  await page.getByLabel('As of').fill('2025-04-01');
  await expect(page.getByRole('list', { name: 'Links' })).toContainText('xAI —owns 100%→ X Corp.');
  await snap(page, 'graph-2025');

  // A node in the list opens the entity page.
  await page.getByRole('button', { name: 'Open Tesla, Inc.' }).click();
  await expect(page.getByRole('heading', { name: 'Tesla, Inc.' })).toBeVisible();
});

test('Tesla\'s entity page: identifiers, roles over time, transfers in and out, related parties state', async ({ page }) => {
  await page.goto(app.openUrl);
  await nav(page, 'Entities').click();
  await page.getByLabel('Search entities').fill('TSLA');
  await page.getByRole('region', { name: 'Entities found' }).getByRole('button', { name: /Tesla, Inc\./ }).click();
  const entity = page.getByRole('article', { name: 'Tesla, Inc.' });
  await expect(entity).toContainText('CIK 0001318605');
  await expect(entity).toContainText('Tesla Motors');
  const roles = entity.getByRole('table', { name: 'Roles and holdings over time' });
  await expect(roles.getByRole('row', { name: /Elon Musk: CEO.*2008-10-01/ })).toBeVisible();
  await expect(roles.getByRole('row', { name: /Elon Musk: owns 13%/ })).toBeVisible();
  const out = entity.getByRole('table', { name: /Transfers out/ });
  await expect(out.getByRole('row', { name: /Dec 2023.*X Corp\..*Nvidia H100 GPU.*\$500,000,000\.00.*redirected/ })).toBeVisible();
  await expect(entity.getByRole('table', { name: /Transfers in/ })).toContainText('Megapack purchases');
  // Related parties come from another channel; its state shows without hiding the page.
  await expect(entity.getByRole('heading', { name: 'Related parties by regime' })).toBeVisible();
  await expect(entity.getByText(/^(US SEC \(Regulation S-K Item 404\)|Related parties could not be listed:.*)$/).first()).toBeVisible();
  await snap(page, 'entity-tesla');
});

test('the flows of 2023: Tesla → X as a Sankey and a table, with the two-way pairs named', async ({ page }) => {
  await page.goto(app.openUrl);
  await nav(page, 'Flows').click();
  await expect(page.getByText(/moved in \d+ transfers/)).toBeVisible();
  const table = page.getByRole('table', { name: 'Flows as a table' });
  await expect(table.getByRole('row', { name: /Tesla, Inc\. X Corp\. \$500,250,000\.00/ })).toBeVisible();
  await expect(page.getByTestId('sankey').locator('path[data-flow^="Tesla, Inc. → X Corp.: $500,250,000.00"]')).toHaveCount(1);
  await expect(page.getByText(/Tesla, Inc\. ⇄ X Corp\./)).toBeVisible();
  await snap(page, 'flows-2023');
  await page.getByLabel('Net opposite flows').check();
  await expect(table.getByRole('row', { name: /Tesla, Inc\. X Corp\. \$499,250,000\.00/ })).toBeVisible();
  await page.getByRole('checkbox', { name: 'gpu' }).check();
  await expect(table.getByRole('row')).toHaveCount(2); // header + the H100 redirect
});

test('an evidence link opens its document: the excerpt of a file not held, and a highlighted passage of an imported one', async ({ page }) => {
  await page.goto(app.openUrl);
  // The sample's sources are press reports the ledger does not hold.
  await nav(page, 'Entities').click();
  await page.getByLabel('Search entities').fill('Tesla');
  await page.getByRole('region', { name: 'Entities found' }).getByRole('button', { name: /Tesla, Inc\./ }).click();
  const roles = page.getByRole('table', { name: 'Roles and holdings over time' });
  await roles.getByRole('row', { name: /Elon Musk: CEO/ }).getByRole('button', { name: /Reported control facts/ }).click();
  const doc = page.getByRole('article', { name: /Reported control facts/ });
  await expect(doc).toContainText('not stored');
  await expect(doc.getByRole('note')).toContainText('does not hold this file');
  await expect(doc.getByTestId('doc-excerpt')).toHaveText('Musk is CEO of Tesla.');
  await snap(page, 'document-not-held');

  // An imported proxy statement is stored: its proposed transfers open at their passage.
  await nav(page, 'Import').click();
  await page.getByLabel('File to import').setInputFiles(path.resolve(__dirname, '../fixtures/proxy/def14a-tesla-style.htm'));
  await page.getByRole('region', { name: 'Import preview' }).getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status').first()).toContainText(/Imported batch \d+/);
  await nav(page, 'Documents').click();
  await page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: /def14a-tesla-style\.htm/ }).click();
  const filing = page.getByRole('article', { name: 'def14a-tesla-style.htm' });
  await expect(filing).toContainText('stored');
  const fact = filing.getByRole('listitem').filter({ hasText: /Proposed transfer.*SpaceX/ }).first();
  await fact.getByRole('button', { name: 'Show in text' }).click();
  const mark = filing.getByTestId('doc-highlight');
  await expect(mark).toBeVisible();
  await expect(mark).toContainText('SpaceX');
  await expect(mark).toBeInViewport();
  await expect(filing.getByLabel('Text of def14a-tesla-style.htm')).not.toContainText('<td');
  await snap(page, 'document-highlight');
});

/** A group of 700 firms and people as FollowTheMoney lines: a holding, 60 subsidiaries, each with 10 more below and a director. */
function bigGroup(): string {
  const lines: object[] = [
    { id: 'p-founder', schema: 'Person', properties: { name: ['Founder Person'] } },
    { id: 'c-hold', schema: 'Company', properties: { name: ['Group Holding AG'] } },
    { id: 'o-hold', schema: 'Ownership', properties: { owner: ['p-founder'], asset: ['c-hold'], percentage: ['60'], startDate: ['2015'] } },
  ];
  for (let i = 0; i < 60; i++) {
    lines.push({ id: `c-sub${i}`, schema: 'Company', properties: { name: [`Subsidiary ${i} GmbH`] } });
    lines.push({ id: `o-sub${i}`, schema: 'Ownership', properties: { owner: ['c-hold'], asset: [`c-sub${i}`], percentage: ['100'], startDate: ['2016'] } });
    lines.push({ id: `p-dir${i}`, schema: 'Person', properties: { name: [`Director ${i}`] } });
    lines.push({ id: `d-dir${i}`, schema: 'Directorship', properties: { director: [`p-dir${i}`], organization: [`c-sub${i}`], role: ['Managing Director'], startDate: ['2018'] } });
    for (let j = 0; j < 10; j++) {
      lines.push({ id: `c-op${i}-${j}`, schema: 'Company', properties: { name: [`Operating ${i}.${j} Ltd`] } });
      lines.push({ id: `o-op${i}-${j}`, schema: 'Ownership', properties: { owner: [`c-sub${i}`], asset: [`c-op${i}-${j}`], percentage: [String(51 + j)], startDate: ['2019'] } });
    }
  }
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

test('a 700-entity group stays bounded and legible: the cap, the left-out count, and the keyboard list', async ({ page }) => {
  const file = test.info().outputPath('big-group.ftm.jsonl');
  fs.writeFileSync(file, bigGroup());
  await page.goto(app.openUrl);
  await nav(page, 'Import').click();
  await page.getByLabel('File to import').setInputFiles(file);
  await page.getByRole('region', { name: 'Import preview' }).getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status').first()).toContainText(/Imported batch \d+/, { timeout: 60_000 });
  await nav(page, 'Graph').click();
  await page.getByLabel('Centre on').fill('Group Holding');
  await page.getByRole('button', { name: 'Group Holding AG' }).click();
  await page.getByLabel('Hops').selectOption('3');
  await expect(page.getByText(/^400 entities, \d+ links/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('note').filter({ hasText: /more entities within reach were left out/ })).toContainText(/\d+ more entities/);
  await expect(page.getByRole('list', { name: 'Entities', exact: true }).getByRole('listitem')).toHaveCount(400);
  await page.getByRole('button', { name: 'Fit' }).click();
  await snap(page, 'graph-400');
  // The list is the keyboard's way in: Tab reaches an entity and Enter opens its page.
  await page.getByRole('button', { name: 'Open Subsidiary 0 GmbH' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Subsidiary 0 GmbH' })).toBeVisible();
});

test('in German and the dark theme: the flows and the graph read in the chosen language and colours', async ({ page }) => {
  // Runs in the page (a string: this file is type-checked without the DOM library).
  await page.addInitScript(`localStorage.setItem('armslength.locale', 'de'); localStorage.setItem('armslength.theme', 'dark');`);
  await page.goto(app.openUrl);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('navigation').getByRole('button').filter({ hasText: /^(Flows|Flüsse)$/ }).click();
  await expect(page.getByRole('heading', { name: 'Flüsse' })).toBeVisible();
  await expect(page.getByText(/in \d+ Übertragungen bewegt/)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Flüsse als Tabelle' })).toContainText('500.250.000,00');
  await snap(page, 'flows-de-dark');
  await page.getByRole('navigation').getByRole('button').filter({ hasText: /^(Graph|Graph)$/ }).click();
  await page.getByLabel('Zentrum').fill('Tesla');
  await page.getByRole('button', { name: 'Tesla, Inc.' }).click();
  await expect(page.getByText(/^\d+ Beteiligte, \d+ Verbindungen/)).toBeVisible();
  await page.getByRole('button', { name: 'Einpassen' }).click();
  await snap(page, 'graph-de-dark');
});
