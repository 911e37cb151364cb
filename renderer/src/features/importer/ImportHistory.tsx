import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/contract';
import { call, errorText } from '../../api/client';
import { useLedgerStore } from '../../stores/ledgerStore';
import { useMessages } from '../../i18n';
import { number } from '../../format';
import { localDate, localDateTime } from '../../components/dates';
import { importerMessages } from './messages';

type Batch = Output<'imports:list'>[number];

/** Every import of this ledger, with its file hash and counts; any one can be undone as a whole. */
export function ImportHistory({ refreshKey }: { refreshKey: number }) {
  const t = useMessages(importerMessages);
  const refreshLedger = useLedgerStore((s) => s.refresh);
  const [batches, setBatches] = useState<Batch[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [undoing, setUndoing] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const load = () => call('imports:list', {}).then(setBatches, (e: unknown) => setError(errorText(e).message));
  useEffect(() => { void load(); }, [refreshKey]);

  const undo = async (id: number) => {
    try {
      const r = await call('import:undo', { batchId: id, reason });
      setError(null);
      setUndoing(null);
      setReason('');
      await Promise.all([load(), refreshLedger()]);
      setError(t.undid(id, number(r.transfers), number(r.entities)));
    } catch (e) {
      setError(errorText(e).message);
    }
  };

  return (
    <section aria-label={t.historyTitle}>
      <h2>{t.historyTitle}</h2>
      {batches.length === 0 ? <p className="muted">{t.historyEmpty}</p> : (
        <table className="grid">
          <thead><tr><th>{t.colBatch}</th><th>{t.colFile}</th><th>{t.colImported}</th><th>{t.colRows}</th><th>{t.colHash}</th><th></th></tr></thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id}>
                <td>{b.id}</td><td>{b.fileName}</td><td>{localDateTime(b.importedAt)}</td>
                <td className="num">{number(b.rows)}</td><td><code title={b.sha256 ?? ''}>{b.sha256?.slice(0, 12)}…</code></td>
                <td>
                  {b.undoneAt ? <span className="muted" title={localDateTime(b.undoneAt)}>{t.undoneOn(localDate(b.undoneAt))}</span>
                    : undoing === b.id ? (
                      <span className="review">
                        <input aria-label={t.undoReasonLabel(b.id)} placeholder={t.undoReason} value={reason} onChange={(e) => setReason(e.target.value)} />
                        <button onClick={() => void undo(b.id)}>{t.undoBatch(b.id)}</button>
                        <button onClick={() => setUndoing(null)}>{t.cancel}</button>
                      </span>
                    ) : <button onClick={() => setUndoing(b.id)}>{t.undoAsk}</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <p role="status">{error}</p>}
    </section>
  );
}
