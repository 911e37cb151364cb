// How this window looks and speaks: locale and theme are the person's (kept in the browser
// profile); the reporting currency and reviewer name belong to the ledger (settings:get/set).
import { create } from 'zustand';
import type { LedgerSettings } from '../../../shared/domain';
import { call, errorText } from '../api/client';

export const locales = ['en', 'de'] as const;
export type Locale = (typeof locales)[number];
export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

const stored = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
  try {
    const v = localStorage.getItem(key);
    return v && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
  } catch { return fallback; }
};
const keep = (key: string, value: string) => { try { localStorage.setItem(key, value); } catch { /* private mode: not kept */ } };

interface SettingsState {
  locale: Locale;
  theme: Theme;
  ledger: LedgerSettings | null;
  error: string | null;
  setLocale(locale: Locale): void;
  setTheme(theme: Theme): void;
  loadLedgerSettings(): Promise<void>;
  saveLedgerSettings(patch: Partial<LedgerSettings>): Promise<string | null>;
}

export const useSettingsStore = create<SettingsState>((set) => ({
  locale: stored('armslength.locale', locales, navigator.language?.toLowerCase().startsWith('de') ? 'de' : 'en'),
  theme: stored('armslength.theme', themes, 'system'),
  ledger: null,
  error: null,
  setLocale: (locale) => { keep('armslength.locale', locale); set({ locale }); },
  setTheme: (theme) => { keep('armslength.theme', theme); set({ theme }); },
  loadLedgerSettings: async () => {
    try { set({ ledger: await call('settings:get', {}), error: null }); } catch (err) { set({ error: errorText(err).message }); }
  },
  saveLedgerSettings: async (patch) => {
    try { set({ ledger: await call('settings:set', patch), error: null }); return null; } catch (err) { return errorText(err).message; }
  },
}));

/** The BCP 47 tag for Intl formatting in the chosen locale. */
export const intlLocale = (locale: Locale) => (locale === 'de' ? 'de-DE' : 'en-US');
