// What a person (or the UI) may write into the ledger, with the rules a bad value breaks.
// Every message names its field, so the form or the CLI can point at it.
import { z } from 'zod';
import { entityKinds, affiliationKinds, resourceTypes, transferStatuses } from './domain';
import { isCurrency } from './money';
import { parseIsoPartialDate } from './dates';

const isoDay = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD').refine((s) => {
  try { return parseIsoPartialDate(s).precision === 'day'; } catch { return false; }
}, 'is not a calendar date');

const partialDate = z.string().trim().refine((s) => {
  try { parseIsoPartialDate(s); return true; } catch { return false; }
}, 'expected YYYY-MM-DD, YYYY-MM or YYYY');

const currency = z.string().trim().toUpperCase().refine(isCurrency, { error: (issue) => `"${String(issue.input)}" is not an ISO 4217 currency code` });
const percent = (what: string) => z.number().min(0, `${what} cannot be negative`).max(100, `${what} cannot exceed 100%`);

export const identifierSchemes = ['cik', 'lei', 'ticker', 'isin', 'registration', 'other'] as const;

export const EntityInput = z.object({
  kind: z.enum(entityKinds),
  name: z.string().trim().min(1, 'a name is required').max(300),
  jurisdiction: z.string().trim().max(40).nullish(),
  note: z.string().trim().max(2000).nullish(),
  aliases: z.array(z.string().trim().min(1).max(300)).max(50).default([]),
  identifiers: z.array(z.object({
    scheme: z.enum(identifierSchemes),
    value: z.string().trim().min(1, 'an identifier needs a value').max(100),
    jurisdiction: z.string().trim().max(40).nullish(),
  })).max(50).default([]),
});
export type EntityInput = z.infer<typeof EntityInput>;

export const AffiliationInput = z.object({
  subjectId: z.number().int().positive(),
  objectId: z.number().int().positive(),
  kind: z.enum(affiliationKinds),
  role: z.string().trim().max(120).nullish(),
  equityPct: percent('an ownership share').nullish(),
  votingPct: percent('a share of votes').nullish(),
  direct: z.boolean().default(true),
  validFrom: isoDay.nullish(),
  validTo: isoDay.nullish(),
  note: z.string().trim().max(2000).nullish(),
}).superRefine((a, ctx) => {
  if (a.subjectId === a.objectId) ctx.addIssue({ code: 'custom', path: ['objectId'], message: 'an affiliation links two different parties' });
  if (a.validFrom && a.validTo && a.validTo < a.validFrom) {
    ctx.addIssue({ code: 'custom', path: ['validTo'], message: `ends (${a.validTo}) before it starts (${a.validFrom})` });
  }
  if (a.kind !== 'ownership' && (a.equityPct != null || a.votingPct != null)) {
    ctx.addIssue({ code: 'custom', path: ['equityPct'], message: 'shares belong to ownership affiliations only' });
  }
  if ((a.kind === 'role' || a.kind === 'family') && !a.role) ctx.addIssue({ code: 'custom', path: ['role'], message: `a ${a.kind} affiliation needs a role (e.g. ${a.kind === 'role' ? 'CEO, director' : 'spouse, child'})` });
});
export type AffiliationInput = z.infer<typeof AffiliationInput>;

const transferShape = z.object({
  fromId: z.number().int().positive(),
  toId: z.number().int().positive(),
  intendedForId: z.number().int().positive().nullish(),
  resourceType: z.enum(resourceTypes),
  resource: z.string().trim().min(1, 'say what moved').max(300),
  resourceKey: z.string().trim().max(100).nullish(),
  quantity: z.number().finite().nonnegative('cannot be negative').nullish(),
  unit: z.string().trim().max(40).nullish(),
  /** A decimal in major units as text ("500000000", "1234.56"), so no float touches money. */
  amount: z.string().trim().regex(/^\d+(\.\d+)?$/, 'expected a non-negative decimal number such as 1234.56').nullish(),
  currency: currency.nullish(),
  date: partialDate,
  status: z.enum(transferStatuses).default('executed'),
  description: z.string().trim().max(5000).default(''),
});

function checkTransfer(t: z.infer<typeof transferShape>, ctx: z.RefinementCtx): void {
  if (t.fromId === t.toId) ctx.addIssue({ code: 'custom', path: ['toId'], message: "a transfer's from and to must be different parties" });
  if (t.amount != null && t.currency == null) ctx.addIssue({ code: 'custom', path: ['currency'], message: 'an amount needs a currency' });
  if (t.amount == null && t.currency != null) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'a currency needs an amount' });
}

export const TransferInput = transferShape.superRefine(checkTransfer);
export type TransferInput = z.infer<typeof TransferInput>;

/**
 * A change to some fields of a transfer; rules across fields are checked on the merged result.
 * Without the create-time defaults: a patch that leaves status or description out keeps them
 * (a default would have reset them to "executed" and "").
 */
export const TransferPatch = transferShape.extend({
  status: z.enum(transferStatuses),
  description: z.string().trim().max(5000),
}).partial();
export type TransferPatch = z.infer<typeof TransferPatch>;

/** A dated price band for a resource, in whole currency units as decimal text. */
export const PriceBandInput = z.object({
  resourceKey: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'use lower-case letters, digits and dashes (e.g. nvidia-h100)'),
  label: z.string().trim().min(1, 'a label is required').max(200),
  unit: z.string().trim().min(1, 'a unit is required').max(40),
  currency,
  low: z.string().trim().regex(/^\d+(\.\d+)?$/, 'expected a decimal number'),
  base: z.string().trim().regex(/^\d+(\.\d+)?$/, 'expected a decimal number'),
  high: z.string().trim().regex(/^\d+(\.\d+)?$/, 'expected a decimal number'),
  validFrom: isoDay,
  validTo: isoDay,
  source: z.string().trim().min(1, 'say where the prices come from').max(1000),
}).superRefine((b, ctx) => {
  if (b.validTo < b.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: `ends (${b.validTo}) before it starts (${b.validFrom})` });
  const n = (s: string) => Number(s);
  if (n(b.low) > n(b.base)) ctx.addIssue({ code: 'custom', path: ['base'], message: 'the base price is below the low price' });
  if (n(b.base) > n(b.high)) ctx.addIssue({ code: 'custom', path: ['high'], message: 'the high price is below the base price' });
});
export type PriceBandInput = z.infer<typeof PriceBandInput>;
