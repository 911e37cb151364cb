// Import a CSV (or semicolon/tab/pipe separated) file of transfers. All or nothing: rows are
// checked and written in one transaction, every problem is collected with its line and column,
// and any problem rolls the whole file back.
import { createHash } from 'node:crypto';
import Papa from 'papaparse';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { LedgerWriter } from '../ledger/write';
import { normalizeName } from '../ledger/names';
import { isCurrency, parseAmountToMinor, AmountSyntaxError } from '../../../shared/money';
import { parseIsoPartialDate, DateSyntaxError } from '../../../shared/dates';
import { resourceTypes, transferStatuses } from '../../../shared/domain';
import { mapColumns, type TransferField } from './csvColumns';
import { decimalSeparatorOf, type DecimalSeparator } from './decimalStyle';

export interface CsvImportResult { batchId: number; documentId: number; transfers: number; newEntities: number }

const MAX_REPORTED_ERRORS = 50;

class RowError extends Error {
  constructor(readonly field: TransferField, message: string) { super(message); }
}

function decodeText(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function importCsvTransfers(db: Db, fileName: string, bytes: Buffer): CsvImportResult {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const already = db.prepare(`SELECT b.id FROM documents d JOIN import_batches b ON b.document_id = d.id WHERE d.sha256 = ?`).pluck().get(sha256);
  if (already !== undefined) {
    throw new AppError('import_rejected', `${fileName}: this exact file was already imported (batch ${already}); nothing was added.`);
  }
  const text = decodeText(bytes);
  const w = new LedgerWriter(db);
  const errors: string[] = [];
  let errorCount = 0;
  const fail = (line: number, column: string | null, message: string) => {
    errorCount++;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(`${fileName} line ${line}${column ? `, column "${column}"` : ''}: ${message}`);
  };

  const entityIds = new Map<string, number>();
  for (const r of db.prepare(`SELECT id, norm_name FROM entities ORDER BY id`).iterate() as Iterable<{ id: number; norm_name: string }>) {
    if (!entityIds.has(r.norm_name)) entityIds.set(r.norm_name, r.id);
  }
  let newEntities = 0;
  const entityFor = (name: string): number => {
    const key = normalizeName(name);
    let id = entityIds.get(key);
    if (id === undefined) {
      id = w.entity({ kind: 'company', name });
      entityIds.set(key, id);
      newEntities++;
    }
    return id;
  };

  const run = db.transaction(() => {
    const documentId = w.document({ name: fileName, kind: 'csv ledger', sha256, content: bytes });
    const batchId = w.batch(documentId, 'csv');
    let headers: string[] | null = null;
    let columns: Partial<Record<TransferField, number>> = {};
    let decimal: DecimalSeparator | null = null;
    let headerBroken = false;
    let count = 0;
    // Papa reports where each row ends; lines are counted from there so quoted newlines are right.
    let rowStart = 0;
    let line = 1;

    const parsed = Papa.parse<string[]>(text, {
      delimitersToGuess: [',', ';', '\t', '|'],
      skipEmptyLines: 'greedy',
      step: (result) => {
        const end = result.meta.cursor;
        const raw = text.slice(rowStart, end);
        const leading = raw.length - raw.trimStart().length;
        line += countNewlines(raw.slice(0, leading));
        const rowLine = line;
        line += countNewlines(raw.slice(leading));
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
          if (normalizeName(fromName) === normalizeName(toName)) throw new RowError('to', `is the same party as "from" (${fromName})`);
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
          if (!(resourceTypes as readonly string[]).includes(resourceType)) {
            throw new RowError('resource_type', `"${typeText}" is not one of ${resourceTypes.join(', ')}`);
          }
          const status = cell('status').toLowerCase() || 'executed';
          if (!(transferStatuses as readonly string[]).includes(status)) {
            throw new RowError('status', `"${cell('status')}" is not one of ${transferStatuses.join(', ')}`);
          }
          if (errorCount > 0) return; // keep checking rows, stop writing them
          const intended = cell('intended_for');
          const transferId = w.transfer({
            fromId: entityFor(fromName), toId: entityFor(toName), intendedForId: intended ? entityFor(intended) : null,
            resourceType, resource, resourceKey: cell('resource_key') || null, quantity, unit: cell('unit') || null,
            amountMinor, currency, date: date.date, datePrecision: date.precision, status, description: cell('description'), batchId,
          });
          w.evidence({ documentId, locator: `line ${rowLine}`, excerpt: raw.trim(), transferId });
          count++;
        } catch (err) {
          if (err instanceof RowError) fail(rowLine, headers[columns[err.field] ?? -1] ?? err.field, err.message);
          else throw err;
        }
      },
    });
    void parsed;
    if (headers === null) fail(1, null, 'the file is empty; expected a header row');
    else if (count === 0 && errorCount === 0) fail(2, null, 'the file has a header but no rows');
    if (errorCount > 0) {
      const more = errorCount > errors.length ? [`... and ${errorCount - errors.length} more`] : [];
      throw new AppError('import_rejected', `${fileName}: ${errorCount} problem${errorCount === 1 ? '' : 's'}; nothing was imported.`, [...errors, ...more]);
    }
    w.setBatchCount(batchId, count);
    return { batchId, documentId, transfers: count, newEntities };
  });
  return run();
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
