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
import { ViewBoundary } from './components/ViewBoundary';
// Not loaded on demand: the palette must take the first keystroke after Ctrl+K, and the focus it gives back.
import { CommandPalette } from './features/palette/CommandPalette';

// The app opens on the ledger: every other view loads when first opened, so a
// cold start parses and runs only the ledger's code before its first rows. The graph (Cytoscape)
// and the Sankey (d3) were the largest; the other views together are about as much again.
const GraphView = lazy(() => import('./features/graph/GraphView').then((m) => ({ default: m.GraphView })));
const FlowsView = lazy(() => import('./features/flows/FlowsView').then((m) => ({ default: m.FlowsView })));
const FlagsView = lazy(() => import('./features/flags/FlagsView').then((m) => ({ default: m.FlagsView })));
const ImportView = lazy(() => import('./features/importer/ImportView').then((m) => ({ default: m.ImportView })));
const ReportView = lazy(() => import('./features/report/ReportView').then((m) => ({ default: m.ReportView })));
const ReviewView = lazy(() => import('./features/review/ReviewView').then((m) => ({ default: m.ReviewView })));
const AuditView = lazy(() => import('./features/audit/AuditView').then((m) => ({ default: m.AuditView })));
const OverviewView = lazy(() => import('./features/overview/OverviewView').then((m) => ({ default: m.OverviewView })));
const EntitiesView = lazy(() => import('./features/entities/EntitiesView').then((m) => ({ default: m.EntitiesView })));
const DocumentsView = lazy(() => import('./features/documents/DocumentsView').then((m) => ({ default: m.DocumentsView })));
const SettingsView = lazy(() => import('./features/settings/SettingsView').then((m) => ({ default: m.SettingsView })));

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
    // The Flags board reads its first page when it is shown (not on every change elsewhere).
    useFlagsStore.getState().markStale();
    void useSettingsStore.getState().loadLedgerSettings();
  }, [ledgerPath, counts?.transfers, counts?.flags]);
  // Flag ids belong to a ledger: another ledger closes the open flag's page.
  useEffect(() => { useFlagsStore.getState().open(null); }, [ledgerPath]);

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
          {view === 'ledger' && <LedgerView />}
          <ViewBoundary resetKey={view}>
          <Suspense fallback={<p className="muted" role="status">{t.loadingView}</p>}>
            {view === 'overview' && <OverviewView />}
            {view === 'entities' && <EntitiesView />}
            {view === 'graph' && <GraphView />}
            {view === 'flows' && <FlowsView />}
            {view === 'documents' && <DocumentsView />}
            {view === 'flags' && <FlagsView />}
            {view === 'review' && <ReviewView />}
            {view === 'import' && <ImportView />}
            {view === 'audit' && <AuditView />}
            {view === 'report' && <ReportView />}
            {view === 'settings' && <SettingsView />}
          </Suspense>
          </ViewBoundary>
        </main>
      </div>
      {paletteOpen && <CommandPalette />}
    </>
  );
}
