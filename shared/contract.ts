// The one API between the renderer and core. Every channel has a zod schema for its input and
// its output; both transports (Electron IPC and the browser-mode bridge) validate against these.
import { z } from 'zod';
import { Flag, LedgerInfo, LedgerSettings, RelatedParty, TransferDetail, TransferRow, flagStatuses, resourceTypes, transferSortKeys } from './domain';
import { AffiliationInput, EntityInput, PriceBandInput, TransferInput, TransferPatch } from './ledgerInputs';
import { ImportPreset, ImportProgressEvent, SpreadsheetImportInput, SpreadsheetImportResult, SpreadsheetPreview, SpreadsheetPreviewInput } from './spreadsheetSchemas';
import { ReportScope, reportExportFormats, reportLanguages, reportTables } from './reportScope';
import { Overview, SearchHits, overviewGranularities } from './domain';
import { LookThroughResult, RuleProfile, RuleProfilePatch, SensitivityInput, SensitivityResult, UnexplainedDisclosure, ValuationAssumptions, ValuationDetail } from './rulesTypes';
import { FxCurrencies, PriceBandRow } from './priceBookTypes';
import { DocumentGetInput, DocumentGetOutput, DocumentListInput, DocumentListOutput, EntityPage, EntitySearchInput, EntitySearchOutput, FlowsInput, FlowsOutput, GraphInput, GraphOutput } from './viewSchemas';
import { FlagPageInput, FlagPageOutput, FlagWithTransfer } from './flagBoard';

const ledgerName = z
  .string()
  .trim()
  .min(1, 'a ledger needs a name')
  .max(80)
  .regex(/^[\p{L}\p{N} _.-]+$/u, 'use letters, digits, spaces, dot, dash or underscore')
  .refine((s) => !s.startsWith('.'), 'a ledger name cannot start with a dot');

const id = z.number().int().positive();
const created = z.object({ id });
const done = z.object({ ok: z.literal(true) });
const reason = (message: string) => z.string().trim().min(1, message).max(2000);

const ImportBatch = z.object({
  id: z.number().int(), format: z.string(), fileName: z.string(), sha256: z.string().nullable(), rows: z.number().int(),
  newEntities: z.number().int(), importedAt: z.string(), undoneAt: z.string().nullable(),
});

const AuditEntry = z.object({
  seq: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), summary: z.string(),
  details: z.unknown(), prevHash: z.string(), hash: z.string(),
});

const fileName = z.string().min(1).max(260);

const DocumentPreview = z.object({
  fileName: z.string(), format: z.string(), sha256: z.string(), alreadyImportedBatch: z.number().int().nullable(),
  counts: z.object({ entities: z.number().int(), affiliations: z.number().int(), transfers: z.number().int(), disclosures: z.number().int(),
    figures: z.number().int(), candidates: z.number().int(), textBlocks: z.number().int() }),
  entities: z.array(z.object({ key: z.string(), name: z.string(), match: z.union([
    z.object({ key: z.string(), status: z.literal('matched'), entityId: z.number().int(), entityName: z.string(), by: z.enum(['identifier', 'name', 'alias']), detail: z.string() }),
    z.object({ key: z.string(), status: z.literal('uncertain'), candidates: z.array(z.object({ entityId: z.number().int(), entityName: z.string(), why: z.string() })) }),
    z.object({ key: z.string(), status: z.literal('new') }),
  ]) })),
  problems: z.array(z.string()), problemCount: z.number().int(), statesNoTransactions: z.string().nullable(),
});

const Candidate = z.object({
  id: z.number().int(), documentId: z.number().int(), documentName: z.string(), issuerId: z.number().int().nullable(), issuerName: z.string().nullable(),
  counterparty: z.string().nullable(), direction: z.enum(['from_issuer', 'to_issuer', 'unknown']), amountMinor: z.number().int().nullable(),
  currency: z.string().nullable(), periodText: z.string().nullable(), periodStart: z.string().nullable(), periodEnd: z.string().nullable(),
  description: z.string(), excerpt: z.string(), locator: z.string(), charStart: z.number().int().nullable(), charEnd: z.number().int().nullable(),
  status: z.enum(['pending', 'accepted', 'rejected']), transferId: z.number().int().nullable(), decidedReason: z.string().nullable(),
  possibleDuplicateOf: z.number().int().nullable(),
});

const TransferAsOf = z.object({
  id: z.number().int(), fromId: z.number().int(), fromName: z.string(), toId: z.number().int(), toName: z.string(),
  resourceType: z.string(), resource: z.string(), quantity: z.number().nullable(), unit: z.string().nullable(),
  amountMinor: z.number().int().nullable(), currency: z.string().nullable(), date: z.string(), datePrecision: z.string(),
  status: z.string(), description: z.string(), recordedAt: z.string().nullable(),
});

/**
 * Where a page of transfers ends, opaque to the renderer: the last row's sort key and tie-breaking
 * ids ([date, id], [amount, id], or [party norm_name, party id, date, id] for from/to).
 */
const cursor = z.array(z.union([z.string().max(1000), z.number(), z.null()])).min(1).max(4);

export const contract = {
  'ledger:info': { input: z.object({}), output: LedgerInfo },
  'ledger:list': {
    input: z.object({}),
    output: z.array(z.object({ name: z.string(), current: z.boolean() })),
  },
  'ledger:create': { input: z.object({ name: ledgerName }), output: LedgerInfo },
  'ledger:switch': { input: z.object({ name: ledgerName }), output: LedgerInfo },
  'ledger:openSample': { input: z.object({}), output: LedgerInfo },
  'transfers:page': {
    input: z.object({
      limit: z.number().int().min(1).max(500).default(100),
      // from/to sort by the party's normalised name (then its id), then date, then transfer id.
      sort: z.enum(transferSortKeys).default('date'),
      dir: z.enum(['asc', 'desc']).default('desc'),
      after: cursor.nullable().default(null),
      /** Without `after`: start this many matching rows into the order (a grid jumping far, e.g. its scrollbar dragged). */
      offset: z.number().int().min(0).max(100_000_000).optional(),
      /** Without `after`/`offset`: start at this transfer; the output's `offset` says where it stands in the order. */
      at: z.number().int().optional(),
      search: z.string().max(200).default(''),
      filters: z
        .object({
          /** Transfers with this entity on either side. */
          entityId: z.number().int().optional(),
          resourceType: z.enum(resourceTypes).optional(),
          currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code').optional(),
          dateFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').optional(),
          dateTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').optional(),
          /** Only transfers with a flag that is not dismissed. */
          flagged: z.boolean().optional(),
        })
        .strict()
        .optional(),
    }),
    output: z.object({
      rows: z.array(TransferRow),
      next: cursor.nullable(),
      total: z.number().int(),
      /** Set when total is a lower bound: counting stopped at a row budget (a search, or a filter no index can count). */
      totalCapped: z.boolean().optional(),
      /** Where rows[0] stands in the order, when the request gave `offset` or `at`. */
      offset: z.number().int().optional(),
    }),
  },
  'transfer:get': { input: z.object({ id: z.number().int() }), output: TransferDetail },
  /** Every flag in full, with its transfer (69 MB at 29k flags): the board pages with flags:page instead. */
  'flags:list': { input: z.object({}), output: z.array(Flag.extend({ transfer: TransferRow })) },
  /** The Flags board: a keyset page of flags (without paths), sorted and filtered in SQLite (shared/flagBoard.ts). */
  'flags:page': { input: FlagPageInput, output: FlagPageOutput },
  /** One flag in full with its transfer, for its page. */
  'flag:get': { input: z.object({ id: z.number().int() }), output: FlagWithTransfer },
  'flags:run': {
    input: z.object({}),
    output: z.object({ created: z.number().int(), updated: z.number().int(), removed: z.number().int(), total: z.number().int(),
      // full or incremental (only transfers added or edited since the last run), why, and how many transfers were evaluated.
      mode: z.enum(['full', 'incremental']).optional(), reason: z.string().optional(), evaluated: z.number().int().optional() }),
  },
  'flag:review': {
    // by: who reviews; the ledger's reviewer name (settings) when absent.
    input: z.object({ id: z.number().int(), status: z.enum(flagStatuses), reason: z.string().trim().max(2000).default(''), by: z.string().trim().min(1).max(120).optional() }),
    output: Flag,
  },
  'report:pdf': {
    // title alone is the old input; scope (shared/reportScope.ts) chooses entities, period, regimes, flags, currency, language.
    input: z.object({ title: z.string().max(200).optional(), scope: ReportScope.optional() }),
    output: z.object({ fileName: z.string(), pdfBase64: z.string(), pages: z.number().int().nullable() }),
  },
  'report:html': {
    input: z.object({ scope: ReportScope.optional() }),
    output: z.object({ html: z.string(), title: z.string(), stateHash: z.string(), flags: z.number().int(), transfers: z.number().int(), language: z.enum(reportLanguages) }),
  },
  'report:export': {
    input: z.object({ scope: ReportScope.optional(), format: z.enum(reportExportFormats), table: z.enum(reportTables).optional() }),
    output: z.object({ fileName: z.string(), mimeType: z.string(), contentBase64: z.string() }),
  },
  // The system print dialog, where the platform has one (Electron); browser mode prints the preview frame itself.
  'report:print': { input: z.object({ scope: ReportScope.optional() }), output: z.object({ printed: z.boolean() }) },
  'entity:create': { input: EntityInput, output: created },
  'affiliation:create': { input: AffiliationInput, output: created },
  'transfer:create': { input: TransferInput, output: created },
  'transfer:update': { input: z.object({ id, patch: TransferPatch }), output: done },
  'transfer:delete': { input: z.object({ id, reason: reason('say why the transfer is removed') }), output: done },
  'entities:merge': {
    input: z.object({ winnerId: id, loserId: id, reason: reason('say why the two are the same') }),
    output: done,
  },
  'imports:list': { input: z.object({}), output: z.array(ImportBatch) },
  'import:undo': {
    input: z.object({ batchId: id, reason: z.string().trim().max(2000).default('') }),
    output: z.object({ transfers: z.number().int(), entities: z.number().int(), disclosures: z.number().int() }),
  },
  'audit:list': {
    input: z.object({ limit: z.number().int().min(1).max(500).default(100), beforeSeq: z.number().int().positive().optional() }),
    output: z.array(AuditEntry),
  },
  'audit:verify': {
    input: z.object({}),
    output: z.union([
      z.object({ ok: z.literal(true), entries: z.number().int(), head: z.string().nullable() }),
      z.object({ ok: z.literal(false), entries: z.number().int(), firstBad: z.number().int(), problem: z.string() }),
    ]),
  },
  'document:preview': { input: z.object({ fileName, contentBase64: z.base64() }), output: DocumentPreview },
  'document:import': {
    input: z.object({
      fileName, contentBase64: z.base64(),
      decisions: z.record(z.string(), z.union([id, z.literal('new')])).default({}),
      importValidPart: z.boolean().default(false),
    }),
    output: z.object({ format: z.string(), batchId: z.number().int(), transfers: z.number().int(), disclosures: z.number().int(),
      candidates: z.number().int(), entitiesNew: z.number().int(), problemsLeftOut: z.number().int() }),
  },
  // Spreadsheets (CSV, TSV, XLSX): detection, mapping, presets, an import job with progress (electron/core/importers/spreadsheet/).
  'spreadsheet:preview': { input: SpreadsheetPreviewInput, output: SpreadsheetPreview },
  'spreadsheet:import': { input: SpreadsheetImportInput, output: SpreadsheetImportResult },
  'import:cancel': { input: z.object({ jobId: z.string().min(1).max(100) }), output: z.object({ cancelled: z.boolean() }) },
  'importPresets:list': { input: z.object({}), output: z.array(ImportPreset) },
  'importPresets:delete': { input: z.object({ id }), output: done },
  'settings:get': { input: z.object({}), output: LedgerSettings },
  'settings:set': { input: LedgerSettings.partial(), output: LedgerSettings },
  'entity:relatedParties': {
    input: z.object({ entityId: id, asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').optional() }),
    output: z.array(RelatedParty),
  },
  // Rules, regimes and valuation (conflicts/, valuation/; schemas in shared/rulesTypes.ts).
  'entity:lookThrough': {
    input: z.object({ entityId: id, asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').optional() }),
    output: LookThroughResult,
  },
  'rules:profile:get': { input: z.object({}), output: RuleProfile },
  'rules:profile:set': { input: RuleProfilePatch, output: RuleProfile },
  'valuation:assumptions:get': { input: z.object({}), output: ValuationAssumptions },
  'valuation:assumptions:set': { input: ValuationAssumptions.partial(), output: ValuationAssumptions },
  'valuation:detail': { input: z.object({ transferId: id }), output: ValuationDetail },
  'valuation:sensitivity': { input: SensitivityInput, output: SensitivityResult },
  'disclosures:unexplained': { input: z.object({}), output: z.array(UnexplainedDisclosure) },
  // Pickers for the sensitivity panel and the reporting-currency setting (valuation/priceBook.ts).
  'priceBands:list': { input: z.object({}), output: z.array(PriceBandRow) },
  'fx:currencies': { input: z.object({}), output: FxCurrencies },
  'export:ftm': { input: z.object({}), output: z.object({ fileName: z.string(), content: z.string() }) },
  // Command palette and Overview (ledger/search.ts, ledger/overview.ts).
  'search:global': {
    input: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(50).default(8) }),
    output: SearchHits,
  },
  'overview:get': { input: z.object({ granularity: z.enum(overviewGranularities).default('month') }), output: Overview },
  'candidates:list': {
    input: z.object({ status: z.enum(['pending', 'accepted', 'rejected', 'all']).default('pending') }),
    output: z.array(Candidate),
  },
  'candidate:accept': {
    input: z.object({
      id,
      counterpartyId: id.optional(), issuerId: id.optional(), direction: z.enum(['from_issuer', 'to_issuer']).optional(),
      resourceType: z.enum(resourceTypes).optional(), resource: z.string().trim().min(1).max(300).optional(),
      date: z.string().trim().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY-MM-DD, YYYY-MM or YYYY').optional(),
    }),
    output: created,
  },
  'candidate:reject': { input: z.object({ id, reason: reason('say why the proposal is rejected') }), output: done },
  'priceBand:create': { input: PriceBandInput, output: created },
  'fx:import': {
    input: z.object({ fileName: z.string().min(1).max(260), content: z.string(), source: reason('say where the rates come from') }),
    output: z.object({ added: z.number().int(), skipped: z.number().int() }),
  },
  // Read-only views: entity list and page, affiliation graph, flows, documents (shared/viewSchemas.ts).
  'entities:search': { input: EntitySearchInput, output: EntitySearchOutput },
  'entity:get': { input: z.object({ id }), output: EntityPage },
  'graph:neighbourhood': { input: GraphInput, output: GraphOutput },
  'flows:summary': { input: FlowsInput, output: FlowsOutput },
  'documents:list': { input: DocumentListInput, output: DocumentListOutput },
  'document:get': { input: DocumentGetInput, output: DocumentGetOutput },
  'ledger:asOf': {
    input: z.object({ at: z.iso.datetime({ message: 'expected a moment such as 2024-06-01T00:00:00Z' }), limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.object({ at: z.string(), total: z.number().int(), transfers: z.array(TransferAsOf) }),
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events core pushes to the renderer (no reply). */
export const events = {
  'ledger:changed': z.object({ reason: z.string() }),
  'import:progress': ImportProgressEvent,
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** How an error crosses a transport: a code the UI can act on and a message a person can read. */
export const ApiErrorShape = z.object({
  code: z.enum(['invalid_input', 'not_found', 'import_rejected', 'ledger_refused', 'internal']),
  message: z.string(),
  details: z.array(z.string()).default([]),
});
export type ApiErrorShape = z.infer<typeof ApiErrorShape>;

export const Reply = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorShape }),
]);
export type Reply = z.infer<typeof Reply>;

// Compile-time check: channelNames.ts lists exactly the contract's channels and events.
import type { channelNames, eventNames } from './channelNames';
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelListMatches: Same<(typeof channelNames)[number], Channel> = true;
const eventListMatches: Same<(typeof eventNames)[number], EventName> = true;
void channelListMatches;
void eventListMatches;
