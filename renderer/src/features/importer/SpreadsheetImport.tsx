// The import wizard for spreadsheets (CSV, TSV, XLSX): what was detected, the first rows with a
// field chooser per column, the date format when the dates are ambiguous, presets, the parties
// and problems, then the import as a job with a progress bar and Cancel. A party that may already
// be in the ledger under another name is asked about (which entity, or new) before Import is allowed.
import { useEffect, useRef, useState } from 'react';
import type { Input, Output } from '../../../../shared/contract';
import { transferFieldNames } from '../../../../shared/spreadsheetSchemas';
import { call, errorText, subscribe } from '../../api/client';
import { useMessages } from '../../i18n';
import { number } from '../../format';
import { importerMessages } from './messages';

type Preview = Output<'spreadsheet:preview'>;
type Result = Output<'spreadsheet:import'>;
type Mapping = Preview['mapping'];
type Options = NonNullable<Input<'spreadsheet:preview'>['options']>;
type Preset = Output<'importPresets:list'>[number];
type Decision = number | 'new';
type Party = Preview['entities'][number];

type DateFormat = NonNullable<Options['dateFormat']>;
const dateFormats: DateFormat[] = ['iso', 'dmy', 'mdy'];

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
  const t = useMessages(importerMessages);

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
    <section className="preview spreadsheet" aria-label={t.previewLabel}>
      <h2>{file.name}: {t.sheetTitle(p?.format === 'xlsx')}</h2>
      {busy && !progress && <p aria-live="polite">{t.reading}</p>}
      {p && (
        <>
          {p.alreadyImportedBatch !== null && <p className="error">{t.alreadyImported(p.alreadyImportedBatch)}</p>}
          <dl className="sheet-detected">
            {p.encoding && <><dt>{t.encoding}</dt><dd>{p.encoding.label}</dd></>}
            {p.delimiter && <><dt>{t.separator}</dt><dd>{p.delimiter.label}</dd></>}
            <dt>{t.numbers}</dt><dd>{p.numberStyle.label}{p.numberStyle.example ? t.numbersFrom(p.numberStyle.example) : p.numberStyle.decided ? '' : t.numbersAssumed}</dd>
            {p.dateColumn && <><dt>{t.datesIn(p.dateColumn.header)}</dt><dd>{p.dateFormat ? t.dateFormatLabels[p.dateFormat] : t.datesAmbiguous}</dd></>}
            <dt>{t.rows}</dt><dd>{number(p.totalRows)}</dd>
          </dl>
          <div className="sheet-choices">
            {p.sheets.length > 1 && (
              <label>{t.sheet}{' '}
                <select value={p.sheet ?? ''} onChange={(e) => { setMapping(undefined); setOptions({ ...options, sheet: e.target.value }); }}>
                  {p.sheets.map((s) => <option key={s} value={s}>{s}</option>)}
                </select>
              </label>
            )}
            {p.dateColumn && (
              <label>{t.dateFormat}{' '}
                <select value={options.dateFormat ?? p.dateFormat ?? ''} onChange={(e) => setOptions({ ...options, dateFormat: e.target.value as DateFormat })}
                  aria-invalid={p.dateFormat === null}>
                  {p.dateFormat === null && <option value="">{t.dateFormatChoose}</option>}
                  {dateFormats.map((f) => (
                    <option key={f} value={f} disabled={p.dateColumn!.candidates.length > 0 && !p.dateColumn!.candidates.includes(f)}>{t.dateFormatLabels[f]}</option>
                  ))}
                </select>
              </label>
            )}
            <label>{t.decimal}{' '}
              <select value={options.decimal ?? p.numberStyle.decimal} onChange={(e) => setOptions({ ...options, decimal: e.target.value as '.' | ',' })}>
                <option value=".">{t.decimalPoint}</option>
                <option value=",">{t.decimalComma}</option>
              </select>
            </label>
            {presets.length > 0 && (
              <label>{t.preset}{' '}
                <select value={p.preset ? String(p.preset.id) : ''} onChange={(e) => applyPreset(e.target.value)}>
                  <option value="">{p.preset ? '' : t.presetNone}</option>
                  {presets.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
                </select>
              </label>
            )}
            {p.preset && <span className="muted">{t.presetUsed(p.preset.name)}</span>}
          </div>
          <div className="sheet-table" role="group" aria-label={t.columnsLabel}>
            <table className="grid compact">
              <thead>
                <tr><th scope="col">{t.line}</th>{p.headers.map((h, i) => <th key={i} scope="col">{h || t.columnN(i + 1)}</th>)}</tr>
                <tr>
                  <th scope="row">{t.field}</th>
                  {p.headers.map((h, i) => {
                    const s = p.suggestions[i];
                    return (
                      <td key={i}>
                        <select aria-label={t.fieldFor(h || String(i + 1))} value={p.mapping[i] ?? ''}
                          onChange={(e) => { const next = [...p.mapping]; next[i] = (e.target.value || null) as Mapping[number]; setMapping(next); }}>
                          <option value="">{t.ignore}</option>
                          {transferFieldNames.map((f) => <option key={f} value={f}>{t.fieldLabels[f] ?? f}</option>)}
                        </select>
                        {s && s.field && s.field === p.mapping[i] && s.confidence < 0.8 && <span className="muted small" title={s.why}> {t.guess}</span>}
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
          <p>{t.wouldAddSheet(number(p.counts.transfers), number(p.counts.newEntities), p.undecidedParties > 0 ? number(p.undecidedParties) : null,
            p.counts.duplicates ? number(p.counts.duplicates) : null)}</p>
          {asked.length > 0 && (
            <div className="sheet-decisions" role="group" aria-label={t.maybeKnownLabel}>
              <p>{t.askParties(asked.length, number(asked.length))}</p>
              <table className="grid compact">
                <thead><tr><th scope="col">{t.partyInFile}</th><th scope="col">{t.inLedger}</th></tr></thead>
                <tbody>
                  {asked.map(({ name, match }) => (
                    <tr key={name}><td>{name}</td><td>
                      <select aria-label={t.whichEntity(name)} value={decisions[name] === undefined ? '' : String(decisions[name])}
                        aria-invalid={decisions[name] === undefined} onChange={(e) => decide(name, e.target.value)}>
                        <option value="">{t.choose}</option>
                        <option value="new">{t.aNewEntity}</option>
                        {match.status === 'uncertain' && match.candidates.map((c) => <option key={c.entityId} value={c.entityId}>{c.entityName} ({c.why})</option>)}
                      </select>
                    </td></tr>
                  ))}
                </tbody>
              </table>
              {p.uncertainNotShown > 0 && <p className="error">{t.notShown(number(p.uncertainNotShown))}</p>}
            </div>
          )}
          {p.duplicates.length > 0 && (
            <details>
              <summary>{t.duplicateRows(number(p.counts.duplicates))}</summary>
              <ul>{p.duplicates.map((d) => <li key={d}>{d}</li>)}</ul>
            </details>
          )}
          {p.entities.length > 0 && (
            <details>
              <summary>{t.partiesInFile(number(p.entities.length))}</summary>
              <ul className="sheet-parties">
                {p.entities.map(({ name, match }) => (
                  <li key={name}>{name}: {match.status === 'matched' ? <>{t.matches(match.entityName)} <span className="muted">({match.by}: {match.detail})</span></>
                    : match.status === 'uncertain' ? <>{t.maybe(match.candidates.map((c) => c.entityName))} <span className="muted">{t.decideAbove}</span></>
                    : <span className="muted">{t.newEntity}</span>}</li>
                ))}
              </ul>
            </details>
          )}
          {p.problemCount > 0 && (
            <div role="alert" className="error">
              <p>{t.problemsSheet(p.problemCount, number(p.problemCount))}</p>
              <ul>{p.problems.map((d) => <li key={d}>{d}</li>)}</ul>
              {p.counts.transfers > 0 && (
                <label><input type="checkbox" checked={validPart} onChange={(e) => setValidPart(e.target.checked)} /> {t.validPart}</label>
              )}
            </div>
          )}
          <p className="sheet-commit">
            <label>{t.savePreset}{' '}
              <input type="text" value={presetName} placeholder={p.preset?.name ?? t.presetPlaceholder} onChange={(e) => setPresetName(e.target.value)} maxLength={100} />
            </label>{' '}
            <button className="primary" disabled={blocked} onClick={() => void commit()}>{t.importButton}</button>
            {undecided > 0 && <span className="sheet-blocked" role="status">{t.decideFor(undecided, number(undecided))}</span>}
          </p>
        </>
      )}
      {progress && (
        <p className="sheet-progress">
          <progress aria-label={t.progressLabel} max={progress.totalBytes} value={progress.bytes} /> {t.progressRows(number(progress.rows))}{' '}
          <button onClick={cancel}>{t.cancel}</button>
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
