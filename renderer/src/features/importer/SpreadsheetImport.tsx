// The import wizard for spreadsheets (CSV, TSV, XLSX): what was detected, the first rows with a
// field chooser per column, the date format when the dates are ambiguous, presets, the parties
// and problems, then the import as a job with a progress bar and Cancel. A party that may already
// be in the ledger under another name is asked about (which entity, or new) before Import is allowed.
import { useEffect, useRef, useState } from 'react';
import type { Input, Output } from '../../../../shared/contract';
import { transferFieldNames } from '../../../../shared/spreadsheetSchemas';
import { call, errorText, subscribe } from '../../api/client';

type Preview = Output<'spreadsheet:preview'>;
type Result = Output<'spreadsheet:import'>;
type Mapping = Preview['mapping'];
type Options = NonNullable<Input<'spreadsheet:preview'>['options']>;
type Preset = Output<'importPresets:list'>[number];
type Decision = number | 'new';
type Party = Preview['entities'][number];

const fieldLabels: Record<(typeof transferFieldNames)[number], string> = {
  date: 'date', from: 'from (payer)', to: 'to (recipient)', resource: 'resource', resource_type: 'resource type', resource_key: 'price-book key',
  quantity: 'quantity', unit: 'unit', amount: 'amount', currency: 'currency', description: 'description', status: 'status', intended_for: 'intended for',
};
const dateFormatLabels = { iso: 'ISO (2024-12-31)', dmy: 'day first (31.12.2024, 31/12/2024)', mdy: 'month first (12/31/2024)' } as const;

export function SpreadsheetImport({ file, onImported }: { file: { name: string; base64: string }; onImported: (r: Result) => void }) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Mapping | undefined>(undefined);
  const [options, setOptions] = useState<Options>({});
  const [presets, setPresets] = useState<Preset[]>([]);
  const [validPart, setValidPart] = useState(false);
  const [presetName, setPresetName] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ rows: number; bytes: number; totalBytes: number } | null>(null);
  const [failure, setFailure] = useState<{ message: string; details: string[] } | null>(null);
  /** By the party's name in the file; no entry means no choice made yet. */
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const jobId = useRef<string | null>(null);

  useEffect(() => { void call('importPresets:list', {}).then(setPresets).catch(() => setPresets([])); }, []);

  // Every change of mapping, options or party decisions asks core again: the preview is a dry run of the real import.
  useEffect(() => {
    let stale = false;
    setBusy(true);
    call('spreadsheet:preview', { fileName: file.name, contentBase64: file.base64, mapping, options, partyDecisions: decisions })
      .then((p) => { if (!stale) { setPreview(p); setFailure(null); } })
      .catch((err: unknown) => { if (!stale) { setPreview(null); setFailure(errorText(err)); } })
      .finally(() => { if (!stale) setBusy(false); });
    return () => { stale = true; };
  }, [file, mapping, options, decisions]);

  useEffect(() => subscribe('import:progress', (p) => { if (p.jobId === jobId.current) setProgress(p); }), []);

  const applyPreset = (id: string) => {
    const p = presets.find((x) => String(x.id) === id);
    if (!p) return;
    setMapping(p.mapping.length === preview?.headers.length ? p.mapping : undefined);
    setOptions(p.options);
  };

  const commit = async () => {
    if (!preview) return;
    const id = `job-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    jobId.current = id;
    setBusy(true); setFailure(null); setProgress({ rows: 0, bytes: 0, totalBytes: 1 });
    try {
      const r = await call('spreadsheet:import', {
        fileName: file.name, contentBase64: file.base64, mapping: preview.mapping, options: { ...options, ...(preview.dateFormat ? { dateFormat: preview.dateFormat } : {}) },
        importValidPart: validPart, jobId: id, ...(presetName.trim() ? { savePresetAs: presetName.trim() } : {}),
        partyDecisions: decisionsFor(uncertainParties(preview), decisions),
      });
      onImported(r);
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      jobId.current = null;
      setBusy(false); setProgress(null);
    }
  };

  const cancel = () => { if (jobId.current) void call('import:cancel', { jobId: jobId.current }); };

  const decide = (name: string, value: string) => {
    const next = { ...decisions };
    if (value === '') delete next[name]; else next[name] = value === 'new' ? 'new' : Number(value);
    setDecisions(next);
  };

  const p = preview;
  const asked = p ? uncertainParties(p) : [];
  const undecided = asked.filter((e) => decisions[e.name] === undefined).length;
  const blocked = !p || busy || p.alreadyImportedBatch !== null || p.dateFormat === null || (p.problemCount > 0 && (!validPart || p.counts.transfers === 0)) || undecided > 0;
  return (
    <section className="preview spreadsheet" aria-label="Import preview">
      <h2>{file.name}: {p?.format === 'xlsx' ? 'XLSX workbook of transfers' : 'CSV ledger of transfers'}</h2>
      {busy && !progress && <p aria-live="polite">Reading…</p>}
      {p && (
        <>
          {p.alreadyImportedBatch !== null && <p className="error">This exact file was already imported (batch {p.alreadyImportedBatch}); importing it again would add nothing.</p>}
          <dl className="sheet-detected">
            {p.encoding && <><dt>Encoding</dt><dd>{p.encoding.label}</dd></>}
            {p.delimiter && <><dt>Separator</dt><dd>{p.delimiter.label}</dd></>}
            <dt>Numbers</dt><dd>{p.numberStyle.label}{p.numberStyle.example ? ` (from “${p.numberStyle.example}”)` : p.numberStyle.decided ? '' : ' (assumed: no value decided it)'}</dd>
            {p.dateColumn && <><dt>Dates in “{p.dateColumn.header}”</dt><dd>{p.dateFormat ? dateFormatLabels[p.dateFormat] : 'ambiguous: choose below'}</dd></>}
            <dt>Rows</dt><dd>{p.totalRows}</dd>
          </dl>
          <div className="sheet-choices">
            {p.sheets.length > 1 && (
              <label>Sheet{' '}
                <select value={p.sheet ?? ''} onChange={(e) => { setMapping(undefined); setOptions({ ...options, sheet: e.target.value }); }}>
                  {p.sheets.map((s) => <option key={s} value={s}>{s}</option>)}
                </select>
              </label>
            )}
            {p.dateColumn && (
              <label>Date format{' '}
                <select value={options.dateFormat ?? p.dateFormat ?? ''} onChange={(e) => setOptions({ ...options, dateFormat: e.target.value as keyof typeof dateFormatLabels })}
                  aria-invalid={p.dateFormat === null}>
                  {p.dateFormat === null && <option value="">Choose: the dates fit more than one format</option>}
                  {(Object.keys(dateFormatLabels) as Array<keyof typeof dateFormatLabels>).map((f) => (
                    <option key={f} value={f} disabled={p.dateColumn!.candidates.length > 0 && !p.dateColumn!.candidates.includes(f)}>{dateFormatLabels[f]}</option>
                  ))}
                </select>
              </label>
            )}
            <label>Decimal separator{' '}
              <select value={options.decimal ?? p.numberStyle.decimal} onChange={(e) => setOptions({ ...options, decimal: e.target.value as '.' | ',' })}>
                <option value=".">point (1,234.56)</option>
                <option value=",">comma (1.234,56)</option>
              </select>
            </label>
            {presets.length > 0 && (
              <label>Preset{' '}
                <select value={p.preset ? String(p.preset.id) : ''} onChange={(e) => applyPreset(e.target.value)}>
                  <option value="">{p.preset ? '' : 'none matched'}</option>
                  {presets.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
                </select>
              </label>
            )}
            {p.preset && <span className="muted">Mapping from the preset “{p.preset.name}” (its header row matches).</span>}
          </div>
          <div className="sheet-table" role="group" aria-label="Columns and first rows">
            <table className="grid compact">
              <thead>
                <tr><th scope="col">Line</th>{p.headers.map((h, i) => <th key={i} scope="col">{h || `column ${i + 1}`}</th>)}</tr>
                <tr>
                  <th scope="row">Field</th>
                  {p.headers.map((h, i) => {
                    const s = p.suggestions[i];
                    return (
                      <td key={i}>
                        <select aria-label={`Field for column "${h || i + 1}"`} value={p.mapping[i] ?? ''}
                          onChange={(e) => { const next = [...p.mapping]; next[i] = (e.target.value || null) as Mapping[number]; setMapping(next); }}>
                          <option value="">ignore</option>
                          {transferFieldNames.map((f) => <option key={f} value={f}>{fieldLabels[f]}</option>)}
                        </select>
                        {s && s.field && s.field === p.mapping[i] && s.confidence < 0.8 && <span className="muted small" title={s.why}> guess</span>}
                      </td>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {p.rows.map((r) => <tr key={r.line}><th scope="row">{r.line}</th>{p.headers.map((_, i) => <td key={i}>{r.cells[i] ?? ''}</td>)}</tr>)}
              </tbody>
            </table>
          </div>
          <p>Would add: {p.counts.transfers} transfers; {p.counts.newEntities} new parties{p.undecidedParties > 0 ? ` (counting ${p.undecidedParties} not yet decided as new)` : ''}{p.counts.duplicates ? `; skips ${p.counts.duplicates} rows already in the ledger` : ''}.</p>
          {asked.length > 0 && (
            <div className="sheet-decisions" role="group" aria-label="Parties that may already be in the ledger">
              <p>{asked.length === 1 ? 'This party may already be in the ledger under another name. Say which entity it is, or that it is new:'
                : `These ${asked.length} parties may already be in the ledger under another name. Say which entity each one is, or that it is new:`}</p>
              <table className="grid compact">
                <thead><tr><th scope="col">Party in the file</th><th scope="col">In the ledger</th></tr></thead>
                <tbody>
                  {asked.map(({ name, match }) => (
                    <tr key={name}><td>{name}</td><td>
                      <select aria-label={`Which entity is ${name}?`} value={decisions[name] === undefined ? '' : String(decisions[name])}
                        aria-invalid={decisions[name] === undefined} onChange={(e) => decide(name, e.target.value)}>
                        <option value="">Choose…</option>
                        <option value="new">A new entity</option>
                        {match.status === 'uncertain' && match.candidates.map((c) => <option key={c.entityId} value={c.entityId}>{c.entityName} ({c.why})</option>)}
                      </select>
                    </td></tr>
                  ))}
                </tbody>
              </table>
              {p.uncertainNotShown > 0 && <p className="error">{p.uncertainNotShown} more parties may already be in the ledger but are not listed here; the import will name them.</p>}
            </div>
          )}
          {p.duplicates.length > 0 && (
            <details>
              <summary>Rows already in the ledger ({p.counts.duplicates})</summary>
              <ul>{p.duplicates.map((d) => <li key={d}>{d}</li>)}</ul>
            </details>
          )}
          {p.entities.length > 0 && (
            <details>
              <summary>Parties in the file ({p.entities.length})</summary>
              <ul className="sheet-parties">
                {p.entities.map(({ name, match }) => (
                  <li key={name}>{name}: {match.status === 'matched' ? <>matches {match.entityName} <span className="muted">({match.by}: {match.detail})</span></>
                    : match.status === 'uncertain' ? <>maybe {match.candidates.map((c) => c.entityName).join(' or ')} <span className="muted">(decide above)</span></>
                    : <span className="muted">new entity</span>}</li>
                ))}
              </ul>
            </details>
          )}
          {p.problemCount > 0 && (
            <div role="alert" className="error">
              <p>{p.problemCount} problem{p.problemCount === 1 ? '' : 's'}; a spreadsheet imports only when every row is valid, unless you import its valid part:</p>
              <ul>{p.problems.map((d) => <li key={d}>{d}</li>)}</ul>
              {p.counts.transfers > 0 && (
                <label><input type="checkbox" checked={validPart} onChange={(e) => setValidPart(e.target.checked)} /> Import the valid part and leave these out (recorded with the import)</label>
              )}
            </div>
          )}
          <p className="sheet-commit">
            <label>Save mapping as preset{' '}
              <input type="text" value={presetName} placeholder={p.preset?.name ?? 'e.g. Bank export'} onChange={(e) => setPresetName(e.target.value)} maxLength={100} />
            </label>{' '}
            <button className="primary" disabled={blocked} onClick={() => void commit()}>Import</button>
            {undecided > 0 && <span className="sheet-blocked" role="status">Decide for {undecided} {undecided === 1 ? 'party' : 'parties'} that may already be in the ledger</span>}
          </p>
        </>
      )}
      {progress && (
        <p className="sheet-progress">
          <progress aria-label="Import progress" max={progress.totalBytes} value={progress.bytes} /> {progress.rows.toLocaleString()} rows{' '}
          <button onClick={cancel}>Cancel</button>
        </p>
      )}
      {failure && (
        <div className="error-box" role={p && p.problemCount > 0 ? undefined : 'alert'}>
          <p>{failure.message}</p>
          {failure.details.length > 0 && <ul>{failure.details.map((d) => <li key={d}>{d}</li>)}</ul>}
        </div>
      )}
    </section>
  );
}

/** The parties the import asks about: it refuses until each has a decision. */
function uncertainParties(p: Preview): Party[] {
  return p.entities.filter((e) => e.match.status === 'uncertain');
}

/** The decisions for the parties asked about now (a changed mapping may have dropped others). */
function decisionsFor(asked: Party[], decisions: Record<string, Decision>): Record<string, Decision> {
  return Object.fromEntries(asked.filter((e) => decisions[e.name] !== undefined).map((e) => [e.name, decisions[e.name]!]));
}
