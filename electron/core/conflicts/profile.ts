// Rule profiles: which regimes' rules run and with which thresholds. A ledger keeps its chosen
// profile and any overrides in ledger_settings, so a re-run (or a report) uses the same choice.
import { z } from 'zod';
import type { Db } from '../db/open';
import { appendAudit } from '../ledger/auditLog';
import { RuleThresholds, ruleProfileIds, type RuleProfile } from '../../../shared/rulesTypes';

export { ruleProfileIds, RuleThresholds, type RuleProfile };
export type RuleProfileId = (typeof ruleProfileIds)[number];

const defaults: RuleThresholds = {
  sk404UsdMinor: 120_000_00, aktgAssetsPct: 1.5, offMarketTolerancePct: 0, disclosureTolerancePct: 10,
  roundTripWindowDays: 90, roundTripTolerancePct: 10, revenueSharePct: 1,
};

const regimesOf: Record<RuleProfileId, readonly string[]> = {
  all: ['general', 'us-sec', 'delaware', 'eu-de', 'ifrs'],
  'us-sec': ['general', 'us-sec', 'delaware'],
  'eu-de': ['general', 'eu-de'],
  ifrs: ['general', 'ifrs'],
};

const labels: Record<RuleProfileId, string> = {
  all: 'Every regime', 'us-sec': 'US SEC (S-K 404, Delaware)', 'eu-de': 'EU / Germany (SRD II, AktG §111a)', ifrs: 'IFRS (IAS 24)',
};

const settingKey = 'rules_profile';
const Stored = z.object({ id: z.enum(ruleProfileIds), overrides: RuleThresholds.partial() });

export function buildProfile(id: RuleProfileId, overrides: Partial<RuleThresholds>): RuleProfile {
  return { id, label: labels[id], regimes: [...regimesOf[id]], thresholds: { ...defaults, ...overrides }, overrides };
}

export function readRuleProfile(db: Db): RuleProfile {
  const raw = db.prepare(`SELECT value FROM ledger_settings WHERE key = ?`).pluck().get(settingKey) as string | undefined;
  if (raw === undefined) return buildProfile('all', {});
  const parsed = Stored.safeParse(JSON.parse(raw));
  return parsed.success ? buildProfile(parsed.data.id, parsed.data.overrides) : buildProfile('all', {});
}

/** Choose a profile and/or change thresholds; `null` for a threshold puts back the profile's default. */
export function writeRuleProfile(db: Db, patch: { id?: RuleProfileId; overrides?: Partial<Record<keyof RuleThresholds, number | null>> }): RuleProfile {
  return db.transaction(() => {
    const before = readRuleProfile(db);
    const overrides: Partial<RuleThresholds> = { ...before.overrides };
    for (const [k, v] of Object.entries(patch.overrides ?? {}) as Array<[keyof RuleThresholds, number | null]>) {
      if (v === null) delete overrides[k]; else overrides[k] = v;
    }
    const next = buildProfile(patch.id ?? before.id, RuleThresholds.partial().parse(overrides));
    db.prepare(`INSERT INTO ledger_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`)
      .run(settingKey, JSON.stringify({ id: next.id, overrides: next.overrides }));
    appendAudit(db, {
      action: 'rules.profile',
      summary: `rule profile ${before.id === next.id ? next.id : `${before.id} → ${next.id}`}; thresholds changed: ${JSON.stringify(next.overrides)}`,
      details: { before: { id: before.id, overrides: before.overrides }, after: { id: next.id, overrides: next.overrides } },
    });
    return next;
  })();
}
