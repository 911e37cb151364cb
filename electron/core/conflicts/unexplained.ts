// The other half of "undisclosed": disclosures in the issuer's filings that no transfer in the
// ledger explains. A disclosure is explained when transfers between the issuer and the named
// counterparty inside its period add up to its amount within the tolerance (one transfer or
// several), in its currency. Disclosures without an amount or without a known counterparty are
// listed too, with the reason, so a person can check them by hand.
import type { Db } from '../db/open';
import { normalizeName } from '../ledger/names';
import { coreName } from '../importers/entityMatch';
import { readRuleProfile } from './profile';

export interface UnexplainedDisclosure {
  id: number; documentId: number; documentName: string; issuer: { id: number; name: string } | null; counterpartyLabel: string | null; counterpartyId: number | null;
  concept: string; periodStart: string | null; periodEnd: string | null; amountMinor: number | null; currency: string | null; locator: string; excerpt: string;
  /** Transfers found between the two parties in the period, and their total in the disclosure's currency. */
  matchingTransfers: number; matchedTotalMinor: number;
  reason: string;
}

interface Row {
  id: number; document_id: number; document_name: string; issuer_id: number | null; issuer_name: string | null; counterparty_id: number | null; counterparty_label: string | null;
  concept: string; period_start: string | null; period_end: string | null; amount_minor: number | null; currency: string | null; locator: string; excerpt: string;
}

/** Entities the label may name: the linked id, else names and aliases that normalise the same way. */
function counterpartyIds(db: Db, r: Row): number[] {
  if (r.counterparty_id !== null) return [r.counterparty_id];
  if (!r.counterparty_label) return [];
  const keys = [normalizeName(r.counterparty_label), coreName(r.counterparty_label)];
  const ids = new Set<number>();
  for (const k of keys) {
    for (const id of db.prepare(`SELECT id FROM entities WHERE norm_name = ? AND merged_into_id IS NULL`).pluck().all(k) as number[]) ids.add(id);
    for (const id of db.prepare(`SELECT entity_id FROM entity_aliases WHERE norm_alias = ?`).pluck().all(k) as number[]) ids.add(id);
  }
  return [...ids];
}

export function unexplainedDisclosures(db: Db): UnexplainedDisclosure[] {
  const tolerance = readRuleProfile(db).thresholds.disclosureTolerancePct / 100;
  const rows = db.prepare(`SELECT d.id, doc.id AS document_id, doc.name AS document_name, d.issuer_id, e.name AS issuer_name, d.counterparty_id, d.counterparty_label, d.concept,
      d.period_start, d.period_end, d.amount_minor, d.currency, d.locator, d.excerpt
    FROM disclosures d JOIN documents doc ON doc.id = d.document_id LEFT JOIN entities e ON e.id = d.issuer_id ORDER BY d.id`).all() as Row[];
  const between = db.prepare(`SELECT count(*) AS n, ifnull(sum(amount_minor), 0) AS total FROM transfers
    WHERE ((from_id = @a AND to_id = @b) OR (from_id = @b AND to_id = @a)) AND currency = @cur AND status <> 'reversed'
      AND (@start IS NULL OR occurred_on >= @start) AND (@end IS NULL OR occurred_on <= @end)`);
  const out: UnexplainedDisclosure[] = [];
  for (const r of rows) {
    const base = {
      id: r.id, documentId: r.document_id, documentName: r.document_name, issuer: r.issuer_id !== null ? { id: r.issuer_id, name: r.issuer_name! } : null,
      counterpartyLabel: r.counterparty_label, counterpartyId: r.counterparty_id, concept: r.concept, periodStart: r.period_start, periodEnd: r.period_end,
      amountMinor: r.amount_minor, currency: r.currency, locator: r.locator, excerpt: r.excerpt,
    };
    if (r.issuer_id === null) { out.push({ ...base, matchingTransfers: 0, matchedTotalMinor: 0, reason: 'The issuer of this disclosure is not linked to an entity.' }); continue; }
    const others = counterpartyIds(db, r);
    if (others.length === 0) { out.push({ ...base, matchingTransfers: 0, matchedTotalMinor: 0, reason: r.counterparty_label?.trim()
      ? `No entity in the ledger is named "${r.counterparty_label.trim()}".`
      : 'The filing does not name the related party, so no transfer can be matched to it.' }); continue; }
    if (r.amount_minor === null || r.currency === null) continue; // nothing to add up: a text disclosure
    let n = 0;
    let total = 0;
    for (const other of others) {
      const m = between.get({ a: r.issuer_id, b: other, cur: r.currency, start: r.period_start, end: r.period_end }) as { n: number; total: number };
      n += m.n;
      total += m.total;
    }
    if (n > 0 && Math.abs(total - r.amount_minor) <= tolerance * Math.max(total, r.amount_minor)) continue;
    out.push({ ...base, matchingTransfers: n, matchedTotalMinor: total,
      reason: n === 0 ? 'No transfer between the issuer and the counterparty in the period.'
        : `The ${n} transfer${n === 1 ? '' : 's'} between them in the period add up to a different amount (beyond ${tolerance * 100}%).` });
  }
  return out;
}
