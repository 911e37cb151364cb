import { useState } from 'react';
import type { Output } from '../../../../shared/contract';
import { call, errorText } from '../../api/client';
import { useLedgerStore } from '../../stores/ledgerStore';
import { useMessages } from '../../i18n';
import { number } from '../../format';
import { importerMessages } from './messages';
import { ImportHistory } from './ImportHistory';
import { SpreadsheetImport } from './SpreadsheetImport';

type Preview = Output<'document:preview'>;
type Result = Output<'document:import'>;
type SheetResult = Output<'spreadsheet:import'>;

/** Spreadsheets go to the mapping wizard; a mislabelled one is caught by the format read from its content. */
const spreadsheetName = /\.(csv|tsv|tab|xlsx|xlsm)$/i;
type Decision = number | 'new';

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Choose a file, see what it would add and which parties it matches, then import it. */
export function ImportView() {
  const t = useMessages(importerMessages);
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
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <label className="file-pick"
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => { e.preventDefault(); const f = e.dataTransfer.files[0]; if (f) void choose(f); }}>
        {t.chooseFile}
        <input type="file" disabled={busy} aria-label={t.fileLabel}
          onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void choose(f); }} />
      </label>
      {busy && <p aria-live="polite">{t.working}</p>}
      {sheetFile && (
        <SpreadsheetImport key={`${sheetFile.name}:${imports}:${sheetFile.base64.length}:${sheetFile.base64.slice(-32)}`} file={sheetFile}
          onImported={(r) => { setSheetResult(r); setSheetFile(null); setImports((n) => n + 1); void refresh(); }} />
      )}
      {sheetResult && (
        <p role="status" className="ok">{t.importedSheet(sheetResult.batchId, number(sheetResult.transfers), number(sheetResult.newEntities),
          sheetResult.validPartOnly ? number(sheetResult.problemsLeftOut) : null, sheetResult.duplicatesSkipped ? number(sheetResult.duplicatesSkipped) : null)}</p>
      )}
      {preview && (
        <section className="preview" aria-label={t.previewLabel}>
          <h2>{preview.fileName}: {t.formatNames[preview.format] ?? preview.format}</h2>
          {preview.alreadyImportedBatch !== null && <p role="alert" className="error">{t.alreadyImported(preview.alreadyImportedBatch)}</p>}
          <p>{t.wouldAddDocument(number(preview.counts.transfers), number(preview.counts.disclosures), number(preview.counts.figures),
            number(preview.counts.candidates), number(preview.counts.affiliations), number(preview.counts.entities))}</p>
          {preview.statesNoTransactions && <p>{t.statesNoTransactions(preview.statesNoTransactions)}</p>}
          {preview.entities.length > 0 && (
            <table className="grid">
              <thead><tr><th>{t.partyInFile}</th><th>{t.inLedger}</th></tr></thead>
              <tbody>
                {preview.entities.map(({ key, name, match }) => (
                  <tr key={key}><td>{name}</td><td>
                    {match.status === 'matched' && <>{match.entityName} <span className="muted">({match.by}: {match.detail})</span></>}
                    {match.status === 'new' && <span className="muted">{t.newEntity}</span>}
                    {match.status === 'uncertain' && (
                      <select aria-label={t.whichEntity(name)} value={String(decisions[key] ?? 'new')}
                        onChange={(e) => setDecisions({ ...decisions, [key]: e.target.value === 'new' ? 'new' : Number(e.target.value) })}>
                        <option value="new">{t.aNewEntity}</option>
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
              <p>{t.problemsDocument(preview.problemCount, number(preview.problemCount), preview.format === 'csv')}</p>
              <ul>{preview.problems.map((d) => <li key={d}>{d}</li>)}</ul>
              {preview.format !== 'csv' && (
                <label><input type="checkbox" checked={validPart} onChange={(e) => setValidPart(e.target.checked)} /> {t.validPart}</label>
              )}
            </div>
          )}
          <p><button className="primary" disabled={busy || blocked} onClick={() => void commit()}>{t.importButton}</button></p>
        </section>
      )}
      {result && (
        <p role="status" className="ok">{t.importedDocument(result.batchId, number(result.transfers), number(result.disclosures), number(result.candidates),
          number(result.entitiesNew), result.problemsLeftOut ? number(result.problemsLeftOut) : null)}</p>
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
