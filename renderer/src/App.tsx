import { useEffect } from 'react';
import { subscribe, transportKind } from './api/client';
import { useLedgerStore } from './stores/ledgerStore';
import { useTransfersStore } from './stores/transfersStore';
import { useFlagsStore } from './stores/flagsStore';
import { useUiStore, views, type View } from './stores/uiStore';
import { LedgerMenu } from './features/ledger/LedgerMenu';
import { LedgerView } from './features/ledger/LedgerView';
import { FlagsView } from './features/flags/FlagsView';
import { ImportView } from './features/importer/ImportView';
import { ReportView } from './features/report/ReportView';
import { ReviewView } from './features/review/ReviewView';
import { AuditView } from './features/audit/AuditView';

const labels: Record<View, string> = { ledger: 'Ledger', flags: 'Flags', review: 'Review', import: 'Import', audit: 'Audit log', report: 'Report' };

export function App() {
  const { view, go } = useUiStore();
  const refreshLedger = useLedgerStore((s) => s.refresh);
  const ledgerPath = useLedgerStore((s) => s.info?.path);

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
  }, [ledgerPath, counts?.transfers, counts?.flags]);

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
      <main>
        {view === 'ledger' && <LedgerView />}
        {view === 'flags' && <FlagsView />}
        {view === 'review' && <ReviewView />}
        {view === 'import' && <ImportView />}
        {view === 'audit' && <AuditView />}
        {view === 'report' && <ReportView />}
      </main>
    </div>
  );
}
