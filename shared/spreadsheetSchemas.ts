// Zod schemas for the spreadsheet import channels (CSV, TSV, XLSX), used by shared/contract.ts.
import { z } from 'zod';

export const transferFieldNames = [
  'date', 'from', 'to', 'resource', 'resource_type', 'resource_key', 'quantity', 'unit',
  'amount', 'currency', 'description', 'status', 'intended_for',
] as const;
export const dateFormatNames = ['iso', 'dmy', 'mdy'] as const;
export const encodingNames = ['utf-8', 'utf-8-bom', 'windows-1252'] as const;
export const delimiterChars = [',', ';', '\t', '|'] as const;

const field = z.enum(transferFieldNames);
/** One ledger field (or null: ignore the column) per column, in column order. */
export const ColumnMapping = z.array(field.nullable()).max(500);
export const SpreadsheetOptions = z.object({
  encoding: z.enum(encodingNames).optional(),
  delimiter: z.enum(delimiterChars).optional(),
  decimal: z.enum(['.', ',']).optional(),
  dateFormat: z.enum(dateFormatNames).optional(),
  sheet: z.string().max(100).optional(),
}).strict();

const fileName = z.string().min(1).max(260);
const presetName = z.string().trim().min(1, 'a preset needs a name').max(100);

/** The most party decisions one import takes, and the longest party name. */
export const MAX_PARTY_DECISIONS = 10_000;
/**
 * For each party that may already be in the ledger (listed as uncertain by the preview), keyed by
 * its name as written in the file (trimmed): the id of the entity it is, or 'new'.
 */
export const PartyDecisions = z.record(z.string().trim().min(1, 'a party name is empty').max(500), z.union([z.literal('new'), z.number().int().positive()]))
  .refine((r) => Object.keys(r).length <= MAX_PARTY_DECISIONS, `at most ${MAX_PARTY_DECISIONS.toLocaleString('en-US')} party decisions`);

export const SpreadsheetPreviewInput = z.object({
  fileName, contentBase64: z.base64(), mapping: ColumnMapping.optional(), options: SpreadsheetOptions.optional(),
  /** The choices so far: the preview then counts new entities as the import would. */
  partyDecisions: PartyDecisions.optional(),
});

const match = z.union([
  z.object({ key: z.string(), status: z.literal('matched'), entityId: z.number().int(), entityName: z.string(), by: z.enum(['identifier', 'name', 'alias']), detail: z.string() }),
  z.object({ key: z.string(), status: z.literal('uncertain'), candidates: z.array(z.object({ entityId: z.number().int(), entityName: z.string(), why: z.string() })) }),
  z.object({ key: z.string(), status: z.literal('new') }),
]);

export const SpreadsheetPreview = z.object({
  fileName: z.string(), format: z.enum(['csv', 'xlsx']), sha256: z.string(), alreadyImportedBatch: z.number().int().nullable(),
  encoding: z.object({ value: z.enum(encodingNames), label: z.string() }).nullable(),
  delimiter: z.object({ value: z.enum(delimiterChars), label: z.string() }).nullable(),
  sheets: z.array(z.string()), sheet: z.string().nullable(),
  numberStyle: z.object({ decimal: z.enum(['.', ',']), thousands: z.enum([',', '.', ' ', "'"]).nullable(), decided: z.boolean(), example: z.string().nullable(), conflicts: z.array(z.string()), label: z.string() }),
  dateColumn: z.object({ header: z.string(), candidates: z.array(z.enum(dateFormatNames)), ambiguous: z.boolean(), sample: z.array(z.string()) }).nullable(),
  dateFormat: z.enum(dateFormatNames).nullable(),
  headers: z.array(z.string()),
  rows: z.array(z.object({ line: z.number().int(), cells: z.array(z.string()) })),
  totalRows: z.number().int(),
  suggestions: z.array(z.object({ column: z.number().int(), header: z.string(), field: field.nullable(), confidence: z.number(), why: z.string() })),
  mapping: ColumnMapping,
  preset: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  counts: z.object({ transfers: z.number().int(), newEntities: z.number().int(), duplicates: z.number().int() }),
  duplicates: z.array(z.string()),
  entities: z.array(z.object({ name: z.string(), match })),
  /** Parties that may already be in the ledger beyond those listed; the import's refusal names them. */
  uncertainNotShown: z.number().int(),
  /** Parties in the file that may already be in the ledger and have no decision yet (counted as new entities). */
  undecidedParties: z.number().int(),
  problems: z.array(z.string()), problemCount: z.number().int(),
});

export const SpreadsheetImportInput = SpreadsheetPreviewInput.extend({
  importValidPart: z.boolean().default(false),
  savePresetAs: presetName.optional(),
  /** Chosen by the caller so it can cancel (import:cancel) and follow import:progress before the reply. */
  jobId: z.string().min(1).max(100).optional(),
});

export const SpreadsheetImportResult = z.object({
  format: z.enum(['csv', 'xlsx']), batchId: z.number().int(), transfers: z.number().int(), newEntities: z.number().int(),
  problemsLeftOut: z.number().int(), validPartOnly: z.boolean(), duplicatesSkipped: z.number().int(),
});

export const ImportPreset = z.object({
  id: z.number().int(), name: z.string(), format: z.string(), headers: z.array(z.string()), mapping: ColumnMapping,
  options: SpreadsheetOptions, createdAt: z.string(), updatedAt: z.string(),
});

export const ImportProgressEvent = z.object({ jobId: z.string(), rows: z.number().int(), bytes: z.number().int(), totalBytes: z.number().int() });
