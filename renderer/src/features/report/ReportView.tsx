import { useState } from 'react';
import { call, errorText } from '../../api/client';
import { useLedgerStore } from '../../stores/ledgerStore';

function download(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ReportView() {
  const info = useLedgerStore((s) => s.info);
  const [title, setTitle] = useState('Related-party transfer audit');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const exportPdf = async () => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const r = await call('report:pdf', { title });
      download(r.fileName, r.pdfBase64);
      setStatus(`Saved ${r.fileName}${r.pages ? ` (${r.pages} pages)` : ''}.`);
    } catch (err) {
      setError(errorText(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="main-pane narrow">
      <h1>Audit report</h1>
      <p>A PDF of every flag in <strong>{info?.name ?? 'this ledger'}</strong> that is not dismissed: what happened, the valuation band and its source, the path that makes the parties related, and the evidence, followed by all transfers and a reproducibility block.</p>
      <label>Title <input value={title} onChange={(e) => setTitle(e.target.value)} aria-label="Report title" /></label>
      <p><button className="primary" disabled={busy} onClick={() => void exportPdf()}>{busy ? 'Printing…' : 'Export PDF'}</button></p>
      {status && <p role="status" className="ok">{status}</p>}
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}
