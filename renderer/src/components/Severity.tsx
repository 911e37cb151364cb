import type { Flag } from '../../../shared/domain';
import { useMessages } from '../i18n';

const marks: Record<Flag['severity'], string> = { high: '▲', medium: '◆', low: '▽' };
const names = {
  en: { high: 'High', medium: 'Medium', low: 'Low' },
  de: { high: 'Hoch', medium: 'Mittel', low: 'Niedrig' },
};

/** Severity as text and shape as well as colour, so colour is never the only signal. */
export function Severity({ level }: { level: Flag['severity'] }) {
  const t = useMessages(names);
  return <span className={`severity severity-${level}`}>{marks[level]} {t[level]}</span>;
}
