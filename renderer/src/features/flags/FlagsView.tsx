import { useEffect, useState } from 'react';
import { useFlagsStore } from '../../stores/flagsStore';
import { Severity } from '../../components/Severity';
import { PathView } from '../../components/PathView';
import { money, transferDate } from '../../format';

function ReviewForm({ id, onDone }: { id: number; onDone: (error: string | null) => void }) {
  const review = useFlagsStore((s) => s.review);
  const [reason, setReason] = useState('');
  return (
    <div className="review">
      <label>Reason or note <input value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Review reason" /></label>
      <button onClick={async () => onDone(await review(id, 'confirmed', reason))}>Confirm</button>
      <button onClick={async () => onDone(await review(id, 'dismissed', reason))}>Dismiss</button>
      <button onClick={async () => onDone(await review(id, 'open', reason))}>Reopen</button>
    </div>
  );
}

export function FlagsView() {
  const { flags, loading, error, openId, open, load } = useFlagsStore();
  const [reviewError, setReviewError] = useState<string | null>(null);
  useEffect(() => { void load(); }, [load]);
  const current = flags.find((f) => f.id === openId) ?? null;

  return (
    <div className="with-drawer">
      <section className="main-pane">
        <header className="pane-header"><h1>Flags</h1><span className="muted">{flags.length} flags</span></header>
        {error && <p role="alert" className="error">{error}</p>}
        {!loading && flags.length === 0 && <div className="empty"><p>No rule flags any transfer in this ledger.</p></div>}
        {flags.length > 0 && (
          <table className="grid">
            <thead><tr><th>Severity</th><th>Flag</th><th>Transfer</th><th>At stake</th><th>Review</th></tr></thead>
            <tbody>
              {flags.map((f) => (
                <tr key={f.id} tabIndex={0} className={openId === f.id ? 'selected' : ''}
                  onClick={() => open(f.id)} onKeyDown={(e) => { if (e.key === 'Enter') open(f.id); }}>
                  <td><Severity level={f.severity} /></td>
                  <td>{f.title}</td>
                  <td>{transferDate(f.transfer)}: {f.transfer.resource}, {f.transfer.from.name} → {f.transfer.to.name}</td>
                  <td className="num">{money(f.atStakeMinor, f.atStakeCurrency)}</td>
                  <td>{f.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {current && (
        <aside className="drawer" aria-label="Flag detail">
          <button className="close" onClick={() => open(null)} aria-label="Close flag">×</button>
          <h2>{current.title}</h2>
          <p><Severity level={current.severity} /> · rule {current.ruleId} v{current.ruleVersion} · review: <strong data-testid="flag-status">{current.status}</strong>
            {current.statusReason ? ` (${current.statusReason})` : ''}</p>
          <p className="summary">{current.summary}</p>
          <p>Amount at stake: <strong>{money(current.atStakeMinor, current.atStakeCurrency)}</strong></p>
          <h3>Why the parties are related</h3>
          <PathView path={current.paths[0] ?? []} side={current.transfer.from.name} />
          <PathView path={current.paths[1] ?? []} side={current.transfer.to.name} />
          <h3>Review</h3>
          <ReviewForm id={current.id} onDone={setReviewError} />
          {reviewError && <p role="alert" className="error">{reviewError}</p>}
        </aside>
      )}
    </div>
  );
}
