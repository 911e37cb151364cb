import type { Overview } from '../../../../shared/domain';
import { useMessages } from '../../i18n';
import { localDate } from '../../components/dates';
import { MoneyMixView } from '../../components/MoneyMixView';
import { money, number } from '../../format';
import { overviewMessages } from './messages';

const BAR_W = 26;
const GAP = 8;
const CHART_H = 160;
const LEFT = 84;
const TOP = 34;
const BOTTOM = 44;

/** "Dez. 2023" or "Q4 2023": a period's name in the chosen locale. */
export function usePeriodLabel() {
  const t = useMessages(overviewMessages);
  return (p: Overview['timeline'][number], granularity: Overview['granularity']) =>
    granularity === 'month' ? localDate(p.start, 'month') : t.quarter((Number(p.start.slice(5, 7)) - 1) / 3 + 1, p.start.slice(0, 4));
}

/**
 * Transfers and flags over time, one column per month or quarter: a bar for the value converted to
 * the reporting currency, the count of transfers under it, and a ▲ with the number of open or
 * confirmed flags above it (shape and number, not colour alone). The same data follows as a table.
 */
export function Timeline({ overview }: { overview: Overview }) {
  const t = useMessages(overviewMessages);
  const label = usePeriodLabel();
  const periods = overview.timeline;
  if (periods.length === 0) return <p className="muted">{t.noDatedTransfers}</p>;
  const max = Math.max(1, ...periods.map((p) => p.value.minor));
  const width = LEFT + periods.length * (BAR_W + GAP) + GAP;
  const height = TOP + CHART_H + BOTTOM;
  // Label every period when there is room, otherwise every n-th (one label per ~70 units).
  const every = Math.max(1, Math.ceil(70 / (BAR_W + GAP)));
  const x = (i: number) => LEFT + GAP + i * (BAR_W + GAP);
  const y = (minor: number) => TOP + CHART_H - (minor / max) * CHART_H;
  const totalFlags = periods.reduce((s, p) => s + p.flags, 0);
  const totalTransfers = periods.reduce((s, p) => s + p.transfers, 0);

  return (
    <figure className="timeline">
      <div className="timeline-scroll">
        <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img"
          aria-label={t.timelineLabel(periods.length, totalTransfers, totalFlags, label(periods[0]!, overview.granularity), label(periods[periods.length - 1]!, overview.granularity))}>
          <line className="tl-axis" x1={LEFT} y1={TOP + CHART_H} x2={width} y2={TOP + CHART_H} />
          {[0, 0.5, 1].map((f) => (
            <g key={f}>
              <line className="tl-grid" x1={LEFT} x2={width} y1={TOP + CHART_H - f * CHART_H} y2={TOP + CHART_H - f * CHART_H} />
              <text className="tl-tick" x={LEFT - 6} y={TOP + CHART_H - f * CHART_H + 4} textAnchor="end">{money(Math.round(max * f), overview.reportingCurrency, true)}</text>
            </g>
          ))}
          {periods.map((p, i) => (
            <g key={p.period} className="tl-period">
              <title>{`${label(p, overview.granularity)}: ${t.transfersN(p.transfers)}, ${money(p.value.minor, p.value.currency)}${p.value.others.map((o) => ` + ${money(o.minor, o.currency)}`).join('')}, ${t.flagsN(p.flags)}`}</title>
              {p.value.minor > 0 && <rect className="tl-bar" x={x(i)} y={y(p.value.minor)} width={BAR_W} height={TOP + CHART_H - y(p.value.minor)} />}
              {p.value.others.length > 0 && <text className="tl-other" x={x(i) + BAR_W / 2} y={TOP + CHART_H - 4} textAnchor="middle">+</text>}
              {p.flags > 0 && (
                <text className="tl-flag" x={x(i) + BAR_W / 2} y={Math.min(y(p.value.minor), TOP + CHART_H) - 6} textAnchor="middle">▲{p.flags}</text>
              )}
              {p.transfers > 0 && <text className="tl-count" x={x(i) + BAR_W / 2} y={TOP + CHART_H + 14} textAnchor="middle">{number(p.transfers)}</text>}
              {i % every === 0 && <text className="tl-label" x={x(i)} y={TOP + CHART_H + 32}>{label(p, overview.granularity)}</text>}
            </g>
          ))}
        </svg>
      </div>
      <figcaption className="muted small">{t.timelineCaption(overview.reportingCurrency)}</figcaption>
      <details>
        <summary>{t.asTable}</summary>
        <table className="grid compact">
          <thead><tr><th scope="col">{t.period}</th><th scope="col" className="num">{t.transfers}</th><th scope="col" className="num">{t.value}</th><th scope="col" className="num">{t.flags}</th></tr></thead>
          <tbody>
            {periods.filter((p) => p.transfers > 0 || p.flags > 0).map((p) => (
              <tr key={p.period}><th scope="row">{label(p, overview.granularity)}</th><td className="num">{number(p.transfers)}</td><td className="num"><MoneyMixView value={p.value} /></td><td className="num">{number(p.flags)}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
