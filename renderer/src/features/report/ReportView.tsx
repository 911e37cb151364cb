// The audit report page: scope form, a print preview of the very HTML the PDF is printed from
// (in a sandboxed frame that runs no script), Print, Save as PDF, and the table and data exports.
import { useEffect, useRef, useState } from 'react';
import { reportTables, type ReportTable } from '../../../../shared/reportScope';
import { subscribe } from '../../api/client';
import { useMessages } from '../../i18n';
import { messages } from './messages';
import { useReportStore } from './reportStore';
import { ScopeForm } from './ScopeForm';

export function ReportView() {
  const t = useMessages(messages);
  const { form, html, info, loading, busy, status, error, preview, savePdf, printSystem, exportData } = useReportStore();
  const frame = useRef<HTMLIFrameElement>(null);
  const [table, setTable] = useState<ReportTable | ''>('');
  const badPeriod = form.from !== '' && form.to !== '' && form.to < form.from;

  // The preview follows the scope (after a short pause in typing) and the ledger.
  useEffect(() => {
    if (badPeriod || (form.currency !== '' && form.currency.length !== 3)) return;
    const timer = setTimeout(() => void preview(), 300);
    return () => clearTimeout(timer);
  }, [form, badPeriod, preview]);
  useEffect(() => subscribe('ledger:changed', () => void preview()), [preview]);

  const print = async () => {
    if ((await printSystem()) === 'frame') frame.current?.contentWindow?.print();
  };

  return (
    <section className="main-pane report-page">
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <ScopeForm />
      <div className="report-actions" role="toolbar" aria-label={t.title}>
        <button onClick={() => void preview()} disabled={loading}>{t.refresh}</button>
        <button onClick={() => void print()} disabled={!html || busy !== null}>{busy === 'print' ? t.printing : t.print}</button>
        <button className="primary" onClick={() => void savePdf(t.saved)} disabled={busy !== null || badPeriod}>{busy === 'pdf' ? t.printing : t.savePdf}</button>
        <span className="report-export">
          <label>{t.table} <select value={table} onChange={(e) => setTable(e.target.value as ReportTable | '')} aria-label={t.table}>
            <option value="">{t.allTables}</option>
            {reportTables.map((x) => <option key={x} value={x}>{t.tableNames[x] ?? x}</option>)}
          </select></label>
          <button onClick={() => void exportData('csv', table || 'transfers', t.exported)} disabled={busy !== null}>{t.exportCsv}</button>
          <button onClick={() => void exportData('xlsx', table || undefined, t.exported)} disabled={busy !== null}>{t.exportXlsx}</button>
          <button onClick={() => void exportData('json', undefined, t.exported)} disabled={busy !== null}>{t.exportJson}</button>
        </span>
      </div>
      {status && <p role="status" className="ok">{status}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      <h2 className="report-preview-title">{t.preview}{loading && <span className="muted small"> · {t.loading}</span>}</h2>
      {info && <p className="muted small" data-testid="report-info">{t.previewInfo(info.flags, info.transfers, info.stateHash.slice(0, 12))}</p>}
      {html && (
        // No allow-scripts: the report is static; allow-same-origin lets this page call print() on it.
        <iframe ref={frame} className="report-preview" title={t.previewLabel} sandbox="allow-same-origin allow-modals" srcDoc={html} />
      )}
    </section>
  );
}
