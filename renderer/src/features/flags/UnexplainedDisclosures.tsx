// The flags board's second tab: disclosures in imported filings that no transfer explains, each
// linked to its place in the document, with the reason the check gave.
import { useMessages } from '../../i18n';
import { money } from '../../format';
import { localDate } from '../../components/dates';
import { useUiStore } from '../../stores/uiStore';
import { useChannel } from '../valuation/useChannel';
import { useLedgerChanged } from '../valuation/useLedgerChanged';
import { unexplainedMessages } from './unexplainedMessages';

export function UnexplainedDisclosures() {
  const t = useMessages(unexplainedMessages);
  const go = useUiStore((s) => s.go);
  const changed = useLedgerChanged();
  const list = useChannel('disclosures:unexplained', {}, [changed]);
  const period = (a: string | null, b: string | null) => (a || b ? `${a ? localDate(a) : '…'} – ${b ? localDate(b) : '…'}` : t.unknown);
  return (
    <section aria-labelledby="unexplained-title" className="unexplained">
      <header className="pane-header">
        <h2 id="unexplained-title">{t.title}</h2>
        <span className="muted" role="status">{list.data ? t.count(list.data.length) : ''}</span>
      </header>
      <p className="muted small">{t.note}</p>
      {list.error && <p role="alert" className="error">{list.error}</p>}
      {!list.data && list.loading && <p className="muted" aria-busy="true">{t.loading}</p>}
      {list.data && list.data.length === 0 && <div className="empty"><p>{t.empty}</p></div>}
      {list.data && list.data.length > 0 && (
        <div className="table-scroll">
          <table className="grid unexplained-table">
            <thead><tr>
              <th scope="col">{t.document}</th><th scope="col">{t.parties}</th><th scope="col">{t.period}</th>
              <th scope="col" className="num">{t.disclosed}</th><th scope="col" className="num">{t.found}</th><th scope="col">{t.why}</th>
            </tr></thead>
            <tbody>{list.data.map((d) => (
              <tr key={d.id}>
                <td>
                  <button type="button" className="link" aria-label={t.openDocument(d.documentName, d.locator)}
                    onClick={() => go('documents', { documentId: d.documentId, locator: d.locator })}>{d.documentName}</button>
                  <div className="muted small">{d.locator}{d.locator.includes(d.concept) ? '' : <> · <code>{d.concept}</code></>}</div>
                  {d.excerpt && <div className="small excerpt">“{d.excerpt}”</div>}
                </td>
                <td>{d.issuer?.name ?? t.unknown} ↔ {d.counterpartyLabel ?? t.unknown}</td>
                <td className="nowrap">{period(d.periodStart, d.periodEnd)}</td>
                <td className="num">{money(d.amountMinor, d.currency)}</td>
                <td className="num">{t.transfers(d.matchingTransfers, money(d.matchedTotalMinor, d.currency))}</td>
                <td>{d.reason}</td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}
