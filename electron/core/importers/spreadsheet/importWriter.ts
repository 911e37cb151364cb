// Writes the rows of one spreadsheet as one import batch, inside the caller's transaction.
// Every problem is collected with its place in the file. Without "import the valid part" the
// first problem stops the writing (the rows after it are still checked, so every problem is
// listed) and finish() refuses the file, which rolls everything back. With it, valid rows are
// written, and the batch records that choice and the problems it left out. A party that may
// already be in the ledger under another name and has no decision is not a row problem: the
// import is refused whatever the choice, with every such party listed (partyDecisions.ts).
import type { Db } from '../../db/open';
import { AppError } from '../../errors';
import { LedgerWriter } from '../../ledger/write';
import { BulkTransferWriter } from '../../ledger/bulkTransfers';
import { appendAudit } from '../../ledger/auditLog';
import { normalizeName } from '../../ledger/names';
import type { TransferField } from '../csvColumns';
import { EntityResolver } from './entityResolver';
import { PartiesUndecidedError, type PartyDecision, type PartyDecisions, type UncertainParty, type UndecidedParties } from './partyDecisions';
import { readTransferRow, RowError, type RowReadState } from './transferRow';
import type { ColumnMapping, Locator, SheetRow, SpreadsheetOptions } from './sheetRow';
import { columnsOf } from './sheetRow';

const MAX_REPORTED_PROBLEMS = 50;
const MAX_RECORDED_PROBLEMS = 1000;
/** Up to this many transfers in the ledger, each row is checked against them for duplicates (a key set in memory). */
const DUPLICATE_CHECK_MAX_EXISTING = 300_000;

export interface WriterSetup {
  fileName: string;
  sha256: string;
  bytes: number;
  format: 'csv' | 'xlsx';
  documentId: number;
  mapping: ColumnMapping;
  options: SpreadsheetOptions;
  state: RowReadState;
  locator: Locator;
  importValidPart: boolean;
  expectedRows: number;
  /** XLSX rows have no byte range: each gets an evidence entry naming its sheet row instead. */
  rowEvidence: boolean;
  /** For each party that may already be in the ledger: the entity it is, or 'new'. */
  partyDecisions?: PartyDecisions;
  /** 'add-as-new': such a party without a decision is added as new (--new-entities, and the preview's counts). */
  undecidedParties?: UndecidedParties;
}

/** At most this many decisions are copied into the import's audit entry. */
const MAX_AUDITED_DECISIONS = 1000;

export interface SpreadsheetImportResult {
  batchId: number; documentId: number; transfers: number; newEntities: number; problemsLeftOut: number; validPartOnly: boolean;
  /** Rows equal to a transfer already in the ledger (same parties, date, resource, amount): skipped. */
  duplicatesSkipped: number;
  duplicates: string[];
  /** The first problems left out (all of them are recorded with the batch). */
  problems: string[];
  /** Parties that may already be in the ledger (the first of them), how many there were, and how many had no decision. */
  uncertainParties: UncertainParty[];
  uncertainCount: number;
  undecidedCount: number;
  /** Spellings added as aliases of the entities a decision named. */
  aliasesAdded: number;
}

export class SpreadsheetImportWriter {
  readonly problems: string[] = [];
  problemCount = 0;
  rowsSeen = 0;
  written = 0;
  private readonly w: LedgerWriter;
  readonly batchId: number;
  private readonly entities: EntityResolver;
  private readonly bulk: BulkTransferWriter;
  private readonly columns: Partial<Record<TransferField, number>>;
  private readonly evidence: Array<{ locator: string; excerpt: string }> = [];
  private readonly existing: Map<string, number> | null;
  duplicatesSkipped = 0;
  readonly duplicates: string[] = [];

  constructor(private readonly db: Db, private readonly s: WriterSetup) {
    this.w = new LedgerWriter(db);
    this.batchId = this.w.batch(s.documentId, s.format);
    this.entities = new EntityResolver(db, this.w, { fileName: s.fileName, batchId: this.batchId, decisions: s.partyDecisions, undecided: s.undecidedParties ?? 'refuse' });
    this.bulk = new BulkTransferWriter(db, { batchId: this.batchId, recordedAt: this.w.recordedAt, expectedRows: s.expectedRows });
    this.columns = columnsOf(s.mapping);
    this.existing = existingTransferKeys(db);
  }

  problem(where: string, message: string): void {
    this.problemCount++;
    if (this.problems.length < MAX_RECORDED_PROBLEMS) this.problems.push(`${where}: ${message}`);
  }

  /** Check one row and, unless an earlier problem stopped the writing, store it. */
  row(row: SheetRow, headerCount: number): void {
    this.rowsSeen++;
    const { locator } = this.s;
    for (const e of row.parseErrors ?? []) this.problem(locator.row(row), e);
    if (row.parseErrors?.length) return;
    if (row.cells.length !== headerCount && !row.kinds) {
      this.problem(locator.row(row), `has ${row.cells.length} cells, the header has ${headerCount}`);
      return;
    }
    try {
      const v = readTransferRow(row, this.columns, this.s.state);
      const stopped = (this.problemCount > 0 && !this.s.importValidPart) || this.entities.waiting;
      // Once stopped, keep checking so every problem and every undecided party is listed; nothing more is written.
      if (stopped) for (const name of [v.from, v.to, v.intendedFor]) if (name) this.entities.check(name);
      const sameParty = () => new RowError('to', `is the same party as "from" (${v.from})`);
      if (normalizeName(v.from) === normalizeName(v.to)) throw sameParty();
      if (stopped) return;
      const fromId = this.entities.resolve(v.from);
      const toId = this.entities.resolve(v.to);
      if (fromId === null || toId === null) return; // a party waits for a decision: finish() refuses the file
      if (fromId === toId) throw sameParty(); // two spellings of one entity (e.g. a name and its alias)
      const same = this.existing?.get(duplicateKey(fromId, toId, v.date.date, v.resource, v.amountMinor, v.currency));
      if (same !== undefined) {
        this.duplicatesSkipped++;
        if (this.duplicates.length < MAX_REPORTED_PROBLEMS) this.duplicates.push(`${locator.row(row)}: the same as transfer #${same} already in the ledger; skipped`);
        return;
      }
      const intendedForId = v.intendedFor ? this.entities.resolve(v.intendedFor) : null;
      if (intendedForId === null && v.intendedFor) return; // waits for a decision, as above
      this.bulk.add({
        fromId, toId, intendedForId,
        resourceType: v.resourceType, resource: v.resource, resourceKey: v.resourceKey, quantity: v.quantity, unit: v.unit,
        amountMinor: v.amountMinor, currency: v.currency, date: v.date.date, datePrecision: v.date.precision, status: v.status, description: v.description,
        sourceLine: row.line, sourceStart: row.start, sourceEnd: row.end,
      });
      this.written++;
      if (this.s.rowEvidence) this.evidence.push({ locator: locator.inDocument(row), excerpt: row.cells.join(' | ') });
    } catch (err) {
      if (!(err instanceof RowError)) throw err;
      const col = err.field === null ? undefined : this.columns[err.field];
      this.problem(col === undefined ? `${locator.row(row)}, field "${err.field}"` : locator.cell(row, col), err.message);
    }
  }

  /** Refuse (throwing rolls the caller's transaction back) or record the batch and its audit entry. */
  finish(): SpreadsheetImportResult {
    const { fileName, sha256, format } = this.s;
    if (this.entities.waiting) {
      const undecided = this.entities.uncertain.filter((p) => this.entities.undecided.has(p.name));
      const shown = this.problems.slice(0, MAX_REPORTED_PROBLEMS);
      const more = this.problemCount > shown.length ? [`... and ${this.problemCount - shown.length} more`] : [];
      throw new PartiesUndecidedError(fileName, undecided, this.entities.undecided.size, [...shown, ...more]);
    }
    if (this.rowsSeen === 0 && this.problemCount === 0) this.problem(`${fileName}`, 'the file has a header but no rows');
    if (this.written === 0 && this.problemCount === 0 && this.duplicatesSkipped > 0) {
      throw new AppError('import_rejected', `${fileName}: all ${this.duplicatesSkipped} rows are already in the ledger; nothing was added.`, this.duplicates.slice(0, MAX_REPORTED_PROBLEMS));
    }
    const refuse = this.problemCount > 0 && (!this.s.importValidPart || this.written === 0);
    if (refuse) {
      const shown = this.problems.slice(0, MAX_REPORTED_PROBLEMS);
      const more = this.problemCount > shown.length ? [`... and ${this.problemCount - shown.length} more`] : [];
      const why = this.s.importValidPart ? 'no row is valid' : 'nothing was imported';
      throw new AppError('import_rejected', `${fileName}: ${this.problemCount} problem${this.problemCount === 1 ? '' : 's'}; ${why}.`, [...shown, ...more]);
    }
    this.bulk.finish();
    if (this.evidence.length > 0) {
      const ids = this.db.prepare(`SELECT id FROM transfers WHERE batch_id = ? ORDER BY id`).pluck().all(this.batchId) as number[];
      ids.forEach((transferId, i) => {
        const e = this.evidence[i];
        if (e) this.w.evidence({ documentId: this.s.documentId, transferId, locator: e.locator, excerpt: e.excerpt });
      });
    }
    const validPartOnly = this.problemCount > 0;
    this.db.prepare(`UPDATE import_batches SET row_count = ?, entity_count = ?, valid_part_only = ?, problems_json = ? WHERE id = ?`)
      .run(this.written, this.entities.created, validPartOnly ? 1 : 0, validPartOnly ? JSON.stringify(this.problems) : null, this.batchId);
    const result: SpreadsheetImportResult = {
      batchId: this.batchId, documentId: this.s.documentId, transfers: this.written, newEntities: this.entities.created, problemsLeftOut: this.problemCount, validPartOnly,
      problems: this.problems.slice(0, MAX_REPORTED_PROBLEMS), duplicatesSkipped: this.duplicatesSkipped, duplicates: this.duplicates,
      uncertainParties: this.entities.uncertain, uncertainCount: this.entities.uncertainCount, undecidedCount: this.entities.undecided.size, aliasesAdded: this.entities.aliasesAdded,
    };
    const decided: Record<string, PartyDecision> = Object.fromEntries([...this.entities.used].slice(0, MAX_AUDITED_DECISIONS));
    const uncertainAddedAsNew = this.entities.undecided.size;
    appendAudit(this.db, {
      action: `import.${format}`,
      summary: `imported ${this.written} transfers from ${fileName} (batch ${this.batchId}, ${this.entities.created} new entities)`
        + (validPartOnly ? `; imported its valid part, leaving out ${this.problemCount} problems` : '')
        + (this.duplicatesSkipped ? `; skipped ${this.duplicatesSkipped} rows already in the ledger` : '')
        + (this.entities.used.size ? `; decided ${this.entities.used.size} parties that may already be in the ledger (${this.entities.aliasesAdded} kept as aliases)` : '')
        + (uncertainAddedAsNew ? `; added ${uncertainAddedAsNew} parties that may already be in the ledger as new without a decision (--new-entities)` : ''),
      details: { partyDecisions: decided, uncertainAddedAsNew, aliasesAdded: this.entities.aliasesAdded, batchId: result.batchId, documentId: result.documentId, transfers: result.transfers, newEntities: result.newEntities, problemsLeftOut: result.problemsLeftOut, validPartOnly, duplicatesSkipped: this.duplicatesSkipped, fileName, sha256, bytes: this.s.bytes, mapping: this.s.mapping, options: this.s.options, decimal: this.s.state.decimal, dateFormat: this.s.state.dateFormat },
    });
    return result;
  }
}

function duplicateKey(fromId: number, toId: number, date: string, resource: string, amountMinor: number | null, currency: string | null): string {
  return `${fromId}|${toId}|${date}|${amountMinor ?? ''}|${currency ?? ''}|${resource.trim().toLowerCase()}`;
}

/** The ledger's transfers by duplicate key, or null when there are none or too many to hold. */
function existingTransferKeys(db: Db): Map<string, number> | null {
  const n = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM transfers LIMIT ${DUPLICATE_CHECK_MAX_EXISTING + 1})`).pluck().get() as number;
  if (n === 0 || n > DUPLICATE_CHECK_MAX_EXISTING) return null;
  const keys = new Map<string, number>();
  const rows = db.prepare(`SELECT id, from_id AS f, to_id AS t, occurred_on AS d, resource AS r, amount_minor AS a, currency AS c FROM transfers ORDER BY id`)
    .iterate() as Iterable<{ id: number; f: number; t: number; d: string; r: string; a: number | null; c: string | null }>;
  for (const r of rows) {
    const key = duplicateKey(r.f, r.t, r.d, r.r, r.a, r.c);
    if (!keys.has(key)) keys.set(key, r.id);
  }
  return keys;
}
