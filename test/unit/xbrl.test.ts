import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { it } from 'vitest';
import { parseXbrl } from '../../electron/core/importers/xbrl';

const fixture = (name: string) => readFileSync(resolve(__dirname, '../fixtures/xbrl', name));

it('dump', () => {
  for (const f of ['brightwater-esef-2023.xhtml', 'aapl-20250329-excerpt.htm']) {
    const r = parseXbrl(fixture(f), f);
    console.log(JSON.stringify({ ...r, disclosures: r.disclosures.map((d) => ({ ...d, locator: d.locator.label, issuer: undefined })), figures: r.figures.map((d) => ({ ...d, locator: d.locator.label })) }, null, 1));
  }
});

it('bench', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return import('../../bench/xbrlParse').then(({ benchXbrlParse }) => {
    console.log(benchXbrlParse());
  });
}, 120000);
