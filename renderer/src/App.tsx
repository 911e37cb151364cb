import { useEffect } from 'react';
import { subscribe, transportKind } from './api/client';
import { useLedgerStore } from './stores/ledgerStore';
import { useTransfersStore } from './stores/transfersStore';
import { useFlagsStore } from './stores/flagsStore';
import { useUiStore, views, type View } from './stores/uiStore';
import { useSettingsStore } from './stores/settingsStore';
import { LedgerMenu } from './features/ledger/LedgerMenu';
import { LedgerView } from './features/ledger/LedgerView';
import { FlagsView } from './features/flags/FlagsView';
import { ImportView } from './features/importer/ImportView';
import { ReportView } from './features/report/ReportView';
import { ReviewView } from './features/review/ReviewView';
import { AuditView } from './features/audit/AuditView';
import { OverviewView } from './features/overview/OverviewView';
import { EntitiesView } from './features/entities/EntitiesView';
import { GraphView } from './features/graph/GraphView';
import { FlowsView } from './features/flows/FlowsView';
import { DocumentsView } from './features/documents/DocumentsView';

const labels: Record<View, string> = {
  overview: 'Overview', ledger: 'Ledger', entities: 'Entities', graph: 'Graph', flows: 'Flows', flags: 'Flags',
  documents: 'Documents', review: 'Review queue', import: 'Import', report: 'Reports', audit: 'Audit log',
};

export function App() {
  const { view, go } = useUiStore();
  const refreshLedger = useLedgerStore((s) => s.refresh);
  const ledgerPath = useLedgerStore((s) => s.info?.path);
  const locale = useSettingsStore((s) => s.locale);
  const theme = useSettingsStore((s) => s.theme);

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

  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dataset.theme = theme;
  }, [locale, theme]);

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Arm's Length</div>
        <LedgerMenu />
        <ul>
          {views.map((v) => (
            <li key={v}><button className={view === v ? 'active' : ''} aria-current={view === v ? 'page' : undefined} onClick={() => go(v)}>{labels[v]}</button></li>
          ))}
        </ul>
        <p className="muted small mode">{transportKind() === 'browser' ? 'Browser mode' : 'Desktop'}</p>
      </nav>
      <main key={locale}>
        {view === 'overview' && <OverviewView />}
        {view === 'ledger' && <LedgerView />}
        {view === 'entities' && <EntitiesView />}
        {view === 'graph' && <GraphView />}
        {view === 'flows' && <FlowsView />}
        {view === 'documents' && <DocumentsView />}
        {view === 'flags' && <FlagsView />}
        {view === 'review' && <ReviewView />}
        {view === 'import' && <ImportView />}
        {view === 'audit' && <AuditView />}
        {view === 'report' && <ReportView />}
      </main>
    </div>
  );
}
