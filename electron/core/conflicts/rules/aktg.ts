// aktg-111a v1 (EU/Germany, SRD II Art. 9c as AktG §§111a-c): a transaction with a related party
// is material when, together with the other transactions with the same party in the fiscal year,
// it reaches 1.5% of the issuer's fixed plus current assets (total assets). Needs the issuer's
// total assets for that year (imported from XBRL or typed in); the fiscal year is taken as the
// calendar year of the transfer, and the flag says so.
import { formatMoney } from '../../../../shared/money';
import type { Rule, RuleContext } from '../ruleContext';
import { tryConvertMinor } from '../../valuation/fx';
import { whatMoved } from '../describe';
import { stmt } from '../stmtCache';
import { mayHaveFigures } from '../runScope';


interface Figure { entity_id: number; amount_minor: number; currency: string; period_end: string; concept: string | null; locator: string | null; document_id: number | null }

function assetsFor(ctx: RuleContext, entityId: number, year: string): Figure | undefined {
  if (!mayHaveFigures(ctx.db, entityId)) return undefined; // most firms file nothing: no query
  return stmt(ctx.db, `SELECT entity_id, amount_minor, currency, period_end, concept, locator, document_id FROM issuer_figures
    WHERE entity_id = ? AND figure = 'totalAssets' AND period_end >= ? AND period_end <= ? ORDER BY period_end DESC LIMIT 1`).get(entityId, `${year}-01-01`, `${year}-12-31`) as Figure | undefined;
}

function inCurrency(ctx: RuleContext, minor: number, from: string, to: string, day: string): number | null {
  return tryConvertMinor(ctx.db, minor, from, to, day)?.minor ?? null;
}

export const aktgRule: Rule = {
  id: 'aktg-111a', version: 1, regime: 'eu-de', name: 'AktG §111a material related-party transaction',
  evaluate(ctx) {
    const t = ctx.transfer;
    if (!ctx.relation || t.amountMinor === null) return null;
    const year = t.date.slice(0, 4);
    for (const side of [t.from, t.to]) {
      const assets = assetsFor(ctx, side.id, year);
      if (!assets) continue;
      const other = side.id === t.from.id ? t.to : t.from;
      // Every transfer with the same party in the year, up to and including this one, in the assets' currency.
      const rows = stmt(ctx.db, `SELECT id, amount_minor, currency, occurred_on FROM transfers
        WHERE ((from_id = @a AND to_id = @b) OR (from_id = @b AND to_id = @a)) AND amount_minor IS NOT NULL
          AND substr(occurred_on, 1, 4) = @year AND (occurred_on < @date OR (occurred_on = @date AND id <= @id))`)
        .all({ a: side.id, b: other.id, year, date: t.date, id: t.id }) as Array<{ id: number; amount_minor: number; currency: string; occurred_on: string }>;
      let total = 0;
      for (const r of rows) {
        const v = r.currency === assets.currency ? r.amount_minor : inCurrency(ctx, r.amount_minor, r.currency, assets.currency, r.occurred_on);
        if (v === null) return null; // cannot add what cannot be converted; better no flag than a wrong one
        total += v;
      }
      const share = ctx.thresholds.aktgAssetsPct;
      const threshold = Math.round(assets.amount_minor * share / 100);
      if (total < threshold) continue;
      return {
        ruleId: this.id, ruleVersion: this.version, transferId: t.id, severity: 'high',
        title: `AktG §111a: ${((total / assets.amount_minor) * 100).toFixed(2)}% of ${side.name}'s assets with ${other.name}`,
        summary: `${whatMoved(ctx)}. With ${rows.length - 1} earlier transaction${rows.length === 2 ? '' : 's'} with ${other.name} in ${year}, the total is ${formatMoney(total, assets.currency)}, `
          + `at least ${share}% of ${side.name}'s total assets of ${formatMoney(assets.amount_minor, assets.currency)} (${year} figure, ${formatMoney(threshold, assets.currency)}). `
          + `A material related-party transaction needs the supervisory board's prior approval without the conflicted members, and publication without undue delay `
          + `(exempt: ordinary course on market terms, wholly-owned subsidiaries). The fiscal year is taken as the calendar year.`,
        paths: [ctx.relation.fromPath, ctx.relation.toPath],
        atStakeMinor: total, atStakeCurrency: assets.currency,
        checklist: [
          { id: 'assets', label: `${share}% of total assets`, met: true,
            detail: `${side.name}'s total assets ${formatMoney(assets.amount_minor, assets.currency)} at ${assets.period_end} (${assets.concept ?? 'typed in'}${assets.locator ? `, ${assets.locator}` : ''}${assets.document_id !== null ? `, document ${assets.document_id}` : ''}); threshold ${formatMoney(threshold, assets.currency)}`, evidence: [] },
          { id: 'aggregate', label: `Transactions with ${other.name} in fiscal year ${year} (calendar year), aggregated`, met: true,
            detail: `${rows.length} transaction${rows.length === 1 ? '' : 's'} (ids ${rows.map((r) => r.id).join(', ')}), total ${formatMoney(total, assets.currency)}`, evidence: [] },
          { id: 'related', label: 'With a related party', met: true, detail: `through ${ctx.relation.holder.name}`, evidence: [...ctx.relation.fromPath, ...ctx.relation.toPath].flatMap((e) => e.evidence) },
        ],
      };
    }
    return null;
  },
};
