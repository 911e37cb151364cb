import { z } from 'zod';

export const entityKinds = ['company', 'person', 'fund', 'trust', 'public_body'] as const;
export const affiliationKinds = ['ownership', 'control', 'role', 'family'] as const;
export const resourceTypes = [
  'cash', 'goods', 'gpu', 'compute', 'data', 'services', 'staff', 'ip', 'equity', 'allocation',
] as const;
export const transferStatuses = ['proposed', 'executed', 'redirected', 'reversed'] as const;
export const datePrecisions = ['day', 'month', 'year'] as const;
export const severities = ['low', 'medium', 'high'] as const;
export const flagStatuses = ['open', 'confirmed', 'dismissed'] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const minor = z.number().int().nonnegative();
const currency = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code');

export const EntityRef = z.object({ id: z.number().int(), name: z.string(), kind: z.enum(entityKinds) });
export type EntityRef = z.infer<typeof EntityRef>;

export const Document = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.string(),
  sha256: z.string().nullable(),
  issuer: z.string().nullable(),
  filedOn: z.string().nullable(),
  sourceUrl: z.string().nullable(),
});
export type Document = z.infer<typeof Document>;

export const Evidence = z.object({
  id: z.number().int(),
  document: Document,
  locator: z.string(),
  excerpt: z.string(),
});
export type Evidence = z.infer<typeof Evidence>;

export const TransferRow = z.object({
  id: z.number().int(),
  from: EntityRef,
  to: EntityRef,
  intendedFor: EntityRef.nullable(),
  resourceType: z.enum(resourceTypes),
  resource: z.string(),
  quantity: z.number().nullable(),
  unit: z.string().nullable(),
  amountMinor: minor.nullable(),
  currency: currency.nullable(),
  date: isoDate,
  datePrecision: z.enum(datePrecisions),
  status: z.enum(transferStatuses),
  description: z.string(),
  flagCount: z.number().int(),
});
export type TransferRow = z.infer<typeof TransferRow>;

export const Valuation = z.object({
  method: z.string(),
  currency,
  lowMinor: minor,
  baseMinor: minor,
  highMinor: minor,
  unitLowMinor: minor,
  unitHighMinor: minor,
  quantity: z.number(),
  unit: z.string(),
  source: z.string(),
  bandValidFrom: isoDate,
  bandValidTo: isoDate,
  /** Reported amount divided by quantity, when both are known. */
  reportedUnitMinor: minor.nullable(),
  /** How far the reported amount lies outside the band, in percent of the nearest edge; 0 inside. */
  deviationPct: z.number().nullable(),
});
export type Valuation = z.infer<typeof Valuation>;

export const PathEdge = z.object({
  affiliationId: z.number().int(),
  from: EntityRef,
  to: EntityRef,
  relation: z.string(), // "CEO", "controls (78% of votes)", ...
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  evidence: z.array(Evidence),
});
export type PathEdge = z.infer<typeof PathEdge>;

/** One test a rule applied (a Broz factor, a threshold), whether it was met, and the evidence for it. */
export const ChecklistItem = z.object({
  id: z.string(),
  label: z.string(),
  /** true met, false not met, null unknown from the ledger (a person must judge). */
  met: z.boolean().nullable(),
  detail: z.string(),
  evidence: z.array(Evidence),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const Flag = z.object({
  id: z.number().int(),
  ruleId: z.string(),
  ruleVersion: z.number().int(),
  transferId: z.number().int(),
  severity: z.enum(severities),
  title: z.string(),
  summary: z.string(),
  /** One path per side of the transfer, from the common person to that side. */
  paths: z.array(z.array(PathEdge)),
  atStakeMinor: minor.nullable(),
  atStakeCurrency: currency.nullable(),
  status: z.enum(flagStatuses),
  statusReason: z.string().nullable(),
  /** Who last set the review state, and when (null while nobody has). */
  statusBy: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  /** Whose law or practice the rule states: general, us-sec, delaware, eu-de, ifrs. */
  regime: z.string().nullable(),
  checklist: z.array(ChecklistItem),
});
export type Flag = z.infer<typeof Flag>;

export const TransferDetail = z.object({
  transfer: TransferRow,
  valuation: Valuation.nullable(),
  valuationNote: z.string().nullable(),
  flags: z.array(Flag),
  evidence: z.array(Evidence),
});
export type TransferDetail = z.infer<typeof TransferDetail>;

export const LedgerInfo = z.object({
  name: z.string(),
  path: z.string(),
  schemaVersion: z.number().int(),
  isSample: z.boolean(),
  counts: z.object({
    entities: z.number().int(),
    affiliations: z.number().int(),
    transfers: z.number().int(),
    documents: z.number().int(),
    flags: z.number().int(),
  }),
});
export type LedgerInfo = z.infer<typeof LedgerInfo>;

/** date, amount, or the name of the party a transfer comes from or goes to. */
export const transferSortKeys = ['date', 'amount', 'from', 'to'] as const;
export type TransferSortKey = (typeof transferSortKeys)[number];

export const LedgerSettings = z.object({
  /** Currency that valuations, totals and reports are shown in. */
  reportingCurrency: currency,
  /** Name recorded on flag reviews and reports. */
  reviewerName: z.string().trim().min(1, 'a reviewer needs a name').max(120),
});
export type LedgerSettings = z.infer<typeof LedgerSettings>;

export const regimes = ['us-sec', 'ias24'] as const;
/** One party related to an entity under a regime, why, and the affiliation path that makes it so. */
export const RelatedParty = z.object({
  regime: z.enum(regimes),
  party: EntityRef,
  /** The regime's category: "director", "executive officer", ">5% holder", "immediate family", "parent", "subsidiary", "associate", "key management"... */
  category: z.string(),
  /** Plain-language basis, e.g. "Elon Musk holds 13% of Tesla's votes". */
  basis: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  path: z.array(PathEdge),
});
export type RelatedParty = z.infer<typeof RelatedParty>;

// [workspace shell: search and overview]
/** Hits of the global search, per kind; `partial` when a bounded scan stopped before the table's end. */
export const SearchHits = z.object({
  entities: z.array(EntityRef.extend({ matched: z.enum(['name', 'alias', 'identifier']), detail: z.string().nullable() })),
  transfers: z.array(TransferRow),
  documents: z.array(z.object({ id: z.number().int(), name: z.string(), kind: z.string(), issuer: z.string().nullable(), filedOn: z.string().nullable() })),
  flags: z.array(z.object({ id: z.number().int(), title: z.string(), severity: z.enum(severities), status: z.enum(flagStatuses), ruleId: z.string(), transferId: z.number().int() })),
  partial: z.boolean(),
});
export type SearchHits = z.infer<typeof SearchHits>;

/** A sum in the reporting currency where each part converts, and the rest per currency: never added across currencies. */
export const MoneyMix = z.object({
  currency,
  minor: z.number().int(),
  /** How many amounts went into `minor`. */
  converted: z.number().int(),
  others: z.array(z.object({ currency, minor: z.number().int(), count: z.number().int() })),
});
export type MoneyMix = z.infer<typeof MoneyMix>;

export const overviewGranularities = ['month', 'quarter'] as const;
export const Overview = z.object({
  reportingCurrency: currency,
  granularity: z.enum(overviewGranularities),
  totals: z.object({
    transfers: z.number().int(), entities: z.number().int(), documents: z.number().int(),
    withoutAmount: z.number().int(), value: MoneyMix,
    flags: z.object({ open: z.number().int(), confirmed: z.number().int(), dismissed: z.number().int() }),
  }),
  /** Transfers with at least one flag that is not dismissed, and their value. */
  flagged: z.object({ transfers: z.number().int(), value: MoneyMix }),
  /** Amount at stake of flags that are not dismissed, per rule and per severity. */
  byRule: z.array(z.object({ ruleId: z.string(), regime: z.string().nullable(), flags: z.number().int(), value: MoneyMix })),
  bySeverity: z.array(z.object({ severity: z.enum(severities), flags: z.number().int(), value: MoneyMix })),
  /** Pairs of parties by the value of their flagged transfers (either direction). */
  topPairs: z.array(z.object({ a: EntityRef, b: EntityRef, transfers: z.number().int(), flags: z.number().int(), value: MoneyMix })),
  /** Every period from the first to the last dated transfer; `start` is its first day. */
  timeline: z.array(z.object({ period: z.string(), start: isoDate, transfers: z.number().int(), flags: z.number().int(), value: MoneyMix })),
  /** Transfers known only to the year, which no month or quarter can hold. */
  yearOnly: z.array(z.object({ year: z.string(), transfers: z.number().int(), flags: z.number().int(), value: MoneyMix })),
});
export type Overview = z.infer<typeof Overview>;
