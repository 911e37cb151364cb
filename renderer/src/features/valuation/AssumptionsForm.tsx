// The valuation assumptions (cost of capital, default delay; rental rates listed with their
// sources), editable; checked against the contract's schema first so each error names its field.
import { useEffect, useState } from 'react';
import { ValuationAssumptions } from '../../../../shared/rulesTypes';
import { call, errorText } from '../../api/client';
import { useMessages } from '../../i18n';
import { money } from '../../format';
import { valuationMessages } from './messages';

type Assumptions = ValuationAssumptions;
type Field = 'costOfCapitalPct' | 'defaultDelayMonths';

export function AssumptionsForm({ value, onSaved, onCancel, idPrefix }: { value: Assumptions; onSaved(a: Assumptions): void; onCancel?: () => void; idPrefix: string }) {
  const t = useMessages(valuationMessages);
  const [text, setText] = useState<Record<Field, string>>({ costOfCapitalPct: String(value.costOfCapitalPct), defaultDelayMonths: String(value.defaultDelayMonths) });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { setText({ costOfCapitalPct: String(value.costOfCapitalPct), defaultDelayMonths: String(value.defaultDelayMonths) }); }, [value]);
  const labels: Record<Field, string> = { costOfCapitalPct: t.costOfCapital, defaultDelayMonths: t.defaultDelay };

  const save = async () => {
    const patch = { costOfCapitalPct: Number(text.costOfCapitalPct.replace(',', '.')), defaultDelayMonths: Number(text.defaultDelayMonths.replace(',', '.')) };
    const found: Partial<Record<Field, string>> = {};
    for (const f of Object.keys(patch) as Field[]) if (text[f].trim() === '' || !Number.isFinite(patch[f])) found[f] = t.invalidNumber;
    const checked = ValuationAssumptions.partial().safeParse(patch);
    if (!checked.success) for (const issue of checked.error.issues) { const f = issue.path[0] as Field; found[f] ??= issue.message; }
    setErrors(found);
    if (Object.keys(found).length > 0) { setStatus(null); return; }
    setBusy(true);
    try {
      const saved = await call('valuation:assumptions:set', patch);
      setStatus({ ok: true, text: t.assumptionsSaved });
      onSaved(saved);
    } catch (err) {
      const e = errorText(err);
      setStatus({ ok: false, text: [e.message, ...e.details].join(' ') });
    } finally { setBusy(false); }
  };

  return (
    <form className="assumptions-form" onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate>
      {(Object.keys(labels) as Field[]).map((f) => (
        <div key={f} className="field">
          <label htmlFor={`${idPrefix}-${f}`}>{labels[f]}</label>
          <input id={`${idPrefix}-${f}`} inputMode="decimal" size={8} value={text[f]} aria-invalid={errors[f] ? true : undefined}
            aria-describedby={errors[f] ? `${idPrefix}-${f}-error` : undefined} onChange={(e) => setText({ ...text, [f]: e.target.value })} />
          {errors[f] && <span id={`${idPrefix}-${f}-error`} className="error small" role="alert">{t.fieldError(labels[f], errors[f])}</span>}
        </div>
      ))}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t.savingAssumptions : t.saveAssumptions}</button>
        {onCancel && <button type="button" onClick={onCancel}>{t.cancel}</button>}
      </div>
      {status && <p role={status.ok ? 'status' : 'alert'} className={status.ok ? 'ok' : 'error'}>{status.text}</p>}
      <h4>{t.rentalRates}</h4>
      {value.rentalRates.length === 0 ? <p className="muted small">{t.noRentals}</p> : (
        <table className="grid compact">
          <thead><tr><th scope="col">{t.rentalKey}</th><th scope="col">{t.rentalUnit}</th><th scope="col" className="num">{t.rentalRate}</th><th scope="col">{t.rentalSource}</th></tr></thead>
          <tbody>{value.rentalRates.map((r) => (
            <tr key={`${r.resourceKey}|${r.unit}`}><td><code>{r.resourceKey}</code></td><td>{r.unit}</td><td className="num">{money(r.perMonthMinor, r.currency)}</td><td className="small">{r.source}</td></tr>
          ))}</tbody>
        </table>
      )}
    </form>
  );
}
