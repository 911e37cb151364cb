import { useState } from 'react';
import type { Output } from '../../../../shared/contract';
import { call, errorText } from '../../api/client';
import { useLedgerStore } from '../../stores/ledgerStore';
import { ImportHistory } from './ImportHistory';

type Result = Output<'import:csv'>;

export function ImportView() {
  const refresh = useLedgerStore((s) => s.refresh);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [failure, setFailure] = useState<{ message: string; details: string[] } | null>(null);
  const [imports, setImports] = useState(0);

  const importFile = async (file: File) => {
    setBusy(true);
    setResult(null);
    setFailure(null);
    try {
      setResult(await call('import:csv', { fileName: file.name, content: await file.text() }));
      setImports((n) => n + 1);
      await refresh();
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="main-pane narrow">
      <h1>Import transfers</h1>
      <p>A CSV file with a header row, separated by commas, semicolons, tabs or pipes. Required columns: <code>date</code> (YYYY-MM-DD, YYYY-MM or YYYY), <code>from</code>, <code>to</code>, <code>resource</code>. Optional: <code>resource_type</code>, <code>quantity</code>, <code>unit</code>, <code>amount</code> with <code>currency</code> (ISO 4217), <code>description</code>, <code>status</code>, <code>intended_for</code>, <code>resource_key</code>.</p>
      <p>The import is all or nothing: a file with any problem adds nothing, and every problem is listed with its line and column.</p>
      <label className="file-pick">
        Choose a CSV file
        <input type="file" accept=".csv,.tsv,.txt,text/csv" disabled={busy} aria-label="CSV file to import"
          onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void importFile(f); }} />
      </label>
      {busy && <p aria-live="polite">Importing…</p>}
      {result && (
        <p role="status" className="ok">Imported {result.transfers} transfers (batch {result.batchId}); {result.newEntities} new entities. Flags were re-run.</p>
      )}
      {failure && (
        <div role="alert" className="error">
          <p>{failure.message}</p>
          {failure.details.length > 0 && <ul>{failure.details.map((d) => <li key={d}>{d}</li>)}</ul>}
        </div>
      )}
      <ImportHistory refreshKey={imports} />
    </section>
  );
}
