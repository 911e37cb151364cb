// What every rule sees for one transfer: the transfer, its valuation, who stands on both sides,
// and the thresholds of the rule profile the person chose.
import type { Db } from '../db/open';
import type { ChecklistItem, EntityRef, Flag, PathEdge } from '../../../shared/domain';
import type { TransferWithKey } from '../ledger/read';
import type { ValuationResult } from '../valuation/priceBand';
import type { ControlGraph } from './controlGraph';
import type { RuleThresholds } from './profile';

export type FlagDraft = Pick<Flag, 'ruleId' | 'ruleVersion' | 'transferId' | 'severity' | 'title' | 'summary' | 'paths' | 'atStakeMinor' | 'atStakeCurrency'>
  & { checklist?: ChecklistItem[] };

export interface Rule {
  id: string;
  version: number;
  /** Whose law or practice the rule states: general, us-sec, delaware, eu-de, ifrs. */
  regime: string;
  name: string;
  evaluate(ctx: RuleContext): FlagDraft | null;
}

/** Why the two sides are related: a holder that controls or leads both, or a person who is an officer or director of both. */
export type Relation =
  | { kind: 'common-control'; holder: EntityRef; fromPath: PathEdge[]; toPath: PathEdge[]; holders: EntityRef[] }
  | { kind: 'interlock'; holder: EntityRef; fromPath: PathEdge[]; toPath: PathEdge[]; holders: EntityRef[] };

export interface RuleContext {
  db: Db;
  graph: ControlGraph;
  transfer: TransferWithKey;
  value: ValuationResult;
  /** The first relation found, common control before interlock; null if the sides are not related. */
  relation: Relation | null;
  /** What is at stake: the reported amount, else the valuation's base. */
  atStake: { minor: number; currency: string } | null;
  /** Thresholds and tolerances of the active rule profile. */
  thresholds: RuleThresholds;
}
