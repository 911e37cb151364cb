// Schemas for the Flags board: pages of flags sorted, filtered and keyset-paged in SQLite
// (flags:page), and one flag in full for its page (flag:get). Kept apart from contract.ts so that
// file stays a list of channels; contract.ts imports these.
import { z } from 'zod';
import { Flag, TransferRow, flagStatuses, severities } from './domain';

/** severity (then amount at stake), amount at stake, rule, review status, or the transfer's date; ties by flag id. */
export const flagBoardSortKeys = ['severity', 'amount', 'rule', 'status', 'date'] as const;
export type FlagBoardSortKey = (typeof flagBoardSortKeys)[number];

export const FlagBoardFilters = z.object({
  status: z.enum(flagStatuses).optional(),
  ruleId: z.string().min(1).max(100).optional(),
  regime: z.string().min(1).max(100).optional(),
  severity: z.enum(severities).optional(),
  /** Only flags with a chain of affiliations to draw (the graph's flag picker). */
  hasPath: z.boolean().optional(),
}).strict();
export type FlagBoardFilters = z.infer<typeof FlagBoardFilters>;

/** The sort keys of the last row of a page, most significant first, ending with its flag id. */
export const FlagBoardCursor = z.array(z.union([z.string().max(200), z.number()])).min(2).max(3);
export type FlagBoardCursor = z.infer<typeof FlagBoardCursor>;

export const FlagPageInput = z.object({
  sort: z.enum(flagBoardSortKeys).default('severity'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  filters: FlagBoardFilters.default({}),
  /** Continue after this row (the previous page's `next`); null for the first page. */
  after: FlagBoardCursor.nullable().default(null),
  limit: z.number().int().min(1).max(500).default(200),
});

/** What a board row says about its transfer: when, what, from whom to whom. */
export const FlagBoardTransfer = TransferRow.pick({ id: true, date: true, datePrecision: true, resource: true, from: true, to: true });

/** A board row: the flag without its paths, checklist and summary (the flag's page loads those with flag:get). */
export const FlagBoardRow = Flag.pick({
  id: true, ruleId: true, ruleVersion: true, transferId: true, severity: true, title: true,
  atStakeMinor: true, atStakeCurrency: true, status: true, regime: true,
}).extend({ transfer: FlagBoardTransfer });
export type FlagBoardRow = z.infer<typeof FlagBoardRow>;

export const FlagPageOutput = z.object({
  rows: z.array(FlagBoardRow),
  /** Cursor for the next page; null after the last. */
  next: FlagBoardCursor.nullable(),
  /** Flags that pass the filters. */
  total: z.number().int(),
  /** On the first page only (no `after`): every flag's count, and the rules and regimes the filters can offer. */
  facets: z.object({ all: z.number().int(), rules: z.array(z.string()), regimes: z.array(z.string()) }).nullable(),
});

export const FlagWithTransfer = Flag.extend({ transfer: TransferRow });
export type FlagWithTransfer = z.infer<typeof FlagWithTransfer>;
