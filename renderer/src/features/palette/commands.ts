// What the palette can do besides searching: go to each place, and a few actions.
import { call, errorText } from '../../api/client';
import { useLedgerStore } from '../../stores/ledgerStore';
import { useSettingsStore } from '../../stores/settingsStore';
import { useUiStore, views } from '../../stores/uiStore';
import { viewLabels } from '../../components/viewLabels';

export interface Command {
  id: string;
  label: string;
  /** Extra words the command answers to (both languages, so muscle memory survives a switch). */
  keywords: string;
  run(): Promise<string | null> | string | null;
}

const messages = {
  en: {
    goTo: (v: string) => `Go to ${v}`, openSample: 'Open the sample ledger', runRules: 'Run the rules again',
    ranRules: (n: number) => `Rules ran: ${n} flags.`, theme: (next: string) => `Switch to the ${next} theme`, dark: 'dark', light: 'light',
    locale: 'Auf Deutsch umschalten', print: 'Print the audit report (PDF)',
  },
  de: {
    goTo: (v: string) => `Gehe zu ${v}`, openSample: 'Beispielregister öffnen', runRules: 'Regeln erneut ausführen',
    ranRules: (n: number) => `Regeln ausgeführt: ${n} Hinweise.`, theme: (next: string) => `Zur ${next} Darstellung wechseln`, dark: 'dunklen', light: 'hellen',
    locale: 'Switch to English', print: 'Prüfbericht drucken (PDF)',
  },
};

/** Whether the page currently shows dark colours (the theme, or the system's choice under 'system'). */
function showsDark(): boolean {
  const theme = useSettingsStore.getState().theme;
  if (theme !== 'system') return theme === 'dark';
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

export function buildCommands(locale: 'en' | 'de'): Command[] {
  const t = messages[locale];
  const go = useUiStore.getState().go;
  const settings = useSettingsStore.getState();
  const dark = showsDark();
  return [
    ...views.map((v): Command => ({
      id: `go:${v}`, label: t.goTo(viewLabels[locale][v]), keywords: `${viewLabels.en[v]} ${viewLabels.de[v]} ${v}`,
      run: () => { go(v); return null; },
    })),
    { id: 'sample', label: t.openSample, keywords: 'sample beispiel musk ledger register', run: async () => { await useLedgerStore.getState().openSample(); go('ledger'); return null; } },
    {
      id: 'rules', label: t.runRules, keywords: 'rules regeln flags hinweise run',
      run: async () => {
        try { const r = await call('flags:run', {}); return t.ranRules(r.total); } catch (err) { return errorText(err).message; }
      },
    },
    {
      id: 'theme', label: t.theme(dark ? t.light : t.dark), keywords: 'theme dark light darstellung dunkel hell',
      run: () => { settings.setTheme(dark ? 'light' : 'dark'); return null; },
    },
    { id: 'locale', label: t.locale, keywords: 'language sprache locale deutsch english', run: () => { settings.setLocale(locale === 'en' ? 'de' : 'en'); return null; } },
    { id: 'print', label: t.print, keywords: 'print report pdf drucken bericht', run: () => { go('report'); return null; } },
  ];
}

/** Commands whose label or keywords contain every word typed. */
export function matchCommands(commands: Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return commands;
  return commands.filter((c) => {
    const hay = `${c.label} ${c.keywords}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
