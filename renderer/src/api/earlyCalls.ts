// Requests sent while the app's code is still loading. On a cold start the first ledger rows wait
// for two things that need not wait for each other: core's answer, and the app's own start (its
// script evaluated, its first render). A request sent first thing (prefetch.ts) lets core answer
// meanwhile; when the app then makes the same call, client.ts takes this reply instead of asking
// again, and validates it as it validates every reply.
import { currentTransport } from './transportChoice';

const pending = new Map<string, Promise<unknown>>();
const keyOf = (channel: string, input: unknown) => `${channel}\u0000${JSON.stringify(input ?? {})}`;

export function sendEarly(channel: string, input: unknown): void {
  pending.set(keyOf(channel, input), currentTransport().invoke(channel, input));
}

/** The early reply to exactly this call, once; undefined if none was sent (or it was taken). */
export function takeEarly(channel: string, input: unknown): Promise<unknown> | undefined {
  const key = keyOf(channel, input);
  const reply = pending.get(key);
  pending.delete(key);
  return reply;
}

/** The ledger changed: an early reply not yet taken may describe it as it was. */
export function discardEarly(): void {
  pending.clear();
}
