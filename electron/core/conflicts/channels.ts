// The contract's channels for rules, regimes and valuation. Changes to the profile or the
// valuation assumptions go through afterEdit (they change flags) and are audit-logged by their
// writers; the rest only read.
import type { Handlers } from '../dispatch';
import type { Db } from '../db/open';
import { relatedParties } from './relatedParties';
import { lookThrough } from './lookThrough';
import { readRuleProfile, writeRuleProfile } from './profile';
import { unexplainedDisclosures } from './unexplained';
import { readAssumptions, writeAssumptions } from '../valuation/assumptions';
import { valuationDetail } from '../valuation/detail';
import { sensitivity } from '../valuation/sensitivity';

type RulesChannels = 'entity:relatedParties' | 'entity:lookThrough' | 'rules:profile:get' | 'rules:profile:set' | 'valuation:assumptions:get'
  | 'valuation:assumptions:set' | 'valuation:detail' | 'valuation:sensitivity' | 'disclosures:unexplained';

export interface RulesHandlerDeps { db: () => Db; afterEdit: <T>(value: T, reason?: string) => T }

const today = () => new Date().toISOString().slice(0, 10);

export function rulesHandlers(deps: RulesHandlerDeps): Pick<Handlers, RulesChannels> {
  return {
    'entity:relatedParties': ({ entityId, asOf }) => relatedParties(deps.db(), entityId, asOf ?? today()),
    'entity:lookThrough': ({ entityId, asOf }) => lookThrough(deps.db(), entityId, asOf ?? today()),
    'rules:profile:get': () => readRuleProfile(deps.db()),
    'rules:profile:set': (patch) => deps.afterEdit(writeRuleProfile(deps.db(), patch), 'settings'),
    'valuation:assumptions:get': () => readAssumptions(deps.db()),
    'valuation:assumptions:set': (patch) => deps.afterEdit(writeAssumptions(deps.db(), patch), 'settings'),
    'valuation:detail': ({ transferId }) => valuationDetail(deps.db(), transferId),
    'valuation:sensitivity': (change) => sensitivity(deps.db(), change),
    'disclosures:unexplained': () => unexplainedDisclosures(deps.db()),
  };
}
