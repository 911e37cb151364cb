// Rule common-control v1: the same person (or holder) controls or leads both sides of a
// transfer on its date. One side controlling the other is reported the same way, with an
// empty path on the controlling side.
import type { EntityRef, PathEdge, Flag } from '../../../shared/domain';
import type { TransferWithKey } from '../ledger/read';
import type { ValuationResult } from '../valuation/priceBand';
import { ControlGraph, type Controller } from './controlGraph';
import { formatMoney } from '../../../shared/money';
import { formatPartialDate } from '../../../shared/dates';

export const COMMON_CONTROL = { id: 'common-control', version: 1, regime: 'general', name: 'Common control' } as const;

export type FlagDraft = Pick<Flag, 'ruleId' | 'ruleVersion' | 'transferId' | 'severity' | 'title' | 'summary' | 'paths' | 'atStakeMinor' | 'atStakeCurrency'>;

const usdMaterialMinor = 120_000_00; // S-K 404's $120,000, used here only to grade severity
const usdHighMinor = 1_000_000_00;

function describeEdge(e: PathEdge): string {
  const since = e.validFrom ? ` since ${e.validFrom}` : '';
  const until = e.validTo ? ` until ${e.validTo}` : '';
  return `${e.from.name} -${e.relation}-> ${e.to.name}${since}${until}`;
}

/** "12,000 × Nvidia H100 GPU", "40 hours of consulting", or just the resource. */
export function describeQuantity(t: Pick<TransferWithKey, 'quantity' | 'unit' | 'resource'>): string {
  if (t.quantity === null) return t.resource;
  const n = t.quantity.toLocaleString('en-US');
  return !t.unit || t.unit === 'unit' ? `${n} × ${t.resource}` : `${n} ${t.unit} of ${t.resource}`;
}

export function describePath(path: PathEdge[]): string {
  return path.map(describeEdge).join('; ');
}

function pickCommon(from: Map<number, Controller>, to: Map<number, Controller>, t: TransferWithKey): Array<{ holder: EntityRef; fromPath: PathEdge[]; toPath: PathEdge[] }> {
  const self = (side: EntityRef): Controller => ({ entity: side, path: [] });
  const fromAll = new Map(from).set(t.from.id, self(t.from));
  const toAll = new Map(to).set(t.to.id, self(t.to));
  const common = [...fromAll.keys()].filter((id) => toAll.has(id)).map((id) => ({
    holder: fromAll.get(id)!.entity, fromPath: fromAll.get(id)!.path, toPath: toAll.get(id)!.path,
  }));
  // People first: the question a reader asks is "who sits on both sides".
  const people = common.filter((c) => c.holder.kind === 'person');
  return people.length > 0 ? people : common;
}

export function commonControlFlag(graph: ControlGraph, t: TransferWithKey, value: ValuationResult): FlagDraft | null {
  const common = pickCommon(graph.controllersOn(t.from.id, t.date), graph.controllersOn(t.to.id, t.date), t);
  if (common.length === 0) return null;
  const first = common[0]!;
  const atStake = t.amountMinor !== null ? { minor: t.amountMinor, currency: t.currency! }
    : value.valuation ? { minor: value.valuation.baseMinor, currency: value.valuation.currency } : null;
  const severity = !atStake || atStake.currency !== 'USD' ? 'medium'
    : atStake.minor >= usdHighMinor ? 'high' : atStake.minor >= usdMaterialMinor ? 'medium' : 'low';

  const when = formatPartialDate(t.date, t.datePrecision);
  const holders = common.map((c) => c.holder.name).join(' and ');
  const side = (path: PathEdge[], entity: EntityRef) => (path.length === 0 ? `${entity.name} itself` : `${entity.name} (${path.map((e) => `${e.from.name}: ${e.relation}`).join(' → ')})`);
  const what = describeQuantity(t);
  const amounts: string[] = [];
  if (t.amountMinor !== null) amounts.push(`reported ${formatMoney(t.amountMinor, t.currency!)}`);
  const v = value.valuation;
  if (v) {
    amounts.push(`market value ${formatMoney(v.lowMinor, v.currency)} to ${formatMoney(v.highMinor, v.currency)} from the price band`);
    if (v.reportedUnitMinor !== null && v.deviationPct) {
      amounts.push(`the reported ${formatMoney(v.reportedUnitMinor, v.currency)} per ${v.unit} is ${Math.abs(v.deviationPct).toFixed(1)}% ${v.deviationPct > 0 ? 'above' : 'below'} the band`);
    }
  }
  const redirect = t.status === 'redirected' && t.intendedFor ? ` It had been meant for ${t.intendedFor.name} and was redirected.` : '';
  const summary =
    `${holders} ${common.length > 1 ? 'control or lead' : 'controls or leads'} both sides of this transfer in ${when}: ` +
    `${side(first.fromPath, t.from)} and ${side(first.toPath, t.to)}. ` +
    `${what[0]!.toUpperCase()}${what.slice(1)} moved from ${t.from.name} to ${t.to.name}${amounts.length ? ` (${amounts.join('; ')})` : ''}.${redirect}`;
  return {
    ruleId: COMMON_CONTROL.id,
    ruleVersion: COMMON_CONTROL.version,
    transferId: t.id,
    severity,
    title: `Common control: ${holders} on both sides`,
    summary,
    paths: [first.fromPath, first.toPath],
    atStakeMinor: atStake?.minor ?? null,
    atStakeCurrency: atStake?.currency ?? null,
  };
}
