// What an audit report covers, as the user chose it: the same schema validates the app's scope
// form, the channels and the CLI's options, so every path asks for a report the same way.
import { z } from 'zod';

export const reportLanguages = ['en', 'de'] as const;
export type ReportLanguage = (typeof reportLanguages)[number];
export const reportFlagFilters = ['all', 'confirmed'] as const;
/** The regimes a rule can state (see the rules' `regime`). */
export const reportRegimes = ['general', 'us-sec', 'delaware', 'eu-de', 'ifrs'] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const ReportScope = z
  .object({
    /** Issuers or group heads; empty means the whole ledger. */
    entityIds: z.array(z.number().int().positive()).max(100).default([]),
    /** Also take in the firms each chosen entity owns or controls (its group). */
    includeGroup: z.boolean().default(false),
    from: isoDate.nullable().default(null),
    to: isoDate.nullable().default(null),
    /** Empty means every regime. */
    regimes: z.array(z.enum(reportRegimes)).max(reportRegimes.length).default([]),
    flags: z.enum(reportFlagFilters).default('all'),
    /** Null: the ledger's reporting currency (settings). */
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code').nullable().default(null),
    language: z.enum(reportLanguages).default('en'),
    /** Null: the default title in the report's language. */
    title: z.string().trim().max(200).nullable().default(null),
    /** Null: the ledger's reviewer name (settings). */
    author: z.string().trim().max(120).nullable().default(null),
  })
  .refine((s) => s.from === null || s.to === null || s.from <= s.to, { message: 'the period ends before it starts', path: ['to'] });

export type ReportScope = z.output<typeof ReportScope>;
export type ReportScopeInput = z.input<typeof ReportScope>;

/** The report's tables that export on their own (CSV, XLSX). */
export const reportTables = ['transfers', 'flags', 'entities', 'affiliations', 'priceBands', 'fxRates', 'documents', 'disclosureGaps'] as const;
export type ReportTable = (typeof reportTables)[number];
export const reportExportFormats = ['csv', 'xlsx', 'json'] as const;
