import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/contract';
import { call, errorText } from '../../api/client';
import { useLedgerStore } from '../../stores/ledgerStore';
import { money } from '../../format';
import { useMessages } from '../../i18n';
import { reviewMessages } from './messages';

type Candidate = Output<'candidates:list'>[number];

function CandidateCard({ c, onDone }: { c: Candidate; onDone: () => void }) {
  const t = useMessages(reviewMessages);
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
        <p role="note" className="warning">{t.duplicate(c.possibleDuplicateOf)}</p>
      )}
      <dl className="facts">
        <dt>{t.issuer}</dt><dd>{c.issuerName ?? t.unknownIssuer}</dd>
        <dt>{t.counterparty}</dt><dd>{c.counterparty ?? t.notNamed}</dd>
        <dt>{t.amount}</dt><dd>{money(c.amountMinor, c.currency)}</dd>
        <dt>{t.direction}</dt><dd>{t.directions[c.direction]}</dd>
        <dt>{t.period}</dt><dd>{c.periodText ?? '—'}</dd>
      </dl>
      <div className="review">
        {c.direction === 'unknown' && (
          <select aria-label={t.direction} value={direction} onChange={(e) => setDirection(e.target.value as typeof direction)}>
            <option value="">{t.whoPaid}</option><option value="from_issuer">{t.issuerPaid}</option><option value="to_issuer">{t.issuerReceived}</option>
          </select>
        )}
        {!c.periodEnd && !c.periodStart && <input aria-label={t.date} placeholder={t.datePlaceholder} value={date} onChange={(e) => setDate(e.target.value)} />}
        <button onClick={() => void act(() => call('candidate:accept', { id: c.id, ...(direction ? { direction } : {}), ...(date ? { date } : {}) }))}>{t.accept}</button>
        <input aria-label={t.rejectReason} placeholder={t.rejectReason} value={reason} onChange={(e) => setReason(e.target.value)} />
        <button onClick={() => void act(() => call('candidate:reject', { id: c.id, reason }))}>{t.reject}</button>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
    </li>
  );
}

/** Transfers proposed from filings' prose and tables: nothing enters the ledger until a person accepts it. */
export function ReviewView() {
  const t = useMessages(reviewMessages);
  const refreshLedger = useLedgerStore((s) => s.refresh);
  const [items, setItems] = useState<Candidate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => call('candidates:list', { status: 'pending' }).then(setItems, (e: unknown) => setError(errorText(e).message));
  useEffect(() => { void load(); }, []);
  return (
    <section className="main-pane narrow">
      <h1>{t.title}</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {items === null ? <p className="muted">{t.loading}</p> : items.length === 0 ? (
        <div className="empty"><p>{t.empty}</p><p>{t.emptyHint}</p></div>
      ) : <ul className="candidates">{items.map((c) => <CandidateCard key={c.id} c={c} onDone={() => { void load(); void refreshLedger(); }} />)}</ul>}
    </section>
  );
}
