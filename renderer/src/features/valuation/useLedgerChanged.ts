// A counter that moves on every ledger:changed event: panels re-read what they show when it does
// (settings such as the reporting currency change no counts, so the ledger version alone misses them).
import { useEffect, useState } from 'react';
import { subscribe } from '../../api/client';

export function useLedgerChanged(): number {
  const [tick, setTick] = useState(0);
  useEffect(() => subscribe('ledger:changed', () => setTick((n) => n + 1)), []);
  return tick;
}
