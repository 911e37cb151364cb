import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/contract';
import { call, errorText } from '../../api/client';
import { useLedgerStore } from '../../stores/ledgerStore';

type Batch = Output<'imports:list'>[number];

/** Every import of this ledger, with its file hash and counts; any one can be undone as a whole. */
export function ImportHistory({ refreshKey }: { refreshKey: number }) {
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
      setError(`Undid batch ${id}: removed ${r.transfers} transfers and ${r.entities} entities.`);
    } catch (e) {
      setError(errorText(e).message);
    }
  };

  return (
    <section aria-label="Import history">
      <h2>Import history</h2>
      {batches.length === 0 ? <p className="muted">Nothing has been imported into this ledger yet.</p> : (
        <table className="grid">
          <thead><tr><th>Batch</th><th>File</th><th>Imported</th><th>Rows</th><th>SHA-256</th><th></th></tr></thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id}>
                <td>{b.id}</td><td>{b.fileName}</td><td>{b.importedAt.replace('T', ' ').slice(0, 19)}</td>
                <td className="num">{b.rows}</td><td><code title={b.sha256 ?? ''}>{b.sha256?.slice(0, 12)}…</code></td>
                <td>
                  {b.undoneAt ? <span className="muted">undone {b.undoneAt.slice(0, 10)}</span>
                    : undoing === b.id ? (
                      <span className="review">
                        <input aria-label={`Reason to undo batch ${b.id}`} placeholder="Reason (optional)" value={reason} onChange={(e) => setReason(e.target.value)} />
                        <button onClick={() => void undo(b.id)}>Undo batch {b.id}</button>
                        <button onClick={() => setUndoing(null)}>Cancel</button>
                      </span>
                    ) : <button onClick={() => setUndoing(b.id)}>Undo…</button>}
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
