import type { Flag } from '../../../shared/domain';

const marks: Record<Flag['severity'], string> = { high: '▲ High', medium: '◆ Medium', low: '▽ Low' };

/** Severity as text and shape as well as colour, so colour is never the only signal. */
export function Severity({ level }: { level: Flag['severity'] }) {
  return <span className={`severity severity-${level}`}>{marks[level]}</span>;
}
