// Each feature keeps its own strings beside it as { en, de } with the same keys (TypeScript
// checks that German has every English key); useMessages picks the current locale's set.
import { useSettingsStore, type Locale } from './stores/settingsStore';

/** A message: plain text, a function building text from values, or a table of names (e.g. per code). */
export type Message = string | ((...args: never[]) => string) | Readonly<Record<string, string>>;
export type Messages<T extends Record<string, Message>> = Record<Locale, T>;

export function useMessages<T extends Record<string, Message>>(messages: Messages<T>): T {
  const locale = useSettingsStore((s) => s.locale);
  return messages[locale];
}

/** The same, outside React (stores, event handlers that run after a locale change). */
export function currentMessages<T extends Record<string, Message>>(messages: Messages<T>): T {
  return messages[useSettingsStore.getState().locale];
}
