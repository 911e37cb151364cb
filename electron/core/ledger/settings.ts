// Per-ledger settings a person chooses (reporting currency, reviewer name). They live in the
// ledger file, so a report regenerated from the same file uses the same choices.
import { userInfo } from 'node:os';
import type { Db } from '../db/open';
import type { LedgerSettings } from '../../../shared/domain';
import { appendAudit } from './auditLog';

const keys = { reportingCurrency: 'reporting_currency', reviewerName: 'reviewer_name' } as const;

function osUser(): string {
  try { return userInfo().username || 'reviewer'; } catch { return 'reviewer'; }
}

export function readSettings(db: Db): LedgerSettings {
  const get = db.prepare(`SELECT value FROM ledger_settings WHERE key = ?`).pluck();
  return {
    reportingCurrency: (get.get(keys.reportingCurrency) as string | undefined) ?? 'USD',
    reviewerName: (get.get(keys.reviewerName) as string | undefined) ?? osUser(),
  };
}

export function writeSettings(db: Db, patch: Partial<LedgerSettings>): LedgerSettings {
  return db.transaction(() => {
    const before = readSettings(db);
    const put = db.prepare(`INSERT INTO ledger_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
    const changed: string[] = [];
    for (const field of Object.keys(keys) as Array<keyof LedgerSettings>) {
      const value = patch[field];
      if (value === undefined || value === before[field]) continue;
      put.run(keys[field], value);
      changed.push(`${field}: ${before[field]} → ${value}`);
    }
    if (changed.length) appendAudit(db, { action: 'settings.change', summary: `settings changed: ${changed.join('; ')}`, details: { before, patch } });
    return readSettings(db);
  })();
}
