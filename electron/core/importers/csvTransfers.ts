// Import a CSV (or semicolon/tab/pipe separated) file of transfers. All or nothing: rows are
// checked and written in one transaction, every problem is collected with its line and column,
// and any problem rolls the whole file back. Each transfer keeps its line and the byte range of
// its row in the stored file, so its evidence is the file itself.
import { createHash } from 'node:crypto';
import Papa from 'papaparse';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { LedgerWriter } from '../ledger/write';
import { BulkTransferWriter } from '../ledger/bulkTransfers';
import { appendAudit } from '../ledger/auditLog';
import { documentFor, refuseIfImported } from '../ledger/documents';
import { normalizeName } from '../ledger/names';
import { EntityResolver } from './spreadsheet/entityResolver';
import { isCurrency, parseAmountToMinor, AmountSyntaxError } from '../../../shared/money';
import { parseIsoPartialDate, DateSyntaxError } from '../../../shared/dates';
import { resourceTypes, transferStatuses } from '../../../shared/domain';
import { mapColumns, type TransferField } from './csvColumns';
import { decimalSeparatorOf, type DecimalSeparator } from './decimalStyle';

export interface CsvImportResult { batchId: number; documentId: number; transfers: number; newEntities: number }

const MAX_REPORTED_ERRORS = 50;
const resourceTypeSet = new Set<string>(resourceTypes);
const statusSet = new Set<string>(transferStatuses);

class RowError extends Error {
  constructor(readonly field: TransferField, message: string) { super(message); }
}

function parseField<T>(field: TransferField, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof AmountSyntaxError || err instanceof DateSyntaxError) throw new RowError(field, err.message);
    throw err;
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

export function importCsvTransfers(db: Db, fileName: string, bytes: Buffer): CsvImportResult {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  refuseIfImported(db, sha256, fileName);
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bytes.toString('utf8', hasBom ? 3 : 0);
  // Byte offsets equal character offsets when the text is plain ASCII: skip measuring then.
  const ascii = text.length === bytes.length - (hasBom ? 3 : 0);
  const byteLength = ascii ? (s: string) => s.length : (s: string) => Buffer.byteLength(s);

  const errors: string[] = [];
  let errorCount = 0;
  const fail = (line: number, column: string | null, message: string) => {
    errorCount++;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(`${fileName} line ${line}${column ? `, column "${column}"` : ''}: ${message}`);
  };

  const run = db.transaction(() => {
    const w = new LedgerWriter(db);
    const documentId = documentFor(db, w, { name: fileName, kind: 'csv ledger', sha256, content: bytes });
    const batchId = w.batch(documentId, 'csv');
    const entities = new EntityResolver(db, w, batchId);
    const bulk = new BulkTransferWriter(db, { batchId, recordedAt: w.recordedAt, expectedRows: countNewlines(text) });
    let headers: string[] | null = null;
    let columns: Partial<Record<TransferField, number>> = {};
    let headerBroken = false;
    let decimal: DecimalSeparator | null = null;
    let rows = 0;
    // Papa reports where each row ends; lines and byte offsets are counted from there, so rows
    // with quoted newlines keep the right line number and range.
    let rowStart = 0;
    let byteCursor = hasBom ? 3 : 0;
    let line = 1;

    Papa.parse<string[]>(text, {
      delimitersToGuess: [',', ';', '\t', '|'],
      skipEmptyLines: 'greedy',
      step: (result) => {
        const end = result.meta.cursor;
        const raw = text.slice(rowStart, end);
        const body = raw.trimStart();
        const leading = raw.slice(0, raw.length - body.length);
        const rowText = body.trimEnd();
        line += countNewlines(leading);
        const rowLine = line;
        line += countNewlines(body);
        const startByte = byteCursor + byteLength(leading);
        const endByte = startByte + byteLength(rowText);
        byteCursor += byteLength(raw);
        rowStart = end;

        const cells = result.data;
        if (headers === null) {
          headers = cells;
          const mapped = mapColumns(cells);
          columns = mapped.columns;
          for (const p of mapped.problems) fail(rowLine, null, p);
          headerBroken = mapped.problems.length > 0;
          return;
        }
        if (headerBroken) return; // rows cannot be read against a broken header
        for (const e of result.errors) fail(rowLine, null, e.message);
        if (cells.length !== headers.length) {
          fail(rowLine, null, `has ${cells.length} cells, the header has ${headers.length}`);
          return;
        }
        const cell = (f: TransferField) => (columns[f] === undefined ? '' : (cells[columns[f]!] ?? '').trim());
        try {
          const date = parseField('date', () => parseIsoPartialDate(cell('date')));
          const fromName = cell('from');
          const toName = cell('to');
          if (!fromName) throw new RowError('from', 'is empty');
          if (!toName) throw new RowError('to', 'is empty');
          const resource = cell('resource');
          if (!resource) throw new RowError('resource', 'is empty');
          let amountMinor: number | null = null;
          let currency: string | null = null;
          const amountText = cell('amount');
          if (amountText) {
            currency = cell('currency').toUpperCase();
            if (!isCurrency(currency)) throw new RowError('currency', currency ? `"${cell('currency')}" is not an ISO 4217 currency code` : 'is empty, but the row has an amount');
            decimal ??= decimalSeparatorOf(amountText);
            const sep = decimal ?? '.';
            amountMinor = parseField('amount', () => parseAmountToMinor(amountText, currency!, sep));
          }
          let quantity: number | null = null;
          const qtyText = cell('quantity');
          if (qtyText) {
            quantity = Number(qtyText.replace(/[\s,]/g, ''));
            if (!Number.isFinite(quantity)) throw new RowError('quantity', `"${qtyText}" is not a number`);
            if (quantity < 0) throw new RowError('quantity', `"${qtyText}" is negative`);
          }
          const typeText = cell('resource_type').toLowerCase();
          const resourceType = typeText || (amountMinor !== null && quantity === null ? 'cash' : 'goods');
          if (!resourceTypeSet.has(resourceType)) throw new RowError('resource_type', `"${typeText}" is not one of ${resourceTypes.join(', ')}`);
          const status = cell('status').toLowerCase() || 'executed';
          if (!statusSet.has(status)) throw new RowError('status', `"${cell('status')}" is not one of ${transferStatuses.join(', ')}`);
          if (errorCount > 0) {
            // Keep checking rows so every problem is listed; writing stops at the first.
            if (normalizeName(fromName) === normalizeName(toName)) throw new RowError('to', `is the same party as "from" (${fromName})`);
            return;
          }
          const fromId = entities.resolve(fromName);
          const toId = entities.resolve(toName);
          if (fromId === toId) throw new RowError('to', `is the same party as "from" (${fromName})`);
          const intended = cell('intended_for');
          bulk.add({
            fromId, toId, intendedForId: intended ? entities.resolve(intended) : null,
            resourceType, resource, resourceKey: cell('resource_key') || null, quantity, unit: cell('unit') || null,
            amountMinor, currency, date: date.date, datePrecision: date.precision, status, description: cell('description'),
            sourceLine: rowLine, sourceStart: startByte, sourceEnd: endByte,
          });
          rows++;
        } catch (err) {
          if (err instanceof RowError) fail(rowLine, headers[columns[err.field] ?? -1] ?? err.field, err.message);
          else throw err;
        }
      },
    });
    if (headers === null) fail(1, null, 'the file is empty; expected a header row');
    else if (rows === 0 && errorCount === 0) fail(2, null, 'the file has a header but no rows');
    if (errorCount > 0) {
      const more = errorCount > errors.length ? [`... and ${errorCount - errors.length} more`] : [];
      throw new AppError('import_rejected', `${fileName}: ${errorCount} problem${errorCount === 1 ? '' : 's'}; nothing was imported.`, [...errors, ...more]);
    }
    bulk.finish();
    w.setBatchCounts(batchId, rows, entities.created);
    appendAudit(db, {
      action: 'import.csv',
      summary: `imported ${rows} transfers from ${fileName} (batch ${batchId}, ${entities.created} new entities)`,
      details: { batchId, documentId, fileName, sha256, bytes: bytes.length, transfers: rows, newEntities: entities.created },
    });
    return { batchId, documentId, transfers: rows, newEntities: entities.created };
  });
  return run();
}
