// Run the rules on demand and say how the run went: full or incremental, why, and how many
// transfers it evaluated (flags:run reports these; nothing else keeps them).
import { useState } from 'react';
import type { Output } from '../../../../shared/contract';
import { call, errorText } from '../../api/client';
import { useMessages } from '../../i18n';
import { useFlagsStore } from '../../stores/flagsStore';
import { unexplainedMessages } from './unexplainedMessages';

export function RulesRun() {
  const t = useMessages(unexplainedMessages);
  const load = useFlagsStore((s) => s.load);
  const [run, setRun] = useState<Output<'flags:run'> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const go = async () => {
    setBusy(true); setError(null);
    try { setRun(await call('flags:run', {})); await load(); } catch (err) { setError(errorText(err).message); } finally { setBusy(false); }
  };
  return (
    <div className="rules-run">
      <button type="button" onClick={() => void go()} disabled={busy}>{busy ? t.running : t.runRules}</button>
      {run && (
        <p className="muted small" role="status" data-testid="rules-run">
          {t.lastRun(run.mode ? t.modes[run.mode] ?? run.mode : '—', run.evaluated ?? null, run.reason ?? '')} {t.runTotals(run.created, run.updated, run.removed, run.total)}
        </p>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </div>
  );
}
