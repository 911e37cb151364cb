// The disclosure comparison: the related transfers no imported disclosure covers, and the
// disclosures no transfer in the ledger matches. A disclosure covers a transfer when it is the
// issuer's (one side of the transfer), names the other side, its period holds the date and its
// amount is within the rule profile's tolerance (10% by default) of the transfer's (or of the
// period's total with that party). The second list is the conflicts module's
// (unexplainedDisclosures), limited to the report's scope, so the app and the report agree.
import type { Db } from '../db/open';
import { normalizeName } from '../ledger/names';
import { coreName } from '../importers/entityMatch';
import type { ResolvedScope } from './scope';
import type { ReportTransfer } from './reportData';
import { unexplainedDisclosures } from '../conflicts/unexplained';
import { readRuleProfile } from '../conflicts/profile';

export interface DisclosureRow {
  id: number; documentId: number; documentName: string; issuerId: number | null; issuerName: string | null;
  counterparty: string; counterpartyId: number | null; concept: string; direction: string;
  periodStart: string | null; periodEnd: string | null; amountMinor: number | null; currency: string | null; locator: string;
}

export interface DisclosureComparison {
  /** Disclosures in scope (issuer in scope, period overlapping the report's). */
  rows: DisclosureRow[];
  /** Related transfers with no covering disclosure, where the issuer's disclosures for that year were imported. */
  transfersWithout: Array<{ transfer: ReportTransfer; issuer: string; disclosuresThatYear: number }>;
  /** Related transfers whose sides have no imported disclosures for that year: not checked, not assumed undisclosed. */
  notChecked: number;
  /** Disclosures in scope that no transfer in the ledger explains, with the reason. */
  disclosuresWithout: Array<DisclosureRow & { reason: string }>;
  documentIds: number[];
}

function overlaps(d: DisclosureRow, from: string | null, to: string | null): boolean {
  return (from === null || d.periodEnd === null || d.periodEnd >= from) && (to === null || d.periodStart === null || d.periodStart <= to);
}

export function compareDisclosures(db: Db, input: { scope: ResolvedScope; entities: Set<number> | null; transfers: ReportTransfer[]; related: Set<number> }): DisclosureComparison {
  const all = db.prepare(`SELECT d.id, d.document_id AS documentId, doc.name AS documentName, d.issuer_id AS issuerId, i.name AS issuerName,
      coalesce(c.name, d.counterparty_label, '') AS counterparty, d.counterparty_id AS counterpartyId, d.concept, d.direction,
      d.period_start AS periodStart, d.period_end AS periodEnd, d.amount_minor AS amountMinor, d.currency, d.locator
    FROM disclosures d JOIN documents doc ON doc.id = d.document_id LEFT JOIN entities i ON i.id = d.issuer_id LEFT JOIN entities c ON c.id = d.counterparty_id
    ORDER BY d.issuer_id, d.period_end, d.id`).all() as DisclosureRow[];
  const tolerance = readRuleProfile(db).thresholds.disclosureTolerancePct / 100;
  const close = (a: number, b: number) => Math.abs(a - b) <= tolerance * Math.max(a, b);
  const rows = all.filter((d) => (input.entities === null || (d.issuerId !== null && input.entities.has(d.issuerId))) && overlaps(d, input.scope.from, input.scope.to));

  const aliases = db.prepare(`SELECT norm_alias FROM entity_aliases WHERE entity_id = ?`).pluck();
  const namesCache = new Map<number, Set<string>>();
  const namesOf = (id: number, name: string) => {
    let s = namesCache.get(id);
    if (!s) { s = new Set([normalizeName(name), coreName(name), ...(aliases.all(id) as string[])]); namesCache.set(id, s); }
    return s;
  };
  const names = (d: DisclosureRow, id: number, name: string) => d.counterpartyId === id || (d.counterparty !== '' && (namesOf(id, name).has(normalizeName(d.counterparty)) || namesOf(id, name).has(coreName(d.counterparty))));
  const holds = (d: DisclosureRow, date: string) => (!d.periodStart || d.periodStart <= date) && (!d.periodEnd || d.periodEnd >= date);
  const byIssuer = new Map<number, DisclosureRow[]>();
  for (const d of all) if (d.issuerId !== null) byIssuer.set(d.issuerId, [...(byIssuer.get(d.issuerId) ?? []), d]);

  const pairs = (t: ReportTransfer) => [[t.from, t.to], [t.to, t.from]] as const;
  /** The transfers a disclosure speaks about: its issuer on one side, its counterparty on the other, inside its period. */
  const aboutCache = new Map<number, ReportTransfer[]>();
  const about = (d: DisclosureRow) => {
    let group = aboutCache.get(d.id);
    if (!group) {
      group = input.transfers.filter((t) => pairs(t).some(([issuer, other]) => issuer.id === d.issuerId && names(d, other.id, other.name)) && holds(d, t.date) && (d.currency === null || t.currency === d.currency));
      aboutCache.set(d.id, group);
    }
    return group;
  };
  const covers = (d: DisclosureRow, t: ReportTransfer, group: ReportTransfer[]) => {
    if (d.amountMinor === null || t.amountMinor === null) return true; // a disclosure without an amount covers by party and period
    const total = group.reduce((s, x) => s + (x.amountMinor ?? 0), 0);
    return close(d.amountMinor, t.amountMinor) || close(d.amountMinor, total) || d.amountMinor >= t.amountMinor;
  };

  const transfersWithout: DisclosureComparison['transfersWithout'] = [];
  let notChecked = 0;
  for (const t of input.transfers) {
    if (!input.related.has(t.id)) continue;
    const year = t.date.slice(0, 4);
    let checked = false;
    let covered = false;
    let firstIssuer: { name: string; n: number } | null = null;
    for (const [issuer] of pairs(t)) {
      const ofYear = (byIssuer.get(issuer.id) ?? []).filter((d) => d.periodEnd?.slice(0, 4) === year || d.periodStart?.slice(0, 4) === year);
      if (ofYear.length === 0) continue;
      checked = true;
      firstIssuer ??= { name: issuer.name, n: ofYear.length };
      if (ofYear.some((d) => { const group = about(d); return group.some((x) => x.id === t.id) && covers(d, t, group); })) covered = true;
    }
    if (!checked) notChecked++;
    else if (!covered) transfersWithout.push({ transfer: t, issuer: firstIssuer!.name, disclosuresThatYear: firstIssuer!.n });
  }
  const rowById = new Map(rows.map((d) => [d.id, d]));
  const disclosuresWithout = unexplainedDisclosures(db).filter((u) => rowById.has(u.id)).map((u) => ({ ...rowById.get(u.id)!, reason: u.reason }));
  return { rows, transfersWithout, notChecked, disclosuresWithout, documentIds: [...new Set(rows.map((d) => d.documentId))] };
}
