import { useEffect, useState } from 'react';
import { useMessages } from '../../i18n';
import { locales, themes, useSettingsStore, type Locale, type Theme } from '../../stores/settingsStore';
import { money } from '../../format';
import { localDate } from '../../components/dates';
import { ValuationSettings, useReportingCurrencies } from '../valuation/ValuationSettings';

const messages = {
  en: {
    title: 'Settings', window: 'This window', ledger: 'This ledger',
    windowNote: 'Kept in this browser profile: how the app looks and speaks.', ledgerNote: 'Kept in the ledger file, so reports from it use the same choices; each change is recorded in the audit log.',
    language: 'Language and formats', theme: 'Theme', sample: 'Example',
    locales: { en: 'English (1,234.56; Dec 31, 2024)', de: 'Deutsch (1.234,56; 31.12.2024)' } as Record<string, string>,
    themes: { system: 'Follow the system', light: 'Light', dark: 'Dark' } as Record<string, string>,
    currency: 'Reporting currency', currencyHelp: 'The currencies the FX table can convert to (ECB reference rates, EUR-based)', reviewer: 'Reviewer name', reviewerHelp: 'Recorded with flag reviews and on reports',
    save: 'Save ledger settings', saved: 'Saved.', loading: 'Loading the ledger settings…', unchanged: 'Nothing to save.',
  },
  de: {
    title: 'Einstellungen', window: 'Dieses Fenster', ledger: 'Dieses Register',
    windowNote: 'In diesem Browserprofil gespeichert: wie die App aussieht und spricht.', ledgerNote: 'In der Registerdatei gespeichert, damit Berichte daraus dieselben Einstellungen nutzen; jede Änderung steht im Prüfprotokoll.',
    language: 'Sprache und Formate', theme: 'Darstellung', sample: 'Beispiel',
    locales: { en: 'English (1,234.56; Dec 31, 2024)', de: 'Deutsch (1.234,56; 31.12.2024)' } as Record<string, string>,
    themes: { system: 'Wie das System', light: 'Hell', dark: 'Dunkel' } as Record<string, string>,
    currency: 'Berichtswährung', currencyHelp: 'Die Währungen, in die die Kurstabelle umrechnen kann (EZB-Referenzkurse, auf EUR-Basis)', reviewer: 'Name der prüfenden Person', reviewerHelp: 'Wird bei Prüfungen von Hinweisen und in Berichten vermerkt',
    save: 'Registereinstellungen speichern', saved: 'Gespeichert.', loading: 'Registereinstellungen werden geladen…', unchanged: 'Nichts zu speichern.',
  },
};

export function SettingsView() {
  const t = useMessages(messages);
  const { locale, theme, ledger, error, setLocale, setTheme, loadLedgerSettings, saveLedgerSettings } = useSettingsStore();
  const [currency, setCurrency] = useState('');
  const [reviewer, setReviewer] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const currencies = useReportingCurrencies(ledger?.reportingCurrency);
  useEffect(() => { void loadLedgerSettings(); }, [loadLedgerSettings]);
  // Seeded by the stored values, not the object: a re-read of equal settings keeps what is typed.
  useEffect(() => { if (ledger) { setCurrency(ledger.reportingCurrency); setReviewer(ledger.reviewerName); } }, [ledger?.reportingCurrency, ledger?.reviewerName]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = async () => {
    if (!ledger) return;
    const patch = {
      ...(currency.trim().toUpperCase() !== ledger.reportingCurrency ? { reportingCurrency: currency.trim().toUpperCase() } : {}),
      ...(reviewer.trim() !== ledger.reviewerName ? { reviewerName: reviewer.trim() } : {}),
    };
    if (Object.keys(patch).length === 0) { setStatus({ ok: true, text: t.unchanged }); return; }
    const problem = await saveLedgerSettings(patch);
    setStatus(problem ? { ok: false, text: problem } : { ok: true, text: t.saved });
  };

  return (
    <section className="main-pane narrow settings" aria-labelledby="settings-title">
      <header className="pane-header"><h1 id="settings-title">{t.title}</h1></header>
      <fieldset>
        <legend>{t.window}</legend>
        <p className="muted small">{t.windowNote}</p>
        <label className="field">{t.language}
          <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
            {locales.map((l) => <option key={l} value={l}>{t.locales[l]}</option>)}
          </select>
        </label>
        <p className="muted small">{t.sample}: {money(123456, ledger?.reportingCurrency ?? 'USD')} · {localDate('2024-12-31')}</p>
        <div role="radiogroup" aria-label={t.theme} className="field">
          <span>{t.theme}</span>
          {themes.map((th) => (
            <label key={th} className="radio"><input type="radio" name="theme" value={th} checked={theme === th} onChange={() => setTheme(th as Theme)} /> {t.themes[th]}</label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t.ledger}</legend>
        <p className="muted small">{t.ledgerNote}</p>
        {!ledger && !error && <p className="muted" role="status">{t.loading}</p>}
        {error && <p role="alert" className="error">{error}</p>}
        {ledger && (
          <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
            <label className="field">{t.currency}
              {/* Only currencies the FX table can convert to: a valuation in any other could not be shown. */}
              <select value={currency} onChange={(e) => setCurrency(e.target.value)} aria-describedby="currency-help">
                {currencies.map((c) => <option key={c} value={c}>{c}</option>)}
              </select>
            </label>
            <p id="currency-help" className="muted small">{t.currencyHelp}</p>
            <label className="field">{t.reviewer}
              <input value={reviewer} onChange={(e) => setReviewer(e.target.value)} maxLength={120} aria-describedby="reviewer-help" />
            </label>
            <p id="reviewer-help" className="muted small">{t.reviewerHelp}</p>
            <button type="submit" className="primary">{t.save}</button>
            {status && <p role={status.ok ? 'status' : 'alert'} className={status.ok ? 'ok' : 'error'}>{status.text}</p>}
          </form>
        )}
      </fieldset>
      {ledger && <ValuationSettings />}
    </section>
  );
}
