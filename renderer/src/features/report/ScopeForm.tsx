// The report's scope: issuers or groups, period, regimes, which flags, currency, language, title, author.
import { reportRegimes } from '../../../../shared/reportScope';
import { useMessages } from '../../i18n';
import { EntityPicker } from '../graph/EntityPicker';
import { messages } from './messages';
import { useReportStore } from './reportStore';

export function ScopeForm() {
  const t = useMessages(messages);
  const form = useReportStore((s) => s.form);
  const edit = useReportStore((s) => s.edit);
  const badPeriod = form.from !== '' && form.to !== '' && form.to < form.from;
  return (
    <fieldset className="report-scope">
      <legend>{t.scope}</legend>
      <div className="report-field">
        <span className="report-label">{t.entities}</span>
        <ul className="report-chips" aria-label={t.entities}>
          {form.entities.length === 0 && <li className="muted small">{t.entitiesHint}</li>}
          {form.entities.map((e) => (
            <li key={e.id}>{e.name} <button aria-label={t.remove(e.name)} onClick={() => edit({ entities: form.entities.filter((x) => x.id !== e.id) })}>×</button></li>
          ))}
        </ul>
        <EntityPicker label={t.addEntity} placeholder={t.searchEntity}
          onPick={(row) => { if (!form.entities.some((e) => e.id === row.id)) edit({ entities: [...form.entities, { id: row.id, name: row.name }] }); }} />
        <label className="report-check"><input type="checkbox" checked={form.includeGroup} onChange={(e) => edit({ includeGroup: e.target.checked })} /> {t.includeGroup}</label>
      </div>
      <div className="report-field report-row">
        <span className="report-label">{t.period}</span>
        <label>{t.from} <input type="date" value={form.from} onChange={(e) => edit({ from: e.target.value })} aria-label={`${t.period}: ${t.from}`} /></label>
        <label>{t.to} <input type="date" value={form.to} onChange={(e) => edit({ to: e.target.value })} aria-label={`${t.period}: ${t.to}`} aria-invalid={badPeriod} /></label>
        {badPeriod && <span role="alert" className="error small">{t.badPeriod}</span>}
      </div>
      <div className="report-field report-row" role="group" aria-label={t.regimes}>
        <span className="report-label">{t.regimes}</span>
        {reportRegimes.map((r) => (
          <label key={r} className="report-check">
            <input type="checkbox" checked={form.regimes.includes(r)}
              onChange={(e) => edit({ regimes: e.target.checked ? [...form.regimes, r] : form.regimes.filter((x) => x !== r) })} /> {t.regimeNames[r] ?? r}
          </label>
        ))}
        <span className="muted small">{t.regimesHint}</span>
      </div>
      <div className="report-field report-row">
        <span className="report-label">{t.flags}</span>
        <label className="report-check"><input type="radio" name="report-flags" checked={form.flags === 'all'} onChange={() => edit({ flags: 'all' })} /> {t.flagsAll}</label>
        <label className="report-check"><input type="radio" name="report-flags" checked={form.flags === 'confirmed'} onChange={() => edit({ flags: 'confirmed' })} /> {t.flagsConfirmed}</label>
      </div>
      <div className="report-field report-row">
        <label>{t.currency} <input value={form.currency} maxLength={3} size={4} placeholder={t.currencyHint} onChange={(e) => edit({ currency: e.target.value.toUpperCase() })} aria-label={t.currency} /></label>
        <label>{t.language} <select value={form.language} onChange={(e) => edit({ language: e.target.value === 'de' ? 'de' : 'en' })} aria-label={t.language}>
          <option value="en">{t.english}</option><option value="de">{t.german}</option>
        </select></label>
      </div>
      <div className="report-field report-row">
        <label>{t.reportTitle} <input value={form.title} placeholder={t.reportTitleHint} maxLength={200} onChange={(e) => edit({ title: e.target.value })} aria-label={t.reportTitle} /></label>
        <label>{t.author} <input value={form.author} placeholder={t.authorHint} maxLength={120} onChange={(e) => edit({ author: e.target.value })} aria-label={t.author} /></label>
      </div>
    </fieldset>
  );
}
