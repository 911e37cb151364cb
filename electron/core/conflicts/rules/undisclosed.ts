// undisclosed v1: a related transfer over the S-K 404 threshold that no disclosure imported
// from the issuer's filings covers: same issuer, a counterparty that names the other side, a
// period that contains the date, and an amount within 10% (or a total of several). It is only
// asked where the ledger holds that issuer's disclosures for the year: absence of filings is
// not evidence of non-disclosure.
import { formatMoney } from '../../../../shared/money';
import type { Rule } from '../ruleContext';
import { normalizeName } from '../../ledger/names';
import { coreName } from '../../importers/entityMatch';
import { whatMoved } from '../describe';
import { stmt } from '../stmtCache';


interface DisclosureRow { id: number; counterparty_label: string | null; counterparty_id: number | null; amount_minor: number | null; currency: string | null; period_start: string | null; period_end: string | null }

export const undisclosedRule: Rule = {
  id: 'undisclosed', version: 1, regime: 'us-sec', name: 'Not covered by any imported disclosure',
  evaluate(ctx) {
    const t = ctx.transfer;
    if (!ctx.relation || t.amountMinor === null || t.currency !== 'USD' || t.amountMinor <= ctx.thresholds.sk404UsdMinor) return null;
    const year = t.date.slice(0, 4);
    for (const [issuer, other] of [[t.from, t.to], [t.to, t.from]] as const) {
      const disclosures = stmt(ctx.db, `SELECT id, counterparty_label, counterparty_id, amount_minor, currency, period_start, period_end FROM disclosures
        WHERE issuer_id = ? AND (substr(period_end, 1, 4) = ? OR substr(period_start, 1, 4) = ?)`).all(issuer.id, year, year) as DisclosureRow[];
      if (disclosures.length === 0) continue; // nothing imported for this issuer and year: do not guess
      const names = new Set([normalizeName(other.name), coreName(other.name), ...(stmt(ctx.db, `SELECT norm_alias FROM entity_aliases WHERE entity_id = ?`).pluck().all(other.id) as string[])]);
      const aboutOther = disclosures.filter((d) => d.counterparty_id === other.id
        || (d.counterparty_label !== null && (names.has(normalizeName(d.counterparty_label)) || names.has(coreName(d.counterparty_label)))));
      const covering = aboutOther.filter((d) => (!d.period_start || d.period_start <= t.date) && (!d.period_end || d.period_end >= t.date) && d.currency === t.currency);
      const close = (a: number, b: number) => Math.abs(a - b) <= (ctx.thresholds.disclosureTolerancePct / 100) * Math.max(a, b);
      if (covering.some((d) => d.amount_minor !== null && (close(d.amount_minor, t.amountMinor!) || d.amount_minor >= t.amountMinor!))) return null;
      return {
        ruleId: this.id, ruleVersion: this.version, transferId: t.id, severity: 'high',
        title: `Undisclosed: no disclosure by ${issuer.name} covers this transfer`,
        summary: `${whatMoved(ctx)}. ${issuer.name}'s imported disclosures for ${year} (${disclosures.length}) include ${aboutOther.length === 0 ? `none about ${other.name}` : `${aboutOther.length} about ${other.name}, but none for this period and an amount within ${ctx.thresholds.disclosureTolerancePct}% of ${formatMoney(t.amountMinor, t.currency)}`}. `
          + `Check the filing; a related-person transaction over $120,000 must be disclosed (S-K 404(a)).`,
        paths: [ctx.relation.fromPath, ctx.relation.toPath],
        atStakeMinor: t.amountMinor, atStakeCurrency: t.currency,
      };
    }
    return null;
  },
};
