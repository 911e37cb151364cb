import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/contract';
import { call, errorText } from '../../api/client';
import { useLedgerStore } from '../../stores/ledgerStore';
import { money } from '../../format';

type Candidate = Output<'candidates:list'>[number];

const directions: Record<Candidate['direction'], string> = { from_issuer: 'issuer pays / gives', to_issuer: 'issuer receives', unknown: 'direction not stated' };

function CandidateCard({ c, onDone }: { c: Candidate; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [direction, setDirection] = useState<'from_issuer' | 'to_issuer' | ''>('');
  const [date, setDate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const act = async (f: () => Promise<unknown>) => {
    try { await f(); onDone(); } catch (e) { setError(errorText(e).details.join('; ') || errorText(e).message); }
  };
  return (
    <li className="candidate">
      <blockquote>{c.excerpt}</blockquote>
      <p className="cite">{c.documentName} · {c.locator}</p>
      {c.possibleDuplicateOf !== null && (
        <p role="note" className="warning">⚠ The ledger already has transfer #{c.possibleDuplicateOf} with the same parties, amount and period; accepting this would count it twice.</p>
      )}
      <dl className="facts">
        <dt>Issuer</dt><dd>{c.issuerName ?? 'unknown'}</dd>
        <dt>Counterparty</dt><dd>{c.counterparty ?? 'not named'}</dd>
        <dt>Amount</dt><dd>{money(c.amountMinor, c.currency)}</dd>
        <dt>Direction</dt><dd>{directions[c.direction]}</dd>
        <dt>Period</dt><dd>{c.periodText ?? '—'}</dd>
      </dl>
      <div className="review">
        {c.direction === 'unknown' && (
          <select aria-label="Direction" value={direction} onChange={(e) => setDirection(e.target.value as typeof direction)}>
            <option value="">Who paid whom?</option><option value="from_issuer">Issuer paid</option><option value="to_issuer">Issuer received</option>
          </select>
        )}
        {!c.periodEnd && !c.periodStart && <input aria-label="Date" placeholder="Date (YYYY-MM-DD)" value={date} onChange={(e) => setDate(e.target.value)} />}
        <button onClick={() => void act(() => call('candidate:accept', { id: c.id, ...(direction ? { direction } : {}), ...(date ? { date } : {}) }))}>Accept as transfer</button>
        <input aria-label="Reason to reject" placeholder="Reason to reject" value={reason} onChange={(e) => setReason(e.target.value)} />
        <button onClick={() => void act(() => call('candidate:reject', { id: c.id, reason }))}>Reject</button>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
    </li>
  );
}

/** Transfers proposed from filings' prose and tables: nothing enters the ledger until a person accepts it. */
export function ReviewView() {
  const refreshLedger = useLedgerStore((s) => s.refresh);
  const [items, setItems] = useState<Candidate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => call('candidates:list', { status: 'pending' }).then(setItems, (e: unknown) => setError(errorText(e).message));
  useEffect(() => { void load(); }, []);
  return (
    <section className="main-pane narrow">
      <h1>Review proposed transfers</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {items === null ? <p className="muted">Loading…</p> : items.length === 0 ? (
        <div className="empty"><p>No proposals wait for review.</p><p>Importing a proxy statement or prospectus proposes transfers from its related-person section.</p></div>
      ) : <ul className="candidates">{items.map((c) => <CandidateCard key={c.id} c={c} onDone={() => { void load(); void refreshLedger(); }} />)}</ul>}
    </section>
  );
}
