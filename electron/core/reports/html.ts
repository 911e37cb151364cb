// The audit report as one self-contained HTML page (inline CSS, no external resources), laid
// out for print: repeated table headers, rows kept whole, page numbers in the footer.
import type { Evidence, PathEdge, TransferRow } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { formatPartialDate } from '../../../shared/dates';
import type { FlaggedItem, ReportData } from './reportData';
import { describeQuantity } from '../conflicts/describe';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
const h = escapeHtml;

const money = (minor: number | null, currency: string | null) => (minor === null || currency === null ? '—' : formatMoney(minor, currency));
const when = (t: TransferRow) => formatPartialDate(t.date, t.datePrecision);

function totalsByCurrency(rows: Array<{ minor: number | null; currency: string | null }>): string {
  const sums = new Map<string, number>();
  for (const r of rows) if (r.minor !== null && r.currency) sums.set(r.currency, (sums.get(r.currency) ?? 0) + r.minor);
  if (sums.size === 0) return '—';
  return [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([c, m]) => formatMoney(m, c)).join(' + ');
}

function evidenceList(items: Evidence[]): string {
  if (items.length === 0) return '<p class="muted">No evidence recorded.</p>';
  return `<ul class="evidence">${items.map((e) => `
    <li><blockquote>${h(e.excerpt)}</blockquote>
      <div class="cite">${h(e.document.name)}${e.document.issuer ? `, ${h(e.document.issuer)}` : ''}${e.document.filedOn ? `, ${h(e.document.filedOn)}` : ''}
        · ${h(e.locator)} · ${e.document.sha256 ? `SHA-256 <code>${h(e.document.sha256)}</code>` : 'document not held (no hash)'}</div></li>`).join('')}</ul>`;
}

function pathTable(path: PathEdge[], side: string): string {
  if (path.length === 0) return `<p>${h(side)}: the holder is this side itself.</p>`;
  return `<table class="path"><thead><tr><th>${h(side)}: from</th><th>relation</th><th>to</th><th>valid</th><th>evidence</th></tr></thead><tbody>
    ${path.map((e) => `<tr><td>${h(e.from.name)}</td><td>${h(e.relation)}</td><td>${h(e.to.name)}</td>
      <td>${h(e.validFrom ?? '…')} – ${h(e.validTo ?? 'today')}</td>
      <td>${e.evidence.map((x) => `${h(x.document.name)} (${h(x.locator)}): “${h(x.excerpt)}”`).join('<br>') || '—'}</td></tr>`).join('')}
  </tbody></table>`;
}

function flagSection(item: FlaggedItem, n: number): string {
  const { flag, transfer: t, valuation: v } = item;
  const band = v
    ? `<tr><th>Market value (price band)</th><td>${money(v.lowMinor, v.currency)} – ${money(v.highMinor, v.currency)} (base ${money(v.baseMinor, v.currency)})</td></tr>
       <tr><th>Unit band</th><td>${money(v.unitLowMinor, v.currency)} – ${money(v.unitHighMinor, v.currency)} per ${h(v.unit)}, valid ${h(v.bandValidFrom)} to ${h(v.bandValidTo)}</td></tr>
       ${v.reportedUnitMinor !== null ? `<tr><th>Reported per ${h(v.unit)}</th><td>${money(v.reportedUnitMinor, v.currency)}${v.deviationPct ? ` — ${v.deviationPct > 0 ? 'above' : 'below'} the band by ${Math.abs(v.deviationPct).toFixed(1)}%` : ' — inside the band'}</td></tr>` : ''}
       <tr><th>Method</th><td>${h(v.method)}</td></tr><tr><th>Price source</th><td>${h(v.source)}</td></tr>`
    : `<tr><th>Market value</th><td>${h(item.valuationNote ?? 'not valued')}</td></tr>`;
  return `<section class="flag">
    <h3 id="flag-${flag.id}">${n}. ${h(flag.title)}</h3>
    <p class="badges"><span class="sev sev-${flag.severity}">Severity: ${flag.severity}</span>
      <span>Rule ${h(flag.ruleId)} v${flag.ruleVersion}</span><span>Review: ${flag.status}${flag.statusReason ? ` (${h(flag.statusReason)})` : ''}</span></p>
    <p>${h(flag.summary)}</p>
    <table class="facts"><tbody>
      <tr><th>Transfer</th><td>#${t.id}: ${h(describeQuantity(t))} from ${h(t.from.name)} to ${h(t.to.name)}${t.intendedFor ? ` (meant for ${h(t.intendedFor.name)})` : ''}</td></tr>
      <tr><th>Date</th><td>${h(when(t))}</td></tr><tr><th>Status</th><td>${h(t.status)}</td></tr>
      <tr><th>Reported amount</th><td>${money(t.amountMinor, t.currency)}</td></tr>
      ${band}
      <tr><th>Amount at stake</th><td>${money(flag.atStakeMinor, flag.atStakeCurrency)}</td></tr>
    </tbody></table>
    <h4>Why the parties are related</h4>
    ${pathTable(flag.paths[0] ?? [], t.from.name)}${pathTable(flag.paths[1] ?? [], t.to.name)}
    <h4>Evidence for the transfer</h4>
    ${evidenceList(item.evidence)}
  </section>`;
}

const css = `
  @page { size: A4; margin: 22mm 16mm 20mm 16mm; }
  * { box-sizing: border-box; }
  body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9.5pt; color: #1b1f24; line-height: 1.4; }
  h1 { font-size: 22pt; margin: 0 0 6mm; } h2 { font-size: 14pt; margin: 8mm 0 3mm; border-bottom: 1px solid #888; }
  h3 { font-size: 11.5pt; margin: 5mm 0 2mm; break-after: avoid; } h4 { font-size: 10pt; margin: 3mm 0 1mm; break-after: avoid; }
  table { border-collapse: collapse; width: 100%; margin: 2mm 0; }
  th, td { border: 0.5pt solid #999; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }
  thead { display: table-header-group; } tr { break-inside: avoid; }
  thead th { background: #eef1f4; }
  table.facts th { width: 32%; background: #f6f7f9; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .cover { break-after: page; } .muted { color: #666; }
  .badges span { display: inline-block; margin-right: 4mm; padding: 0.5mm 2mm; border: 0.5pt solid #999; border-radius: 2mm; }
  .sev-high { font-weight: bold; border-color: #a00 !important; } .sev-medium { border-color: #b60 !important; }
  blockquote { margin: 1mm 0; padding-left: 3mm; border-left: 2pt solid #999; font-style: italic; }
  .evidence { padding-left: 4mm; } .evidence li { break-inside: avoid; margin-bottom: 2mm; }
  .cite { font-size: 8.5pt; color: #444; } code { font-size: 7.5pt; word-break: break-all; }
  section.flag { break-inside: auto; border-top: 0.5pt solid #ccc; padding-top: 2mm; }
`;

export function renderReportHtml(d: ReportData): string {
  const flaggedValue = totalsByCurrency(d.flagged.map((f) => ({ minor: f.flag.atStakeMinor, currency: f.flag.atStakeCurrency })));
  const bySeverity = (['high', 'medium', 'low'] as const).map((s) => `${d.flagged.filter((f) => f.flag.severity === s).length} ${s}`).join(', ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${h(d.title)}</title><style>${css}</style></head><body>
  <div class="cover">
    <h1>${h(d.title)}</h1>
    <table class="facts"><tbody>
      <tr><th>Ledger</th><td>${h(d.ledgerName)}</td></tr>
      <tr><th>Scope</th><td>All ${d.transfers.length} transfers in the ledger; flags not dismissed</td></tr>
      <tr><th>Generated</th><td>${h(d.generatedAt)}</td></tr>
      <tr><th>Prepared with</th><td>Arm's Length ${h(d.appVersion)}</td></tr>
    </tbody></table>
    <h2>Contents</h2>
    <ol><li><a href="#summary">Summary</a></li><li><a href="#flags">Flags</a></li><li><a href="#transfers">Appendix: all transfers</a></li><li><a href="#repro">Reproducibility</a></li></ol>
  </div>
  <h2 id="summary">1. Summary</h2>
  <table class="facts"><tbody>
    <tr><th>Transfers in scope</th><td>${d.transfers.length}</td></tr>
    <tr><th>Reported value of transfers</th><td>${totalsByCurrency(d.transfers.map((t) => ({ minor: t.amountMinor, currency: t.currency })))}</td></tr>
    <tr><th>Flags</th><td>${d.flagged.length} (${bySeverity})</td></tr>
    <tr><th>Value at stake in flags</th><td>${flaggedValue}</td></tr>
  </tbody></table>
  <h2 id="flags">2. Flags</h2>
  ${d.flagged.length ? d.flagged.map((f, i) => flagSection(f, i + 1)).join('') : '<p>No rule flagged any transfer.</p>'}
  <h2 id="transfers">3. Appendix: all transfers</h2>
  <table><thead><tr><th>#</th><th>Date</th><th>From</th><th>To</th><th>What</th><th>Reported</th><th>Status</th><th>Flags</th></tr></thead><tbody>
    ${d.transfers.map((t) => `<tr><td>${t.id}</td><td>${h(when(t))}</td><td>${h(t.from.name)}</td><td>${h(t.to.name)}</td><td>${h(describeQuantity(t))}</td><td class="num">${money(t.amountMinor, t.currency)}</td><td>${h(t.status)}</td><td>${t.flagCount}</td></tr>`).join('')}
  </tbody></table>
  <h2 id="repro">4. Reproducibility</h2>
  <table class="facts"><tbody>
    <tr><th>App version</th><td>${h(d.appVersion)}</td></tr>
    <tr><th>Rules</th><td>${d.rules.map((r) => `${h(r.id)} v${r.version} (${h(r.regime)})`).join(', ')}</td></tr>
    <tr><th>Ledger state hash (SHA-256)</th><td><code>${d.stateHash}</code></td></tr>
    <tr><th>Audit log head</th><td>${d.auditHead ? `entry ${d.auditHead.seq}, SHA-256 <code>${d.auditHead.hash}</code>` : 'no entries'}</td></tr>
  </tbody></table>
  <p class="muted">The same ledger state gives the same report and the same hash; only the generation time differs.</p>
  </body></html>`;
}
