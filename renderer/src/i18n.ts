// Each feature keeps its own strings beside it as { en, de } with the same keys (TypeScript
// checks that German has every English key); useMessages picks the current locale's set.
import { useSettingsStore, type Locale } from './stores/settingsStore';

export type Messages<T extends Record<string, string | ((...args: never[]) => string)>> = Record<Locale, T>;

export function useMessages<T extends Record<string, string | ((...args: never[]) => string)>>(messages: Messages<T>): T {
  const locale = useSettingsStore((s) => s.locale);
  return messages[locale];
}
