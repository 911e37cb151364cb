// common-control v1: the same person (or holder) controls or leads both sides on the transfer's date.
import { formatMoney } from '../../../../shared/money';
import { formatPartialDate } from '../../../../shared/dates';
import type { Rule } from '../ruleContext';
import { describeQuantity, sentence, severityFor, sideText } from '../describe';

export const commonControlRule: Rule = {
  id: 'common-control', version: 1, regime: 'general', name: 'Common control',
  evaluate(ctx) {
    const r = ctx.relation;
    if (!r || r.kind !== 'common-control') return null;
    const t = ctx.transfer;
    const holders = r.holders.map((h) => h.name).join(' and ');
    const what = describeQuantity(t);
    const amounts: string[] = [];
    if (t.amountMinor !== null) amounts.push(`reported ${formatMoney(t.amountMinor, t.currency!)}`);
    const v = ctx.value.valuation;
    if (v) {
      amounts.push(`market value ${formatMoney(v.lowMinor, v.currency)} to ${formatMoney(v.highMinor, v.currency)} from the price band`);
      if (v.reportedUnitMinor !== null && v.deviationPct) {
        amounts.push(`the reported ${formatMoney(v.reportedUnitMinor, v.currency)} per ${v.unit} is ${Math.abs(v.deviationPct).toFixed(1)}% ${v.deviationPct > 0 ? 'above' : 'below'} the band`);
      }
    }
    const redirect = t.status === 'redirected' && t.intendedFor ? ` It had been meant for ${t.intendedFor.name} and was redirected.` : '';
    return {
      ruleId: this.id, ruleVersion: this.version, transferId: t.id, severity: severityFor(ctx.atStake),
      title: `Common control: ${holders} on both sides`,
      summary: `${holders} ${r.holders.length > 1 ? 'control or lead' : 'controls or leads'} both sides of this transfer in ${formatPartialDate(t.date, t.datePrecision)}: `
        + `${sideText(r.fromPath, t.from)} and ${sideText(r.toPath, t.to)}. `
        + `${what[0]!.toUpperCase()}${what.slice(1)} moved from ${t.from.name} to ${t.to.name}${amounts.length ? ` (${amounts.join('; ')})` : ''}.${redirect}`,
      paths: [r.fromPath, r.toPath],
      atStakeMinor: ctx.atStake?.minor ?? null, atStakeCurrency: ctx.atStake?.currency ?? null,
    };
  },
};
