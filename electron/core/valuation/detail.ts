// Everything the ledger can say about one transfer's value: the band from the price book at its
// date (in the transfer's currency, so the reported amount compares directly), the same band in
// the reporting currency the person chose (with the FX rate's date and source), what a delay cost
// the firm it was meant for, its materiality against the issuers' figures, and each rule's
// threshold next to it.
import type { Db } from '../db/open';
import type { ValuationDetail } from '../../../shared/rulesTypes';
import { getTransfer } from '../ledger/read';
import { readSettings } from '../ledger/settings';
import { formatMoney } from '../../../shared/money';
import { AppError } from '../errors';
import { valueTransfer } from './priceBand';
import { convertMinor } from './fx';
import { valueDelay } from './delay';
import { materialityOf } from './materiality';
import { readRuleProfile } from '../conflicts/profile';

export function valuationDetail(db: Db, transferId: number): ValuationDetail {
  const t = getTransfer(db, transferId);
  const value = valueTransfer(db, t);
  const reportingCurrency = readSettings(db).reportingCurrency;
  let reporting: ValuationDetail['reporting'] = null;
  let reportingNote: string | null = null;
  const v = value.valuation;
  if (v) {
    try {
      const c = (m: number) => convertMinor(db, m, v.currency, reportingCurrency, t.date);
      const low = c(v.lowMinor);
      reporting = { currency: reportingCurrency, lowMinor: low.minor, baseMinor: c(v.baseMinor).minor, highMinor: c(v.highMinor).minor, fx: low.note };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      reportingNote = err.message;
    }
  }
  const th = readRuleProfile(db).thresholds;
  const thresholds: ValuationDetail['thresholds'] = [];
  if (t.amountMinor !== null) {
    try {
      const usd = convertMinor(db, t.amountMinor, t.currency!, 'USD', t.date);
      thresholds.push({ rule: 'sk404-threshold', threshold: `over ${formatMoney(th.sk404UsdMinor, 'USD')}`, value: formatMoney(usd.minor, 'USD'), met: usd.minor > th.sk404UsdMinor });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      thresholds.push({ rule: 'sk404-threshold', threshold: `over ${formatMoney(th.sk404UsdMinor, 'USD')}`, value: 'no FX rate to USD', met: null });
    }
  }
  if (v && v.deviationPct !== null) {
    thresholds.push({ rule: 'off-market', threshold: `outside the band by more than ${th.offMarketTolerancePct}%`, value: `${v.deviationPct.toFixed(1)}%`, met: Math.abs(v.deviationPct) > th.offMarketTolerancePct });
  }
  const materiality = materialityOf(db, t);
  for (const side of materiality) {
    for (const s of side.shares) {
      if (s.figure === 'totalAssets') thresholds.push({ rule: 'aktg-111a', threshold: `${th.aktgAssetsPct}% of ${side.entityName}'s total assets, year total with ${side.counterpartyName}`, value: `${s.yearTotalPct.toFixed(3)}%`, met: s.yearTotalPct >= th.aktgAssetsPct });
      if (s.figure === 'revenue') thresholds.push({ rule: 'ias24-material', threshold: `${th.revenueSharePct}% of ${side.entityName}'s revenue, year total with ${side.counterpartyName}`, value: `${s.yearTotalPct.toFixed(3)}%`, met: s.yearTotalPct >= th.revenueSharePct });
    }
  }
  return { transferId, valuation: v, note: value.note, reporting, reportingNote, delay: valueDelay(db, t, value), materiality, thresholds };
}
