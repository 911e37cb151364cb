// Contract types for the rules, regimes and valuation channels (rule profiles, valuation
// assumptions and detail, sensitivity, look-through, unexplained disclosures).
import { z } from 'zod';
import { EntityRef, PathEdge, Valuation } from './domain';

const currency = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const ruleProfileIds = ['all', 'us-sec', 'eu-de', 'ifrs'] as const;

export const RuleThresholds = z.object({
  /** S-K 404(a): a related person's transaction must exceed this, in USD minor units ($120,000). */
  sk404UsdMinor: z.number().int().nonnegative(),
  /** AktG §111a / SRD II: a year's transactions with one party reaching this share of total assets, in percent (1.5). */
  aktgAssetsPct: z.number().positive().max(100),
  /** Off-market: percent beyond the band's edge that is tolerated, either direction. */
  offMarketTolerancePct: z.number().nonnegative().max(1000),
  /** Undisclosed: how far a disclosed amount may differ from the transfers, in percent. */
  disclosureTolerancePct: z.number().nonnegative().max(100),
  /** Round trips: the longest gap between two legs, in days. */
  roundTripWindowDays: z.number().int().positive().max(3660),
  /** Round trips: how far the return leg's amount may differ from the first, in percent. */
  roundTripTolerancePct: z.number().nonnegative().max(100),
  /** IAS 24 materiality: a year's transactions with one party as a share of the issuer's revenue, in percent. */
  revenueSharePct: z.number().positive().max(100),
});
export type RuleThresholds = z.infer<typeof RuleThresholds>;

export const RuleProfile = z.object({
  id: z.enum(ruleProfileIds),
  label: z.string(),
  regimes: z.array(z.string()),
  thresholds: RuleThresholds,
  /** The thresholds the person changed from the defaults. */
  overrides: RuleThresholds.partial(),
});
export type RuleProfile = z.infer<typeof RuleProfile>;

export const RuleProfilePatch = z.object({
  id: z.enum(ruleProfileIds).optional(),
  /** A number sets a threshold; null puts back the default. */
  overrides: z.object(Object.fromEntries(Object.entries(RuleThresholds.shape).map(([k, v]) => [k, v.nullable().optional()])) as { [K in keyof RuleThresholds]: z.ZodOptional<z.ZodNullable<(typeof RuleThresholds.shape)[K]>> }).optional(),
});

export const RentalRate = z.object({
  resourceKey: z.string().trim().min(1).max(100),
  unit: z.string().trim().min(1).max(40),
  currency,
  /** Price of renting one unit for one month, in minor units. */
  perMonthMinor: z.number().int().positive(),
  source: z.string().trim().min(1).max(300),
});
export type RentalRate = z.infer<typeof RentalRate>;

export const ValuationAssumptions = z.object({
  /** Yearly cost of capital in percent, for the time value of money or goods held back. */
  costOfCapitalPct: z.number().min(0).max(100),
  /** Months of delay assumed for a redirected allocation when the ledger shows no replacement. */
  defaultDelayMonths: z.number().min(0).max(120),
  rentalRates: z.array(RentalRate).max(200),
});
export type ValuationAssumptions = z.infer<typeof ValuationAssumptions>;

export const DelayValue = z.object({
  months: z.number(),
  monthsBasis: z.string(),
  minor: z.number().int(),
  currency,
  method: z.string(),
  assumptions: z.object({ costOfCapitalPct: z.number(), rentalPerMonthMinor: z.number().int().nullable(), rentalSource: z.string().nullable(), defaultDelayMonths: z.number() }),
});

export const FigureShare = z.object({
  figure: z.enum(['revenue', 'totalAssets', 'equity']),
  figureMinor: z.number().int(), currency, periodEnd: z.string(), source: z.string(),
  transferPct: z.number(), yearTotalPct: z.number(), yearTotalMinor: z.number().int(),
});

export const ValuationDetail = z.object({
  transferId: z.number().int(),
  valuation: Valuation.nullable(),
  note: z.string().nullable(),
  /** The band in the ledger's reporting currency, at the rate of the transfer's date. */
  reporting: z.object({ currency, lowMinor: z.number().int(), baseMinor: z.number().int(), highMinor: z.number().int(), fx: z.string() }).nullable(),
  reportingNote: z.string().nullable(),
  delay: DelayValue.nullable(),
  materiality: z.array(z.object({ entityId: z.number().int(), entityName: z.string(), counterpartyName: z.string(), shares: z.array(FigureShare), note: z.string().nullable() })),
  /** Each rule's threshold next to this transfer's figures. */
  thresholds: z.array(z.object({ rule: z.string(), threshold: z.string(), value: z.string(), met: z.boolean().nullable() })),
});
export type ValuationDetail = z.infer<typeof ValuationDetail>;

const BandValue = z.object({ low: z.number().int(), base: z.number().int(), high: z.number().int(), currency });
const FlagBrief = z.object({ title: z.string(), atStakeMinor: z.number().int().nullable() });
export const SensitivityInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('priceBand'), id: z.number().int().positive(), lowMinor: z.number().int().nonnegative(), baseMinor: z.number().int().nonnegative(), highMinor: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('fxRate'), quote: currency, day: isoDate, rateMicro: z.number().int().positive() }),
]);
export const SensitivityResult = z.object({
  assumption: z.string(),
  valuations: z.array(z.object({ transferId: z.number().int(), before: BandValue.nullable(), after: BandValue.nullable() })),
  flags: z.array(z.object({ transferId: z.number().int(), ruleId: z.string(), before: FlagBrief.nullable(), after: FlagBrief.nullable() })),
  transfersChecked: z.number().int(),
});

export const LookThroughHolder = z.object({
  holder: EntityRef,
  effectivePct: z.number(),
  chains: z.array(z.object({ pct: z.number(), path: z.array(PathEdge) })),
  controls: z.boolean(),
  controlPath: z.array(PathEdge),
});
export const LookThroughResult = z.object({ holders: z.array(LookThroughHolder), truncated: z.boolean() });

export const UnexplainedDisclosure = z.object({
  id: z.number().int(), documentId: z.number().int(), documentName: z.string(), issuer: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  counterpartyLabel: z.string().nullable(), counterpartyId: z.number().int().nullable(), concept: z.string(),
  periodStart: z.string().nullable(), periodEnd: z.string().nullable(), amountMinor: z.number().int().nullable(), currency: z.string().nullable(),
  locator: z.string(), excerpt: z.string(), matchingTransfers: z.number().int(), matchedTotalMinor: z.number().int(), reason: z.string(),
});
