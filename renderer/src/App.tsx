import { lazy, Suspense, useEffect } from 'react';
import { subscribe, transportKind } from './api/client';
import { useLedgerStore } from './stores/ledgerStore';
import { useTransfersStore } from './stores/transfersStore';
import { useFlagsStore } from './stores/flagsStore';
import { useUiStore, views } from './stores/uiStore';
import { useSettingsStore } from './stores/settingsStore';
import { useMessages } from './i18n';
import { viewLabels } from './components/viewLabels';
import { LedgerMenu } from './features/ledger/LedgerMenu';
import { LedgerView } from './features/ledger/LedgerView';
import { FlagsView } from './features/flags/FlagsView';
import { ImportView } from './features/importer/ImportView';
import { ReportView } from './features/report/ReportView';
import { ReviewView } from './features/review/ReviewView';
import { AuditView } from './features/audit/AuditView';
import { OverviewView } from './features/overview/OverviewView';
import { EntitiesView } from './features/entities/EntitiesView';
import { DocumentsView } from './features/documents/DocumentsView';
import { SettingsView } from './features/settings/SettingsView';
import { CommandPalette } from './features/palette/CommandPalette';

// The graph (Cytoscape) and the Sankey (d3) are most of the bundle: load them when first opened,
// so the ledger's first rows are not waiting for them.
const GraphView = lazy(() => import('./features/graph/GraphView').then((m) => ({ default: m.GraphView })));
const FlowsView = lazy(() => import('./features/flows/FlowsView').then((m) => ({ default: m.FlowsView })));

const shellMessages = {
  en: {
    main: 'Main', skip: 'Skip to the content', openLedger: 'Open ledger', search: 'Search or run a command…',
    browser: 'Browser mode', desktop: 'Desktop', loadingView: 'Loading…',
  },
  de: {
    main: 'Hauptnavigation', skip: 'Zum Inhalt springen', openLedger: 'Geöffnetes Register', search: 'Suchen oder Befehl ausführen…',
    browser: 'Browsermodus', desktop: 'Desktop', loadingView: 'Wird geladen…',
  },
};

/** Ctrl+K, or Cmd+K on a Mac. */
const isPaletteKey = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k';
const shortcutText = () => (/Mac|iPhone|iPad/.test(navigator.platform) ? '⌘K' : 'Ctrl+K');

export function App() {
  const { view, go, paletteOpen, setPaletteOpen } = useUiStore();
  const refreshLedger = useLedgerStore((s) => s.refresh);
  const ledgerPath = useLedgerStore((s) => s.info?.path);
  const ledgerName = useLedgerStore((s) => s.info?.name);
  const locale = useSettingsStore((s) => s.locale);
  const theme = useSettingsStore((s) => s.theme);
  const t = useMessages(shellMessages);
  const labels = viewLabels[locale];

  useEffect(() => {
    void refreshLedger();
    return subscribe('ledger:changed', () => void refreshLedger());
  }, [refreshLedger]);

  // A different ledger, or new data in it: reload what the views show.
  const counts = useLedgerStore((s) => s.info?.counts);
  useEffect(() => {
    void useTransfersStore.getState().reload();
    void useTransfersStore.getState().select(null);
    void useFlagsStore.getState().load();
    void useSettingsStore.getState().loadLedgerSettings();
  }, [ledgerPath, counts?.transfers, counts?.flags]);

  // Theme through CSS variables: 'system' leaves the choice to prefers-color-scheme.
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dataset.theme = theme;
  }, [locale, theme]);

  // The palette opens from anywhere, including text fields.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isPaletteKey(e)) return;
      e.preventDefault();
      setPaletteOpen(!useUiStore.getState().paletteOpen);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setPaletteOpen]);

  return (
    <>
      <div className="app" inert={paletteOpen}>
        <a className="skip-link" href="#main-content">{t.skip}</a>
        <nav className="sidebar" aria-label={t.main}>
          <div className="brand">Arm's Length</div>
          {ledgerName && <p className="open-ledger" title={ledgerPath}><span className="muted small">{t.openLedger}</span><strong data-testid="open-ledger-name">{ledgerName}</strong></p>}
          <button type="button" className="palette-button" onClick={() => setPaletteOpen(true)} aria-keyshortcuts="Control+K Meta+K" aria-haspopup="dialog">
            <span>{t.search}</span><kbd>{shortcutText()}</kbd>
          </button>
          <LedgerMenu />
          <ul>
            {views.map((v) => (
              <li key={v}><button className={view === v ? 'active' : ''} aria-current={view === v ? 'page' : undefined} onClick={() => go(v)}>{labels[v]}</button></li>
            ))}
          </ul>
          <p className="muted small mode">{transportKind() === 'browser' ? t.browser : t.desktop}</p>
        </nav>
        <main key={locale} id="main-content" tabIndex={-1}>
          {view === 'overview' && <OverviewView />}
          {view === 'ledger' && <LedgerView />}
          {view === 'entities' && <EntitiesView />}
          {view === 'graph' && <Suspense fallback={<p className="muted" role="status">{t.loadingView}</p>}><GraphView /></Suspense>}
          {view === 'flows' && <Suspense fallback={<p className="muted" role="status">{t.loadingView}</p>}><FlowsView /></Suspense>}
          {view === 'documents' && <DocumentsView />}
          {view === 'flags' && <FlagsView />}
          {view === 'review' && <ReviewView />}
          {view === 'import' && <ImportView />}
          {view === 'audit' && <AuditView />}
          {view === 'report' && <ReportView />}
          {view === 'settings' && <SettingsView />}
        </main>
      </div>
      {paletteOpen && <CommandPalette />}
    </>
  );
}
