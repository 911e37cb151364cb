import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findExcerpt, getDocument, listDocuments } from '../../electron/core/ledger/documentView';
import { importDocument } from '../../electron/core/importers/documentImport';
import { importCsvStream, fileSource } from '../../electron/core/importers/spreadsheet/streamImport';
import { tempDir, tempSampleLedger } from './tempLedger';

const fixture = (...p: string[]) => path.resolve(__dirname, '../fixtures', ...p);
const doc = (db: ReturnType<typeof tempSampleLedger>['db'], name: string) => db.prepare(`SELECT id FROM documents WHERE name = ?`).pluck().get(name) as number;
const highlighted = (d: ReturnType<typeof getDocument>) => {
  const h = d.highlight!;
  return d.text!.text.slice(h.charStart - d.text!.offset, h.charEnd - d.text!.offset);
};

describe('documents:list', () => {
  it('lists documents newest first, says which are held, and searches name, issuer and kind', () => {
    const { db } = tempSampleLedger();
    const all = listDocuments(db, { search: '', limit: 100, afterId: null });
    expect(all.rows.length).toBe(db.prepare(`SELECT count(*) FROM documents`).pluck().get());
    expect(all.rows.every((r) => !r.held)).toBe(true); // the sample holds no files
    expect(listDocuments(db, { search: 'CNBC', limit: 100, afterId: null }).rows.map((r) => r.issuer)).toEqual(['CNBC']);
    const first = listDocuments(db, { search: '', limit: 3, afterId: null });
    const rest = listDocuments(db, { search: '', limit: 100, afterId: first.next });
    expect([...first.rows, ...rest.rows].map((r) => r.id)).toEqual(all.rows.map((r) => r.id));
  });
});

describe('document:get', () => {
  it('shows a document the ledger does not hold by its metadata and the cited excerpt', () => {
    const { db } = tempSampleLedger();
    const memo = doc(db, 'CNBC report of 4 June 2024 on an Nvidia internal memo (Dec 2023)');
    const ev = db.prepare(`SELECT id FROM evidence WHERE document_id = ? ORDER BY id LIMIT 1`).pluck().get(memo) as number;
    const d = getDocument(db, { id: memo, target: { kind: 'evidence', id: ev }, offset: 0, windowChars: 20_000 });
    expect(d.text).toBeNull();
    expect(d.document.held).toBe(false);
    expect(d.note).toMatch(/does not hold this file/);
    expect(d.excerpt).toMatch(/redirect 12,000 H100 GPUs/);
    expect(d.facts.filter((f) => f.kind === 'evidence').map((f) => f.label)).toContainEqual(expect.stringMatching(/Tesla, Inc\. → X Corp\., Nvidia H100 GPU/));
  });

  it('highlights an imported CSV row by its byte range, a quoted line break included', async () => {
    const { db } = tempSampleLedger();
    const bytes = fs.readFileSync(fixture('csv', 'transfers-comma.csv'));
    await importDocument(db, 'transfers-comma.csv', bytes);
    const id = doc(db, 'transfers-comma.csv');
    const rows = db.prepare(`SELECT t.id, t.source_start, t.source_end FROM transfers t JOIN import_batches b ON b.id = t.batch_id WHERE b.document_id = ? ORDER BY t.id`).all(id) as Array<{ id: number; source_start: number; source_end: number }>;
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      const d = getDocument(db, { id, target: { kind: 'transfer', id: r.id }, offset: 0, windowChars: 20_000 });
      expect(d.document.textKind).toBe('csv');
      expect(highlighted(d)).toBe(bytes.subarray(r.source_start, r.source_end).toString('utf8'));
    }
    const second = getDocument(db, { id, target: { kind: 'transfer', id: rows[1]!.id }, offset: 0, windowChars: 20_000 });
    expect(highlighted(second)).toContain('Training run, billed\nin two parts');
    expect(second.facts.filter((f) => f.kind === 'transfer')).toHaveLength(3);
    // A locator string alone finds the line too.
    expect(highlighted(getDocument(db, { id, target: { kind: 'locator', locator: 'line 2' }, offset: 0, windowChars: 20_000 }))).toMatch(/^2024-03-15,Acme Holdings/);
  });

  it('highlights a proxy statement\'s proposed transfer at its character range in the readable text', async () => {
    const { db } = tempSampleLedger();
    await importDocument(db, 'def14a-tesla-style.htm', fs.readFileSync(fixture('proxy', 'def14a-tesla-style.htm')));
    const id = doc(db, 'def14a-tesla-style.htm');
    const cands = db.prepare(`SELECT id, excerpt, char_start, char_end FROM transfer_candidates WHERE document_id = ?`).all(id) as Array<{ id: number; excerpt: string; char_start: number; char_end: number }>;
    expect(cands.length).toBeGreaterThan(0);
    for (const c of cands) {
      const d = getDocument(db, { id, target: { kind: 'candidate', id: c.id }, offset: 0, windowChars: 1000 });
      expect(d.document.textKind).toBe('html');
      expect(d.text!.text).not.toMatch(/<\/?(p|td|div)\b/); // readable text, not markup
      const h = highlighted(d);
      expect(h.length).toBe(c.char_end - c.char_start);
      expect(findExcerpt(h, c.excerpt.slice(0, 40))).not.toBeNull();
      // The window holds the highlight and no more than was asked.
      expect(d.text!.offset).toBeLessThanOrEqual(d.highlight!.charStart);
      expect(d.text!.text.length).toBeLessThanOrEqual(1000);
    }
  });

  it('finds an excerpt in the text when only the excerpt is known, spacing aside, and says when it is not there', async () => {
    expect(findExcerpt('one  two\nthree four', 'two three')).toEqual([5, 14]);
    expect(findExcerpt('abc', 'xyz')).toBeNull();
    const { db } = tempSampleLedger();
    await importDocument(db, 'transfers-comma.csv', fs.readFileSync(fixture('csv', 'transfers-comma.csv')));
    const id = doc(db, 'transfers-comma.csv');
    const d = getDocument(db, { id, target: { kind: 'locator', locator: 'page 99' }, offset: 0, windowChars: 20_000 });
    expect(d.highlight).toBeNull();
    expect(d.note).toMatch(/not located/);
    expect(() => getDocument(db, { id: 9999, offset: 0, windowChars: 20_000 })).toThrow('No document with id 9999');
  });

  it('pages a large document instead of sending it whole', async () => {
    const { db } = tempSampleLedger();
    const lines = ['date,from,to,resource,amount,currency'];
    for (let i = 0; i < 20_000; i++) lines.push(`2024-01-02,Firm A${i % 7},Firm B${i % 5},item ${i},${i + 1}.00,USD`);
    const bytes = Buffer.from(lines.join('\n') + '\n');
    await importDocument(db, 'big.csv', bytes);
    const id = doc(db, 'big.csv');
    const last = db.prepare(`SELECT max(t.id) FROM transfers t JOIN import_batches b ON b.id = t.batch_id WHERE b.document_id = ?`).pluck().get(id) as number;
    const d = getDocument(db, { id, target: { kind: 'transfer', id: last }, offset: 0, windowChars: 5000 });
    expect(d.text!.totalChars).toBe(bytes.length);
    expect(d.text!.text.length).toBeLessThanOrEqual(5000);
    expect(highlighted(d)).toBe(`2024-01-02,Firm A${19_999 % 7},Firm B${19_999 % 5},item 19999,20000.00,USD`);
    expect(d.factsTotal).toBe(20_000);
    expect(d.facts.filter((f) => f.kind === 'transfer')).toHaveLength(200);
    const page2 = getDocument(db, { id, offset: 5000, windowChars: 5000 });
    expect(page2.text!.offset).toBe(5000);
  });

  it('reads a file stored in parts (a streamed import) by windows, never whole, non-ASCII names included', async () => {
    const { db } = tempSampleLedger();
    const lines = ['date,from,to,resource,amount,currency'];
    for (let i = 0; i < 40_000; i++) lines.push(`2024-02-0${1 + (i % 9)},Müller ${i % 13} GmbH,Zoë ${i % 11} SA,consulting ${i},${i + 1}.00,EUR`);
    const file = path.join(tempDir(), 'streamed.csv');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    await importCsvStream(db, await fileSource(file, 'streamed.csv'));
    const id = doc(db, 'streamed.csv');
    expect(db.prepare(`SELECT count(*) FROM document_parts WHERE document_id = ?`).pluck().get(id)).toBeGreaterThan(1);
    const bytes = fs.readFileSync(file);
    const row = db.prepare(`SELECT t.id, t.source_start, t.source_end FROM transfers t JOIN import_batches b ON b.id = t.batch_id WHERE b.document_id = ? ORDER BY t.id DESC LIMIT 1`).get(id) as { id: number; source_start: number; source_end: number };
    const d = getDocument(db, { id, target: { kind: 'transfer', id: row.id }, offset: 0, windowChars: 4000 });
    expect(d.document).toMatchObject({ held: true, sizeBytes: bytes.length, textKind: 'csv' });
    expect(highlighted(d)).toBe(bytes.subarray(row.source_start, row.source_end).toString('utf8').replace(/\n$/, ''));
    expect(highlighted(d)).toContain('Müller');
    expect(Buffer.byteLength(d.text!.text)).toBeLessThanOrEqual(4000);
    expect(d.text!.text.startsWith('2024-02-')).toBe(true); // the window starts at a line
    const list = listDocuments(db, { search: 'streamed', limit: 10, afterId: null });
    expect(list.rows[0]).toMatchObject({ held: true, sizeBytes: bytes.length });
  });
});
