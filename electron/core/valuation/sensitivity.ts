// Sensitivity: what a changed price band or FX rate would do. The change is applied inside a
// savepoint, the affected transfers are valued and their rules evaluated before and after, and
// the savepoint is rolled back: the ledger is not changed, the answer says which valuations and
// which flags move and by how much. (A real edit of a band or rate goes through afterEdit, which
// re-runs the rules on the transfers it touches.)
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { transferSelect, toTransferRow, type TransferDbRow, type TransferWithKey } from '../ledger/read';
import { valueTransfer } from './priceBand';
import { datesServedBy } from './fx';
import { ControlGraph } from '../conflicts/controlGraph';
import { evaluateTransfer } from '../conflicts/flags';
import { readRuleProfile } from '../conflicts/profile';

export type SensitivityChange =
  | { kind: 'priceBand'; id: number; lowMinor: number; baseMinor: number; highMinor: number }
  | { kind: 'fxRate'; quote: string; day: string; rateMicro: number };

interface Band { low: number; base: number; high: number; currency: string }
export interface SensitivityResult {
  assumption: string;
  valuations: Array<{ transferId: number; before: Band | null; after: Band | null }>;
  flags: Array<{ transferId: number; ruleId: string; before: { title: string; atStakeMinor: number | null } | null; after: { title: string; atStakeMinor: number | null } | null }>;
  transfersChecked: number;
}

function affectedTransfers(db: Db, change: SensitivityChange): TransferWithKey[] {
  const cols = transferSelect;
  if (change.kind === 'priceBand') {
    const band = db.prepare(`SELECT resource_key, unit, valid_from, valid_to FROM price_bands WHERE id = ?`).get(change.id) as { resource_key: string; unit: string; valid_from: string; valid_to: string } | undefined;
    if (!band) throw new AppError('not_found', `No price band with id ${change.id}`);
    return (db.prepare(`${cols} WHERE t.resource_key = ? AND t.unit = ? AND t.occurred_on BETWEEN ? AND ? ORDER BY t.id`)
      .all(band.resource_key, band.unit, band.valid_from, band.valid_to) as TransferDbRow[]).map(toTransferRow);
  }
  // A rate is used for a week of days after it (weekends, holidays): transfers of those days may convert with it.
  return (db.prepare(`${cols} WHERE t.occurred_on BETWEEN ? AND ? AND t.currency IS NOT NULL ORDER BY t.id`).all(...datesServedBy(change.day)) as TransferDbRow[]).map(toTransferRow);
}

function snapshot(db: Db, transfers: TransferWithKey[]) {
  const graph = new ControlGraph(db);
  const profile = readRuleProfile(db);
  const values = new Map<number, Band | null>();
  const flags = new Map<string, { transferId: number; ruleId: string; title: string; atStakeMinor: number | null }>();
  for (const t of transfers) {
    const v = valueTransfer(db, t).valuation;
    values.set(t.id, v ? { low: v.lowMinor, base: v.baseMinor, high: v.highMinor, currency: v.currency } : null);
    for (const d of evaluateTransfer(db, graph, t, profile)) flags.set(`${d.ruleId}|${t.id}`, { transferId: t.id, ruleId: d.ruleId, title: d.title, atStakeMinor: d.atStakeMinor });
  }
  return { values, flags };
}

const sameBand = (a: Band | null, b: Band | null) => JSON.stringify(a) === JSON.stringify(b);

export function sensitivity(db: Db, change: SensitivityChange): SensitivityResult {
  const transfers = affectedTransfers(db, change);
  const before = snapshot(db, transfers);
  let assumption = '';
  db.exec('SAVEPOINT sensitivity');
  try {
    if (change.kind === 'priceBand') {
      const old = db.prepare(`SELECT label, currency, low_minor, base_minor, high_minor FROM price_bands WHERE id = ?`).get(change.id) as { label: string; currency: string; low_minor: number; base_minor: number; high_minor: number };
      if (!(change.lowMinor <= change.baseMinor && change.baseMinor <= change.highMinor)) throw new AppError('invalid_input', 'A band needs low <= base <= high (fields "lowMinor", "baseMinor", "highMinor").');
      db.prepare(`UPDATE price_bands SET low_minor = ?, base_minor = ?, high_minor = ? WHERE id = ?`).run(change.lowMinor, change.baseMinor, change.highMinor, change.id);
      assumption = `price band ${old.label} (${old.currency}) ${old.low_minor}/${old.base_minor}/${old.high_minor} → ${change.lowMinor}/${change.baseMinor}/${change.highMinor} (minor units)`;
    } else {
      const old = db.prepare(`SELECT rate_micro FROM fx_rates WHERE base = 'EUR' AND quote = ? AND day = ? ORDER BY id DESC LIMIT 1`).pluck().get(change.quote, change.day) as number | undefined;
      db.prepare(`DELETE FROM fx_rates WHERE base = 'EUR' AND quote = ? AND day = ?`).run(change.quote, change.day);
      db.prepare(`INSERT INTO fx_rates (base, quote, day, rate_micro, source) VALUES ('EUR', ?, ?, ?, 'sensitivity')`).run(change.quote, change.day, change.rateMicro);
      assumption = `EUR/${change.quote} on ${change.day} ${old === undefined ? 'none' : (old / 1e6).toString()} → ${(change.rateMicro / 1e6).toString()}`;
    }
    const after = snapshot(db, transfers);
    const valuations = transfers.filter((t) => !sameBand(before.values.get(t.id) ?? null, after.values.get(t.id) ?? null))
      .map((t) => ({ transferId: t.id, before: before.values.get(t.id) ?? null, after: after.values.get(t.id) ?? null }));
    const keys = [...new Set([...before.flags.keys(), ...after.flags.keys()])].sort();
    const flags = keys.map((k) => {
      const b = before.flags.get(k);
      const a = after.flags.get(k);
      return { transferId: (a ?? b)!.transferId, ruleId: (a ?? b)!.ruleId, before: b ? { title: b.title, atStakeMinor: b.atStakeMinor } : null, after: a ? { title: a.title, atStakeMinor: a.atStakeMinor } : null };
    }).filter((f) => JSON.stringify(f.before) !== JSON.stringify(f.after));
    return { assumption, valuations, flags, transfersChecked: transfers.length };
  } finally {
    db.exec('ROLLBACK TO sensitivity; RELEASE sensitivity');
  }
}
