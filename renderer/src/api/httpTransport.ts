import type { Reply } from '../../../shared/contract';
import type { Transport } from './transport';

const TOKEN_KEY = 'armslength.token';

/**
 * The bridge prints a URL with #token=...; keep the token for this tab and take it out of the
 * address bar so it is not bookmarked or shared by accident.
 */
export function takeToken(): string | null {
  const m = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]!));
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function httpTransport(token: string | null): Transport {
  return {
    kind: 'browser',
    async invoke(channel, input) {
      const res = await fetch(`/api/invoke/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token ?? ''}` },
        body: JSON.stringify(input ?? {}),
      });
      if (res.status === 401) {
        return { ok: false, error: { code: 'invalid_input', message: 'This page has no valid access token. Open the URL that `armslength serve` printed.', details: [] } };
      }
      if (!res.ok) return { ok: false, error: { code: 'internal', message: `${res.status} ${await res.text()}`, details: [] } };
      return (await res.json()) as Reply;
    },
    on(event, listener) {
      const source = new EventSource(`/api/events?token=${encodeURIComponent(token ?? '')}`);
      const handler = (e: MessageEvent<string>) => listener(JSON.parse(e.data));
      source.addEventListener(event, handler);
      return () => source.close();
    },
  };
}
