import { useEffect, useRef, useState } from 'react';
import type { Evidence, Flag } from '../../../../shared/domain';
import { call, errorText } from '../../api/client';
import { useMessages } from '../../i18n';
import { useFlagsStore, type FlagWithTransfer } from '../../stores/flagsStore';
import { useTransfersStore } from '../../stores/transfersStore';
import { useUiStore } from '../../stores/uiStore';
import { Severity } from '../../components/Severity';
import { PathView } from '../../components/PathView';
import { PathDiagram } from '../../components/PathDiagram';
import { ChecklistTable } from '../../components/ChecklistTable';
import { EvidenceLinks } from '../../components/EvidenceLinks';
import { localDate, localDateTime } from '../../components/dates';
import { money, number } from '../../format';
import { flagMessages } from './messages';

function ReviewForm({ flag }: { flag: Flag }) {
  const t = useMessages(flagMessages);
  const review = useFlagsStore((s) => s.review);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const submit = async (status: Flag['status']) => {
    setSaved(false);
    // Dismissing needs a reason: say so here, where it can be typed, before asking core (which checks too).
    if (status === 'dismissed' && reason.trim() === '') { setError(t.needsReason); reasonRef.current?.focus(); return; }
    setBusy(true);
    const problem = await review(flag.id, status, reason);
    setBusy(false);
    setError(problem);
    if (!problem) { setSaved(true); setReason(''); }
  };
  return (
    <form className="review-form" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor={`reason-${flag.id}`}>{t.reason}</label>
      <textarea id={`reason-${flag.id}`} ref={reasonRef} rows={2} value={reason} aria-label={t.reasonLabel}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `reason-error-${flag.id}` : undefined}
        onChange={(e) => setReason(e.target.value)} />
      <div className="review">
        <button type="button" disabled={busy} onClick={() => void submit('confirmed')}>✓ {t.confirm}</button>
        <button type="button" disabled={busy} onClick={() => void submit('dismissed')}>✗ {t.dismiss}</button>
        <button type="button" disabled={busy} onClick={() => void submit('open')}>↺ {t.reopen}</button>
      </div>
      {error && <p role="alert" id={`reason-error-${flag.id}`} className="error">{error}</p>}
      {saved && <p role="status" className="ok">{t.saved}</p>}
    </form>
  );
}

/** The transfer's own evidence (its source row, the documents that report it), read when the page opens. */
function useTransferEvidence(transferId: number) {
  const [state, setState] = useState<{ items: Evidence[] | null; error: string | null }>({ items: null, error: null });
  useEffect(() => {
    let live = true;
    setState({ items: null, error: null });
    call('transfer:get', { id: transferId })
      .then((d) => { if (live) setState({ items: d.evidence, error: null }); })
      .catch((err: unknown) => { if (live) setState({ items: null, error: errorText(err).message }); });
    return () => { live = false; };
  }, [transferId]);
  return state;
}

export function FlagPage({ flag }: { flag: FlagWithTransfer }) {
  const t = useMessages(flagMessages);
  const go = useUiStore((s) => s.go);
  const open = useFlagsStore((s) => s.open);
  const evidence = useTransferEvidence(flag.transferId);
  const heading = useRef<HTMLHeadingElement>(null);
  // Moving to another flag moves the reading position to its title (keyboard and screen readers).
  useEffect(() => { heading.current?.focus(); }, [flag.id]);
  const tr = flag.transfer;
  const transferLabel = `${tr.quantity !== null ? `${number(tr.quantity)} × ` : ''}${tr.resource}, ${localDate(tr.date, tr.datePrecision)}`;
  const reviewedWhen = flag.statusChangedAt ? localDateTime(flag.statusChangedAt) : null;

  return (
    <aside className="drawer flag-page" aria-label={t.detail}>
      <button className="close" onClick={() => open(null)} aria-label={t.close}>×</button>
      <h2 tabIndex={-1} ref={heading}>{flag.title}</h2>
      <p className="flag-meta">
        <Severity level={flag.severity} /> · <code>{t.ruleLine(flag.ruleId, flag.ruleVersion)}</code>
        {flag.regime && <> · {t.regime}: <strong>{t.regimes[flag.regime] ?? flag.regime}</strong></>}
        {' '}· {t.reviewState}: <strong data-testid="flag-status" className={`status status-${flag.status}`}>{t[flag.status]}</strong>
        {flag.statusReason ? ` (${flag.statusReason})` : ''}
      </p>
      <p className="summary">{flag.summary}</p>
      <p>{t.amountAtStake}: <strong>{flag.atStakeMinor === null ? t.notValued : money(flag.atStakeMinor, flag.atStakeCurrency)}</strong></p>
      <p className="flag-links">
        <button type="button" className="link" onClick={() => { go('ledger', { transferId: flag.transferId }); void useTransfersStore.getState().select(flag.transferId); }}>
          {t.openTransfer}: {tr.from.name} → {tr.to.name}, {transferLabel}
        </button>
        <button type="button" className="link" onClick={() => go('graph', { flagId: flag.id })}>{t.showInGraph}</button>
      </p>

      <h3>{t.why}</h3>
      <PathDiagram paths={flag.paths} from={tr.from} to={tr.to} transferLabel={transferLabel} />
      {flag.paths.length > 0 && <>
        <PathView path={flag.paths[0] ?? []} side={tr.from.name} />
        <PathView path={flag.paths[1] ?? []} side={tr.to.name} />
      </>}

      {flag.checklist.length > 0 && <>
        <h3>{t.checklist}</h3>
        <ChecklistTable items={flag.checklist} />
      </>}

      <h3>{t.evidence}</h3>
      {evidence.error && <p role="alert" className="error">{evidence.error}</p>}
      {!evidence.error && evidence.items === null && <p className="muted" aria-busy="true">{t.loadingEvidence}</p>}
      {evidence.items && <EvidenceLinks items={evidence.items} />}

      <h3>{t.review}</h3>
      <p className="muted small" data-testid="reviewed-by">
        {flag.statusBy && reviewedWhen ? t.reviewedBy(flag.statusBy, reviewedWhen) : reviewedWhen ? t.reviewedAt(reviewedWhen) : t.notReviewed}
      </p>
      <ReviewForm key={flag.id} flag={flag} />
    </aside>
  );
}
