// The rule profile: which regimes the rules apply (US SEC, EU/Germany, IFRS, all) and their
// thresholds. A threshold left at its default follows the profile; "Default" puts one back.
import { useEffect, useState } from 'react';
import { RuleThresholds, ruleProfileIds, type RuleProfile } from '../../../../shared/rulesTypes';
import { call, errorText } from '../../api/client';
import { useMessages } from '../../i18n';
import { valuationMessages } from './messages';
import { useChannel } from './useChannel';
import { useLedgerChanged } from './useLedgerChanged';
import { toDecimal, toMinor } from './decimal';

type Key = keyof RuleThresholds;
const keys = Object.keys(RuleThresholds.shape) as Key[];
// The S-K amount is kept in USD minor units; people type dollars.
const shown = (k: Key, v: number) => (k === 'sk404UsdMinor' ? toDecimal(v, 'USD') : String(v));
const parsed = (k: Key, text: string): number | null => {
  if (k === 'sk404UsdMinor') return toMinor(text, 'USD');
  const n = Number(text.trim().replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(n) ? null : n;
};

export function RuleProfileForm() {
  const t = useMessages(valuationMessages);
  const changed = useLedgerChanged();
  const profile = useChannel('rules:profile:get', {}, [changed]);
  const [id, setId] = useState<RuleProfile['id']>('all');
  const [text, setText] = useState<Partial<Record<Key, string>>>({});
  const [reset, setReset] = useState<Set<Key>>(new Set());
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const p = profile.data;
  useEffect(() => {
    if (!p) return;
    setId(p.id);
    setText(Object.fromEntries(keys.map((k) => [k, shown(k, p.thresholds[k])])));
    setReset(new Set());
  }, [p]);

  if (profile.error) return <p role="alert" className="error">{profile.error}</p>;
  if (!p) return <p className="muted" aria-busy="true">{t.loading}</p>;

  const save = async () => {
    const overrides: Partial<Record<Key, number | null>> = {};
    const found: Partial<Record<Key, string>> = {};
    for (const k of keys) {
      if (reset.has(k)) { overrides[k] = null; continue; }
      const v = parsed(k, text[k] ?? '');
      if (v === null) { found[k] = t.invalidNumber; continue; }
      const check = RuleThresholds.shape[k].safeParse(v);
      if (!check.success) { found[k] = check.error.issues[0]?.message ?? t.invalidNumber; continue; }
      if (v !== p.thresholds[k]) overrides[k] = v;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) { setStatus(null); return; }
    try {
      await call('rules:profile:set', { ...(id !== p.id ? { id } : {}), ...(Object.keys(overrides).length ? { overrides } : {}) });
      setStatus({ ok: true, text: t.profileSaved });
      profile.reload();
    } catch (err) {
      const e = errorText(err);
      setStatus({ ok: false, text: [e.message, ...e.details].join(' ') });
    }
  };

  return (
    <form className="rule-profile" onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate>
      <div className="field">
        <label htmlFor="rule-profile-id">{t.profile}</label>
        <select id="rule-profile-id" value={id} onChange={(e) => setId(e.target.value as RuleProfile['id'])}>
          {ruleProfileIds.map((r) => <option key={r} value={r}>{t.profiles[r] ?? r}</option>)}
        </select>
      </div>
      <p className="muted small">{t.regimesLine(p.regimes.join(', '))}</p>
      <table className="grid compact thresholds">
        <thead><tr><th scope="col">{t.threshold}</th><th scope="col">{t.thresholdValue}</th><th scope="col"><span className="visually-hidden">{t.reset}</span></th></tr></thead>
        <tbody>{keys.map((k) => (
          <tr key={k}>
            <th scope="row"><label htmlFor={`threshold-${k}`}>{t.thresholdLabels[k] ?? k}</label>{k in p.overrides && <span className="muted small-inline"> · {t.changed}</span>}</th>
            <td>
              <input id={`threshold-${k}`} inputMode="decimal" size={12} value={reset.has(k) ? '' : text[k] ?? ''} disabled={reset.has(k)}
                aria-invalid={errors[k] ? true : undefined} aria-describedby={errors[k] ? `threshold-${k}-error` : undefined}
                onChange={(e) => setText({ ...text, [k]: e.target.value })} />
              {errors[k] && <span id={`threshold-${k}-error`} role="alert" className="error small">{t.fieldError(t.thresholdLabels[k] ?? k, errors[k])}</span>}
            </td>
            <td>{k in p.overrides && (
              <label className="radio"><input type="checkbox" checked={reset.has(k)} onChange={(e) => { const n = new Set(reset); if (e.target.checked) n.add(k); else n.delete(k); setReset(n); }} /> {t.reset}</label>
            )}</td>
          </tr>
        ))}</tbody>
      </table>
      <button type="submit" className="primary">{t.saveProfile}</button>
      {status && <p role={status.ok ? 'status' : 'alert'} className={status.ok ? 'ok' : 'error'}>{status.text}</p>}
    </form>
  );
}

/** The valuation assumptions as a Settings section. */
export { AssumptionsForm } from './AssumptionsForm';
