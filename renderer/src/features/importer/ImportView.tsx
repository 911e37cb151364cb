import { useState } from 'react';
import type { Output } from '../../../../shared/contract';
import { call, errorText } from '../../api/client';
import { useLedgerStore } from '../../stores/ledgerStore';
import { ImportHistory } from './ImportHistory';
import { SpreadsheetImport } from './SpreadsheetImport';

type Preview = Output<'document:preview'>;
type Result = Output<'document:import'>;
type SheetResult = Output<'spreadsheet:import'>;

/** Spreadsheets go to the mapping wizard; a mislabelled one is caught by the format read from its content. */
const spreadsheetName = /\.(csv|tsv|tab|xlsx|xlsm)$/i;
type Decision = number | 'new';

const formatNames: Record<string, string> = {
  csv: 'CSV ledger of transfers', xlsx: 'XLSX workbook', 'sec-json': 'SEC XBRL JSON', ftm: 'FollowTheMoney entities',
  xbrl: 'XBRL instance', ixbrl: 'Inline XBRL filing', 'proxy-html': 'Proxy statement (HTML)', 'proxy-text': 'Proxy statement (text)',
};

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Choose a file, see what it would add and which parties it matches, then import it. */
export function ImportView() {
  const refresh = useLedgerStore((s) => s.refresh);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const [validPart, setValidPart] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [failure, setFailure] = useState<{ message: string; details: string[] } | null>(null);
  const [imports, setImports] = useState(0);
  const [sheetFile, setSheetFile] = useState<{ name: string; base64: string } | null>(null);
  const [sheetResult, setSheetResult] = useState<SheetResult | null>(null);

  const choose = async (f: File) => {
    setBusy(true); setPreview(null); setResult(null); setFailure(null); setDecisions({}); setValidPart(false); setSheetFile(null); setSheetResult(null);
    try {
      const picked = { name: f.name, base64: await toBase64(f) };
      setFile(picked);
      if (spreadsheetName.test(picked.name)) { setSheetFile(picked); return; }
      const p = await call('document:preview', { fileName: picked.name, contentBase64: picked.base64 });
      if (p.format === 'csv' || p.format === 'xlsx') { setSheetFile(picked); return; }
      setPreview(p);
      setDecisions(Object.fromEntries(p.entities.filter((e) => e.match.status === 'uncertain').map((e) => [e.key, 'new' as Decision])));
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!file) return;
    setBusy(true); setFailure(null);
    try {
      setResult(await call('document:import', { fileName: file.name, contentBase64: file.base64, decisions, importValidPart: validPart }));
      setPreview(null);
      setImports((n) => n + 1);
      await refresh();
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const blocked = !preview || preview.alreadyImportedBatch !== null || (preview.problemCount > 0 && (preview.format === 'csv' || !validPart));
  return (
    <section className="main-pane narrow">
      <h1>Import</h1>
      <p>Spreadsheets of transfers (CSV, TSV, XLSX: encoding, separators, number and date styles detected, columns mapped by you), XBRL and Inline XBRL filings (10-K, 10-Q, 20-F, ESEF), proxy statements and prospectuses (HTML or text), SEC XBRL JSON (companyfacts, companyconcept) and FollowTheMoney entity files. The format is read from the file's content.
        Nothing is written until you import, and an import can be undone as a whole from the history below.</p>
      <label className="file-pick"
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => { e.preventDefault(); const f = e.dataTransfer.files[0]; if (f) void choose(f); }}>
        Choose or drop a file
        <input type="file" disabled={busy} aria-label="File to import"
          onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void choose(f); }} />
      </label>
      {busy && <p aria-live="polite">Working…</p>}
      {sheetFile && (
        <SpreadsheetImport key={`${sheetFile.name}:${imports}:${sheetFile.base64.length}:${sheetFile.base64.slice(-32)}`} file={sheetFile}
          onImported={(r) => { setSheetResult(r); setSheetFile(null); setImports((n) => n + 1); void refresh(); }} />
      )}
      {sheetResult && (
        <p role="status" className="ok">Imported batch {sheetResult.batchId}: {sheetResult.transfers} transfers, {sheetResult.newEntities} new entities
          {sheetResult.validPartOnly ? `; left out ${sheetResult.problemsLeftOut} problems (recorded with the batch)` : ''}
          {sheetResult.duplicatesSkipped ? `; skipped ${sheetResult.duplicatesSkipped} rows already in the ledger` : ''}. Flags were re-run.</p>
      )}
      {preview && (
        <section className="preview" aria-label="Import preview">
          <h2>{preview.fileName}: {formatNames[preview.format] ?? preview.format}</h2>
          {preview.alreadyImportedBatch !== null && <p role="alert" className="error">This exact file was already imported (batch {preview.alreadyImportedBatch}); importing it again would add nothing.</p>}
          <p>Would add: {preview.counts.transfers} transfers, {preview.counts.disclosures} disclosures, {preview.counts.figures} issuer figures,
            {' '}{preview.counts.candidates} proposed transfers for review, {preview.counts.affiliations} affiliations; {preview.counts.entities} parties.</p>
          {preview.statesNoTransactions && <p>The document states there were no related-party transactions: “{preview.statesNoTransactions}”</p>}
          {preview.entities.length > 0 && (
            <table className="grid">
              <thead><tr><th>Party in the file</th><th>In the ledger</th></tr></thead>
              <tbody>
                {preview.entities.map(({ key, name, match }) => (
                  <tr key={key}><td>{name}</td><td>
                    {match.status === 'matched' && <>{match.entityName} <span className="muted">({match.by}: {match.detail})</span></>}
                    {match.status === 'new' && <span className="muted">new entity</span>}
                    {match.status === 'uncertain' && (
                      <select aria-label={`Which entity is ${name}?`} value={String(decisions[key] ?? 'new')}
                        onChange={(e) => setDecisions({ ...decisions, [key]: e.target.value === 'new' ? 'new' : Number(e.target.value) })}>
                        <option value="new">A new entity</option>
                        {match.candidates.map((c) => <option key={c.entityId} value={c.entityId}>{c.entityName} ({c.why})</option>)}
                      </select>
                    )}
                  </td></tr>
                ))}
              </tbody>
            </table>
          )}
          {preview.problemCount > 0 && (
            <div role="alert" className="error">
              <p>{preview.problemCount} problem{preview.problemCount === 1 ? '' : 's'}{preview.format === 'csv' ? '; a CSV ledger imports only when every row is valid' : ''}:</p>
              <ul>{preview.problems.map((d) => <li key={d}>{d}</li>)}</ul>
              {preview.format !== 'csv' && (
                <label><input type="checkbox" checked={validPart} onChange={(e) => setValidPart(e.target.checked)} /> Import the valid part and leave these out (recorded with the import)</label>
              )}
            </div>
          )}
          <p><button className="primary" disabled={busy || blocked} onClick={() => void commit()}>Import</button></p>
        </section>
      )}
      {result && (
        <p role="status" className="ok">Imported batch {result.batchId}: {result.transfers} transfers, {result.disclosures} disclosures, {result.candidates} proposed transfers, {result.entitiesNew} new entities
          {result.problemsLeftOut ? `; left out ${result.problemsLeftOut} problems` : ''}. Flags were re-run.</p>
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
