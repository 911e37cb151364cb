// interlock v1: a person is an officer or director of both sides (and nobody controls both).
// A shared director alone does not make two entities related under IAS 24; the flag says so.
import type { Rule } from '../ruleContext';
import { severityFor, sideText, whatMoved } from '../describe';

export const interlockRule: Rule = {
  id: 'interlock', version: 1, regime: 'general', name: 'Interlocking officers or directors',
  evaluate(ctx) {
    const r = ctx.relation;
    if (!r || r.kind !== 'interlock') return null;
    const names = r.holders.map((h) => h.name).join(' and ');
    return {
      ruleId: this.id, ruleVersion: this.version, transferId: ctx.transfer.id, severity: severityFor(ctx.atStake),
      title: `Interlock: ${names} on both boards or management`,
      summary: `${names} ${r.holders.length > 1 ? 'hold' : 'holds'} an officer or director role on both sides: ${sideText(r.fromPath, ctx.transfer.from)} and ${sideText(r.toPath, ctx.transfer.to)}. `
        + `${whatMoved(ctx)}. Under S-K 404 an executive officer or director is a related person; under IAS 24 a shared director alone does not make the firms related.`,
      paths: [r.fromPath, r.toPath],
      atStakeMinor: ctx.atStake?.minor ?? null, atStakeCurrency: ctx.atStake?.currency ?? null,
    };
  },
};
