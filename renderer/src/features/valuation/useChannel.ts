// Load one channel's answer with loading and error states, re-read when `deps` change.
import { useCallback, useEffect, useState } from 'react';
import type { Channel, Input, Output } from '../../../../shared/contract';
import { call, errorText } from '../../api/client';

export interface Loaded<T> { data: T | null; loading: boolean; error: string | null; reload(): void }

function sameAnswer(a: unknown, b: unknown): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

export function useChannel<C extends Channel>(channel: C, input: Input<C> | null, deps: unknown[]): Loaded<Output<C>> {
  const [state, setState] = useState<{ data: Output<C> | null; loading: boolean; error: string | null }>({ data: null, loading: input !== null, error: null });
  const [again, setAgain] = useState(0);
  const key = JSON.stringify(input);
  useEffect(() => {
    if (input === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    call(channel, input).then(
      // An answer equal to the one shown keeps its identity, so a form seeded from it is not reset
      // (and a person's unsaved typing not lost) when an unrelated ledger change re-reads it.
      (data) => { if (live) setState((s) => ({ data: sameAnswer(s.data, data) ? s.data : data, loading: false, error: null })); },
      (err: unknown) => { if (live) setState({ data: null, loading: false, error: errorText(err).message }); },
    );
    // A newer request replaces this one: ignore its late answer.
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [channel, key, again, ...deps]);
  const reload = useCallback(() => setAgain((n) => n + 1), []);
  return { ...state, reload };
}
