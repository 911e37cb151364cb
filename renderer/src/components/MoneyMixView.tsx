import type { MoneyMix } from '../../../shared/domain';
import { money, number } from '../format';

/**
 * A sum in the reporting currency, followed by whatever could not be converted, per currency:
 * different currencies are never added together.
 */
export function MoneyMixView({ value, compact = false }: { value: MoneyMix; compact?: boolean }) {
  const hasConverted = value.converted > 0;
  if (!hasConverted && value.others.length === 0) return <span className="money-mix muted">—</span>;
  return (
    <span className="money-mix">
      {hasConverted && <span className="num">{money(value.minor, value.currency, compact)}</span>}
      {value.others.map((o) => (
        <span key={o.currency} className="num other-currency" title={number(o.count)}>
          {hasConverted || o !== value.others[0] ? ' + ' : ''}{money(o.minor, o.currency, compact)}
        </span>
      ))}
    </span>
  );
}
