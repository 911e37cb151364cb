// Documents as the reader sees them: the list, and one document's readable text (a window of it,
// never megabytes at once) with one fact's excerpt located and highlighted, beside every fact
// the ledger draws from it.
import type { Db } from '../db/open';
import type { DocumentFact, DocumentGetOutput, DocumentTarget } from '../../../shared/viewSchemas';
import { AppError } from '../errors';
import { decodeDocument } from '../importers/proxy/decode';
import { documentText, looksLikeHtml } from '../importers/proxy/textMap';
import { bytesFromParts, decodeStoredText } from '../importers/spreadsheet/documentParts';

type TextKind = 'csv' | 'html' | 'text' | 'binary';
interface DocRow {
  id: number; name: string; kind: string; sha256: string | null; issuer: string | null; filed_on: string | null;
  source_url: string | null; size: number | null; parts_size: number | null; enc: string | null; added_at: string | null;
}
// A streamed import keeps its file in document_parts instead of documents.content.
const docCols = `d.id, d.name, d.kind, d.sha256, d.issuer, d.filed_on, d.source_url, length(d.content) AS size, d.added_at, d.text_encoding AS enc,
  (SELECT sum(length(p.content)) FROM document_parts p WHERE p.document_id = d.id) AS parts_size`;
const toListRow = (r: DocRow) => ({
  id: r.id, name: r.name, kind: r.kind, sha256: r.sha256, issuer: r.issuer, filedOn: r.filed_on, sourceUrl: r.source_url,
  held: r.size !== null || r.parts_size !== null, sizeBytes: r.size ?? r.parts_size, addedAt: r.added_at,
});

export function listDocuments(db: Db, q: { search: string; limit: number; afterId: number | null }) {
  const like = `%${q.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = db.prepare(`SELECT ${docCols} FROM documents d
    WHERE (@search = '' OR d.name LIKE @like ESCAPE '\\' OR ifnull(d.issuer, '') LIKE @like ESCAPE '\\' OR d.kind LIKE @like ESCAPE '\\')
      AND (@after IS NULL OR d.id < @after)
    ORDER BY d.id DESC LIMIT @limit`).all({ search: q.search.trim(), like, after: q.afterId, limit: q.limit + 1 }) as DocRow[];
  const page = rows.slice(0, q.limit);
  return { rows: page.map(toListRow), next: rows.length > q.limit ? page[page.length - 1]!.id : null };
}

/** The readable text of a stored document, and how it maps byte offsets (CSV rows) to characters. */
interface DocText { kind: TextKind; text: string; bytes: Buffer; raw: boolean; enc: string | null }

// Extracting an HTML filing's text costs tens of milliseconds: paging through it should not.
const cache = new Map<string, DocText>();
const CACHE_SIZE = 4;

function readableText(doc: DocRow, bytes: Buffer): DocText {
  const key = `${doc.id}:${doc.sha256 ?? bytes.length}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let result: DocText;
  let source: string | null = null;
  try { source = decodeDocument(bytes, doc.name); } catch { source = null; }
  if (source === null) result = { kind: 'binary', text: '', bytes, raw: true, enc: doc.enc };
  else if (/csv/i.test(doc.kind) || /\.(csv|tsv)$/i.test(doc.name)) {
    // Kept exactly as stored (BOM included) so a row's byte range maps to characters one to one.
    result = { kind: 'csv', text: decodeStoredText(bytes, doc.enc), bytes, raw: true, enc: doc.enc };
  } else if (/^proxy/i.test(doc.kind) || looksLikeHtml(source)) {
    // The same text the proxy importer's offsets (candidates, findings) refer to.
    result = { kind: looksLikeHtml(source) ? 'html' : 'text', text: documentText(source).text, bytes, raw: false, enc: doc.enc };
  } else result = { kind: 'text', text: source, bytes, raw: false, enc: doc.enc };
  cache.set(key, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return result;
}

const byteToChar = (t: DocText, byte: number) => decodeStoredText(t.bytes.subarray(0, Math.min(byte, t.bytes.length)), t.enc).length;

function lineRange(text: string, line: number): [number, number] | null {
  let start = 0;
  for (let i = 1; i < line; i++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return null;
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  return [start, end < 0 ? text.length : end];
}

/** Where the excerpt stands in the text: exactly, else with any run of spaces matching any other. */
export function findExcerpt(text: string, excerpt: string): [number, number] | null {
  const x = excerpt.trim();
  if (!x) return null;
  const at = text.indexOf(x);
  if (at >= 0) return [at, at + x.length];
  const words = x.slice(0, 400).split(/\s+/).filter(Boolean).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length === 0) return null;
  const m = new RegExp(words.join('\\s+'), 'i').exec(text);
  return m ? [m.index, m.index + m[0].length] : null;
}

interface Located { range: [number, number] | null; how: string; excerpt: string | null }

interface EvidenceRow { id: number; locator: string; excerpt: string; line: number | null; char_start: number | null; char_end: number | null }

function locateEvidence(t: DocText | null, e: EvidenceRow): Located {
  if (!t) return { range: null, how: 'not held', excerpt: e.excerpt };
  if (e.char_start !== null && e.char_end !== null && !t.raw) return { range: [e.char_start, e.char_end], how: 'range', excerpt: e.excerpt };
  if (e.line !== null && t.raw) {
    const r = lineRange(t.text, e.line);
    if (r) return { range: r, how: `line ${e.line}`, excerpt: e.excerpt };
  }
  const found = findExcerpt(t.text, e.excerpt);
  return { range: found, how: found ? 'excerpt found in the text' : 'excerpt not found in the text', excerpt: e.excerpt };
}

const evidenceCols = `e.id, e.locator, e.excerpt, e.line, e.char_start, e.char_end`;

function locate(db: Db, docId: number, t: DocText | null, target: DocumentTarget): Located {
  const none = (why: string): Located => ({ range: null, how: why, excerpt: null });
  switch (target.kind) {
    case 'range':
      return { range: [Math.min(target.charStart, target.charEnd), Math.max(target.charStart, target.charEnd)], how: 'range', excerpt: null };
    case 'evidence': {
      const e = db.prepare(`SELECT ${evidenceCols} FROM evidence e WHERE e.id = ? AND e.document_id = ?`).get(target.id, docId) as EvidenceRow | undefined;
      return e ? locateEvidence(t, e) : none(`evidence ${target.id} is not from this document`);
    }
    case 'transfer': {
      const s = db.prepare(`SELECT t.source_line, t.source_start, t.source_end FROM transfers t JOIN import_batches b ON b.id = t.batch_id
        WHERE t.id = ? AND b.document_id = ? AND t.source_start IS NOT NULL`).get(target.id, docId) as { source_line: number; source_start: number; source_end: number } | undefined;
      if (s && t?.raw) return { range: [byteToChar(t, s.source_start), byteToChar(t, s.source_end)], how: `line ${s.source_line}`, excerpt: null };
      if (s && !t) return none('the file is not stored');
      const e = db.prepare(`SELECT ${evidenceCols} FROM evidence e WHERE e.transfer_id = ? AND e.document_id = ? ORDER BY e.id LIMIT 1`).get(target.id, docId) as EvidenceRow | undefined;
      return e ? locateEvidence(t, e) : none(`transfer ${target.id} cites no place in this document`);
    }
    case 'candidate': {
      const c = db.prepare(`SELECT excerpt, char_start, char_end FROM transfer_candidates WHERE id = ? AND document_id = ?`).get(target.id, docId) as { excerpt: string; char_start: number | null; char_end: number | null } | undefined;
      if (!c) return none(`proposal ${target.id} is not from this document`);
      if (c.char_start !== null && c.char_end !== null && t && !t.raw) return { range: [c.char_start, c.char_end], how: 'range', excerpt: c.excerpt };
      const found = t ? findExcerpt(t.text, c.excerpt) : null;
      return { range: found, how: found ? 'excerpt found in the text' : 'excerpt not found in the text', excerpt: c.excerpt };
    }
    case 'disclosure':
    case 'finding': {
      const x = target.kind === 'disclosure'
        ? db.prepare(`SELECT excerpt AS text, locator FROM disclosures WHERE id = ? AND document_id = ?`).get(target.id, docId)
        : db.prepare(`SELECT text, locator FROM document_findings WHERE id = ? AND document_id = ?`).get(target.id, docId);
      const row = x as { text: string; locator: string } | undefined;
      if (!row) return none(`${target.kind} ${target.id} is not from this document`);
      const found = t ? findExcerpt(t.text, row.text) : null;
      return { range: found, how: found ? 'excerpt found in the text' : `not found in the text (${row.locator})`, excerpt: row.text.slice(0, 2000) };
    }
    case 'locator': {
      const e = db.prepare(`SELECT ${evidenceCols} FROM evidence e WHERE e.document_id = ? AND e.locator = ? ORDER BY e.id LIMIT 1`).get(docId, target.locator) as EvidenceRow | undefined;
      if (e) return locateEvidence(t, e);
      const c = db.prepare(`SELECT id FROM transfer_candidates WHERE document_id = ? AND locator = ? LIMIT 1`).pluck().get(docId, target.locator) as number | undefined;
      if (c !== undefined) return locate(db, docId, t, { kind: 'candidate', id: c });
      const line = /^line (\d+)/.exec(target.locator);
      const r = line && t ? lineRange(t.text, Number(line[1])) : null;
      return r ? { range: r, how: `line ${line![1]}`, excerpt: null } : none(`"${target.locator}" was not found in this document`);
    }
  }
}

/** How many facts of each kind the page lists at most (the counts say how many there are). */
const FACTS_PER_KIND = 200;

function documentFacts(db: Db, docId: number): { facts: DocumentFact[]; total: number } {
  const facts: DocumentFact[] = [];
  let total = 0;
  const count = (sql: string) => { total += db.prepare(sql).pluck().get(docId) as number; };

  const ev = db.prepare(`SELECT e.id, e.locator, e.excerpt, e.transfer_id,
      CASE WHEN e.transfer_id IS NOT NULL THEN 'Transfer #' || t.id || ': ' || tf.name || ' → ' || tt.name || ', ' || t.resource || ' (' || t.occurred_on || ')'
           WHEN e.affiliation_id IS NOT NULL THEN s.name || ' — ' || ifnull(a.role, a.kind) || ' → ' || o.name
           ELSE 'Entity: ' || en.name END AS label
    FROM evidence e
    LEFT JOIN transfers t ON t.id = e.transfer_id LEFT JOIN entities tf ON tf.id = t.from_id LEFT JOIN entities tt ON tt.id = t.to_id
    LEFT JOIN affiliations a ON a.id = e.affiliation_id LEFT JOIN entities s ON s.id = a.subject_id LEFT JOIN entities o ON o.id = a.object_id
    LEFT JOIN entities en ON en.id = e.entity_id
    WHERE e.document_id = ? ORDER BY e.id LIMIT ${FACTS_PER_KIND}`).all(docId) as Array<{ id: number; locator: string; excerpt: string; transfer_id: number | null; label: string }>;
  for (const e of ev) facts.push({ kind: 'evidence', transferId: e.transfer_id, label: e.label, locator: e.locator, excerpt: e.excerpt, target: { kind: 'evidence', id: e.id } });
  count(`SELECT count(*) FROM evidence WHERE document_id = ?`);

  // Imported rows: their evidence is the row itself (byte range in the stored file).
  const batches = JSON.stringify(db.prepare(`SELECT id FROM import_batches WHERE document_id = ?`).pluck().all(docId));
  const rows = db.prepare(`SELECT t.id, t.source_line, f.name AS from_name, o.name AS to_name, t.resource, t.occurred_on FROM transfers t
      JOIN entities f ON f.id = t.from_id JOIN entities o ON o.id = t.to_id
    WHERE t.batch_id IN (SELECT value FROM json_each(?)) AND t.source_start IS NOT NULL ORDER BY t.id LIMIT ${FACTS_PER_KIND}`).all(batches) as
    Array<{ id: number; source_line: number; from_name: string; to_name: string; resource: string; occurred_on: string }>;
  for (const r of rows) facts.push({ kind: 'transfer', transferId: r.id, label: `Transfer #${r.id}: ${r.from_name} → ${r.to_name}, ${r.resource} (${r.occurred_on})`, locator: `line ${r.source_line}`, excerpt: '', target: { kind: 'transfer', id: r.id } });
  // Past one page the batches' row counts say how many there are, without counting the rows.
  total += rows.length < FACTS_PER_KIND ? rows.length
    : db.prepare(`SELECT ifnull(sum(row_count), 0) FROM import_batches WHERE document_id = ? AND undone_at IS NULL`).pluck().get(docId) as number;

  const cands = db.prepare(`SELECT id, description, excerpt, locator, status, transfer_id FROM transfer_candidates WHERE document_id = ? ORDER BY id LIMIT ${FACTS_PER_KIND}`).all(docId) as
    Array<{ id: number; description: string; excerpt: string; locator: string; status: string; transfer_id: number | null }>;
  for (const c of cands) facts.push({ kind: 'candidate', transferId: c.transfer_id, label: `Proposed transfer (${c.status}): ${c.description}`, locator: c.locator, excerpt: c.excerpt, target: { kind: 'candidate', id: c.id } });
  count(`SELECT count(*) FROM transfer_candidates WHERE document_id = ?`);

  const discl = db.prepare(`SELECT d.id, d.concept, d.direction, d.amount_minor, d.currency, d.period_end, d.locator, d.excerpt, ifnull(c.name, d.counterparty_label) AS party
    FROM disclosures d LEFT JOIN entities c ON c.id = d.counterparty_id WHERE d.document_id = ? ORDER BY d.id LIMIT ${FACTS_PER_KIND}`).all(docId) as
    Array<{ id: number; concept: string; direction: string; amount_minor: number | null; currency: string | null; period_end: string | null; locator: string; excerpt: string; party: string | null }>;
  for (const d of discl) {
    const amount = d.amount_minor !== null ? ` ${d.currency} ${(d.amount_minor / 100).toFixed(2)}` : '';
    facts.push({ kind: 'disclosure', transferId: null, label: `Disclosure: ${d.concept} (${d.direction}${d.party ? `, ${d.party}` : ''}${d.period_end ? `, to ${d.period_end}` : ''})${amount}`, locator: d.locator, excerpt: d.excerpt, target: d.excerpt ? { kind: 'disclosure', id: d.id } : null });
  }
  count(`SELECT count(*) FROM disclosures WHERE document_id = ?`);

  const findings = db.prepare(`SELECT id, kind, concept, text, locator FROM document_findings WHERE document_id = ? ORDER BY id LIMIT ${FACTS_PER_KIND}`).all(docId) as
    Array<{ id: number; kind: string; concept: string | null; text: string; locator: string }>;
  for (const f of findings) facts.push({ kind: 'finding', transferId: null, label: f.kind === 'no_transactions' ? 'States there were no related-party transactions' : `Text block${f.concept ? ` (${f.concept})` : ''}`, locator: f.locator, excerpt: f.text.slice(0, 600), target: { kind: 'finding', id: f.id } });
  count(`SELECT count(*) FROM document_findings WHERE document_id = ?`);

  const figures = db.prepare(`SELECT f.figure, f.amount_minor, f.currency, f.period_end, f.locator, e.name FROM issuer_figures f JOIN entities e ON e.id = f.entity_id
    WHERE f.document_id = ? ORDER BY f.id LIMIT ${FACTS_PER_KIND}`).all(docId) as
    Array<{ figure: string; amount_minor: number; currency: string; period_end: string; locator: string | null; name: string }>;
  for (const f of figures) facts.push({ kind: 'figure', transferId: null, label: `${f.name}: ${f.figure} to ${f.period_end}, ${f.currency} ${(f.amount_minor / 100).toFixed(2)}`, locator: f.locator ?? '', excerpt: '', target: null });
  count(`SELECT count(*) FROM issuer_figures WHERE document_id = ?`);
  return { facts, total };
}

export interface DocumentQuery { id: number; target?: DocumentTarget; offset: number; windowChars: number }

/**
 * A file stored in parts (a streamed CSV import, possibly 100 MB) is never read whole: only the
 * parts under the window are. Offsets here count bytes of the file; the window starts at a line.
 */
function partsWindow(db: Db, doc: DocRow, q: DocumentQuery): Pick<DocumentGetOutput, 'text' | 'highlight' | 'note'> {
  const total = doc.parts_size!;
  let range: [number, number] | null = null;
  let note: string | null = null;
  if (q.target?.kind === 'transfer') {
    const s = db.prepare(`SELECT t.source_line, t.source_start, t.source_end FROM transfers t JOIN import_batches b ON b.id = t.batch_id
      WHERE t.id = ? AND b.document_id = ? AND t.source_start IS NOT NULL`).get(q.target.id, doc.id) as { source_start: number; source_end: number } | undefined;
    if (s) range = [s.source_start, s.source_end];
    else note = `transfer ${q.target.id} is not a row of this file`;
  } else if (q.target?.kind === 'range') range = [q.target.charStart, q.target.charEnd];
  else if (q.target) note = 'In a file this large only imported rows can be located; open one from its transfer.';
  let start = range ? Math.max(0, range[0] - Math.floor(q.windowChars / 3)) : Math.min(q.offset, Math.max(0, total - 1));
  let bytes = bytesFromParts(db, doc.id, start, Math.min(total, start + q.windowChars)) ?? Buffer.alloc(0);
  if (start > 0 && (!range || range[0] > start)) {
    const nl = bytes.indexOf(0x0a);
    if (nl >= 0 && (!range || start + nl < range[0])) { bytes = bytes.subarray(nl + 1); start += nl + 1; }
  }
  const text = decodeStoredText(bytes, doc.enc);
  const charAt = (byte: number) => start + decodeStoredText(bytes.subarray(0, Math.max(0, Math.min(bytes.length, byte - start))), doc.enc).length;
  return {
    text: { offset: start, text, totalChars: total },
    highlight: range ? { charStart: charAt(range[0]), charEnd: charAt(range[1]), how: 'row of the stored file' } : null,
    note,
  };
}

export function getDocument(db: Db, q: DocumentQuery): DocumentGetOutput {
  const doc = db.prepare(`SELECT ${docCols} FROM documents d WHERE d.id = ?`).get(q.id) as DocRow | undefined;
  if (!doc) throw new AppError('not_found', `No document with id ${q.id}`);
  if (doc.size === null && doc.parts_size !== null) {
    const { facts, total: factsTotal } = documentFacts(db, q.id);
    return { document: { ...toListRow(doc), textKind: 'csv' }, ...partsWindow(db, doc, q), excerpt: null, facts, factsTotal };
  }
  const content = doc.size === null ? null : (db.prepare(`SELECT content FROM documents WHERE id = ?`).pluck().get(q.id) as Buffer);
  const t = content ? readableText(doc, content) : null;
  const hasText = t !== null && t.kind !== 'binary';
  const found = q.target ? locate(db, q.id, hasText ? t : null, q.target) : null;
  const total = hasText ? t.text.length : 0;
  const range = found?.range ? [Math.max(0, Math.min(found.range[0], total)), Math.max(0, Math.min(found.range[1], total))] as const : null;
  // A window around the highlight, starting at a line so the first row reads whole.
  let offset = Math.min(q.offset, Math.max(0, total - 1));
  if (range && hasText) {
    const before = Math.max(0, range[0] - Math.floor(q.windowChars / 3));
    const lineStart = t.text.lastIndexOf('\n', before);
    offset = lineStart >= 0 && range[0] - lineStart < q.windowChars / 2 ? lineStart + 1 : before;
  }
  const { facts, total: factsTotal } = documentFacts(db, q.id);
  const note = !content ? 'The ledger does not hold this file: only its metadata and the excerpts it is cited for are stored.'
    : !hasText ? 'This file is not text (binary); it cannot be shown here.'
    : found && !range ? `The excerpt was not located in the text: ${found.how}.` : null;
  return {
    document: { ...toListRow(doc), textKind: t?.kind ?? null },
    text: hasText ? { offset, text: t.text.slice(offset, offset + q.windowChars), totalChars: total } : null,
    highlight: range ? { charStart: range[0], charEnd: range[1], how: found!.how } : null,
    excerpt: found?.excerpt ?? null,
    note,
    facts,
    factsTotal,
  };
}
