// A key that changes when another ledger is opened or its contents change (the shell refreshes
// ledger:info on every ledger:changed): views re-read what they show when it does.
import { useLedgerStore } from '../../stores/ledgerStore';

export function useLedgerVersion(): string {
  return useLedgerStore((s) => (s.info ? `${s.info.path}|${JSON.stringify(s.info.counts)}` : ''));
}
