// The audit report as one self-contained HTML page (inline CSS and SVG, no external resources),
// laid out for print: cover, contents, summary, one section per flagged transfer, the disclosure comparison,
// appendices and the reproducibility block. Headings h1–h3 become the PDF's outline.
// Pure: the same data gives the same HTML, byte for byte.
import type { Evidence, PathEdge } from '../../../shared/domain';
import { pathDiagramCss, renderPathDiagram } from '../../../shared/pathDiagram';
import { describeQuantity } from '../conflicts/describe';
import type { FlaggedItem, ReportData, ReportTransfer } from './reportData';
import type { ReportChanges, RunFlag, RunTotals } from './reportRuns';
import { formatterFor, type Formatter } from './format';
import { reportMessages, type ReportMessages } from './messages';
import { reportCss } from './reportCss';
import { groupByTransfer, type TransferGroup } from './transferGroups';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
const h = escapeHtml;

export interface RenderOptions {
  /** Page of each top-level section, from a first print (see printReport); without it the contents list links only. */
  sectionPages?: Record<string, number>;
  /** Printed in parts and joined (a large report, printReport.ts): the contents and the reproducibility block say what that means. */
  inParts?: boolean;
}

interface Ctx { d: ReportData; m: ReportMessages; f: Formatter }

/** The top-level sections in order: id, heading. The contents list and the page lookup use the same list. */
export function reportSections(d: ReportData): Array<{ id: string; title: string }> {
  const m = reportMessages[d.scope.language];
  return [
    { id: 'summary', title: `1. ${m.summary}` },
    { id: 'flags', title: `2. ${m.flags}` },
    { id: 'disclosure', title: `3. ${m.disclosure}` },
    { id: 'app-transfers', title: m.appTransfers },
    { id: 'app-entities', title: m.appEntities },
    { id: 'app-prices', title: m.appPrices },
    { id: 'app-documents', title: m.appDocuments },
    { id: 'repro', title: m.repro },
  ];
}

/** Rows per <table> in long tables: Chromium paginates one huge table far slower than several
 *  short ones (each with its header), and the short ones read as one continuous table. */
export const TABLE_CHUNK_ROWS = 200;

/** Long tables as consecutive tables of TABLE_CHUNK_ROWS rows, each repeating the header: one string per table. */
function tableChunks(open: string, headRow: string, rows: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(rows.length, 1); i += TABLE_CHUNK_ROWS) {
    out.push(`${open}<thead>${headRow}</thead><tbody>${rows.slice(i, i + TABLE_CHUNK_ROWS).join('\n')}</tbody></table>`);
  }
  return out;
}

/** A table with a repeated header, in chunks; numCols are right-aligned figures, nowrapCols (ids, dates) never wrap. */
function tableParts(head: string[], rows: string[][], cls = '', numCols: number[] = [], nowrapCols: number[] = []): string[] {
  const attr = (i: number) => (numCols.includes(i) ? ' class="num"' : nowrapCols.includes(i) ? ' class="nw"' : '');
  const cell = (c: string, i: number) => `<td${attr(i)}>${c}</td>`;
  return tableChunks(`<table${cls ? ` class="${cls}"` : ''}>`, `<tr>${head.map((x, i) => `<th${attr(i)}>${h(x)}</th>`).join('')}</tr>`,
    rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`));
}

function table(...args: Parameters<typeof tableParts>): string {
  return tableParts(...args).join('\n');
}

function facts(rows: Array<[string, string]>): string {
  return `<table class="facts"><tbody>${rows.map(([k, v]) => `<tr><th>${h(k)}</th><td>${v}</td></tr>`).join('')}</tbody></table>`;
}

/** Facts two to a row (label, value, label, value): a flag's facts in half the height. Wide values take a whole row. */
function facts2(rows: Array<[string, string, boolean?]>): string {
  const out: string[] = [];
  let pending: [string, string] | null = null;
  const flush = () => { if (pending) { out.push(`<tr><th>${h(pending[0])}</th><td colspan="3">${pending[1]}</td></tr>`); pending = null; } };
  for (const [k, v, wide] of rows) {
    if (wide) { flush(); out.push(`<tr><th>${h(k)}</th><td colspan="3">${v}</td></tr>`); continue; }
    if (!pending) { pending = [k, v]; continue; }
    out.push(`<tr><th>${h(pending[0])}</th><td>${pending[1]}</td><th>${h(k)}</th><td>${v}</td></tr>`);
    pending = null;
  }
  flush();
  return `<table class="facts facts2"><tbody>${out.join('')}</tbody></table>`;
}

function cover({ d, m, f }: Ctx, opts: RenderOptions): string {
  const s = d.scope;
  const who = s.entityNames.length ? `${s.entityNames.map(h).join(', ')}${s.includeGroup ? ` (${h(m.withGroup)})` : ''}` : h(m.wholeLedger);
  const period = s.from || s.to ? `${s.from ? f.date(s.from) : '…'} – ${s.to ? f.date(s.to) : '…'}` : m.allDates;
  const toc = reportSections(d).map((x) => {
    const page = opts.sectionPages?.[x.id];
    return `<li><a href="#${x.id}">${h(x.title)}</a>${page !== undefined ? `<span class="toc-page">${f.int(page)}</span>` : ''}</li>`;
  }).join('');
  return `<div class="cover">
    <p class="kicker">${h(m.cover)}</p>
    <h1 id="top">${h(d.title)}</h1>
    ${facts([
      [m.scope, who], [m.period, h(period)], [m.regimes, h(s.regimes.length ? s.regimes.join(', ') : m.allRegimes)],
      [m.flagFilter, h(s.flags === 'confirmed' ? m.flagsConfirmed : m.flagsAll)], [m.currency, h(s.currency)],
      [m.ledger, h(d.ledgerName)], [m.author, h(d.author)], [m.generated, h(f.moment(d.generatedAt))],
      [m.asOf, d.asOf ? h(f.moment(d.asOf)) : '—'], [m.preparedWith, `Arm's Length ${h(d.appVersion)}`],
    ])}
  </div>
  <nav class="toc"><h2 class="toc-title">${h(m.contents)}</h2><ol>${toc}</ol>${opts.inParts ? `<p class="muted">${h(m.printedInParts)}</p>` : ''}</nav>`;
}

function tallyTable({ m, f, d }: Ctx, head: string, rows: ReportData['summary']['byRule'], label: (key: string, label: string) => string): string {
  if (rows.length === 0) return `<p class="muted">${h(m.none)}</p>`;
  return table([head, m.count, `${m.value} (${d.scope.currency})`], rows.map((r) => [label(r.key, r.label), f.int(r.count), f.money(r.valueMinor, d.scope.currency)]), 'tally', [1, 2]);
}

function changesBlock({ m, f, d }: Ctx, c: ReportChanges): string {
  if (!c.previous) return `<p class="muted">${h(m.noPrevious)}</p>`;
  const cur = d.scope.currency;
  const line = (x: RunFlag) => `#${x.id} ${h(x.ruleId)} · ${h(x.title)} · ${f.money(x.valueMinor, cur)}`;
  const list = (title: string, items: string[]) => (items.length ? `<h4>${h(title)}</h4><ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '');
  const totals = (t: RunTotals) => [f.int(t.transferCount), f.money(t.transferValueMinor, t.currency), f.int(t.flagCount), f.money(t.flaggedValueMinor, t.currency)];
  const nothing = c.added.length + c.removed.length + c.decisions.length + c.amounts.length === 0;
  return `<p>${h(m.previousRun(f.moment(c.previous.generatedAt), c.previous.stateHash.slice(0, 16)))}</p>
    ${nothing ? `<p>${h(m.noChanges)}</p>` : ''}
    ${list(m.added, c.added.map(line))}${list(m.removed, c.removed.map(line))}
    ${list(m.decisions, c.decisions.map((x) => `${line(x)}: ${h(m.statusNames[x.before] ?? x.before)} → ${h(m.statusNames[x.status] ?? x.status)}`))}
    ${list(m.amounts, c.amounts.map((x) => `${line(x)} (${h(m.before)}: ${f.money(x.beforeMinor, cur)})`))}
    ${c.totals ? `<h4>${h(m.totalsChange)}</h4>${table(['', m.transfersInScope, m.valueInScope, m.flagsCount, m.flaggedValue],
      [[h(m.before), ...totals(c.totals.before)], [h(m.after), ...totals(c.totals.after)]], 'tally', [1, 2, 3, 4])}` : ''}`;
}

function summarySection(ctx: Ctx): string {
  const { d, m, f } = ctx;
  const s = d.summary;
  const cur = d.scope.currency;
  const notes = [s.notConverted ? m.notConverted(s.notConverted) : '', s.noAmount ? m.noAmount(s.noAmount) : ''].filter(Boolean).join('; ');
  return `<h2 id="summary">1. ${h(m.summary)}</h2>
  <h3>1.1 ${h(m.summaryTotals)}</h3>
  ${facts([
    [m.transfersInScope, f.int(s.transferCount)],
    [m.valueInScope, `${f.money(s.transferValueMinor, cur)}${notes ? ` <span class="muted">(${h(notes)})</span>` : ''}`],
    [m.relatedTransfers, f.int(s.relatedTransferCount)],
    [m.flagsCount, `${f.int(s.flagCount)} (${s.bySeverity.map((x) => `${f.int(x.count)} ${h(m.severityNames[x.key] ?? x.key)}`).join(', ') || '0'})`],
    [m.flaggedValue, f.money(s.flaggedValueMinor, cur)],
    ...(s.flaggedEstimated.count ? [[m.estimatedWithout(s.flaggedEstimated.count), f.money(s.flaggedEstimated.valueMinor, cur)] as [string, string]] : []),
  ])}
  <p class="muted">${h(m.tallyNote)}</p>
  <h3>1.2 ${h(m.byRule)}</h3>
  ${tallyTable(ctx, m.rule, s.byRule, (key, label) => `${h(key)} <span class="muted">${h(label)}</span>`)}
  <h3>1.3 ${h(m.bySeverity)}</h3>
  ${tallyTable(ctx, m.severity, s.bySeverity, (key) => h(m.severityNames[key] ?? key))}
  ${tallyTable(ctx, m.status, s.byStatus, (key) => h(m.statusNames[key] ?? key))}
  <h3>1.4 ${h(m.largest)}</h3>
  ${s.largest.length ? table(['#', m.date, m.fromCol, m.toCol, m.what, `${m.value} (${cur})`, m.rule],
    s.largest.map((x) => [`<a href="#flag-transfer-${x.transferId}">${x.transferId}</a>`, h(f.date(x.date, x.datePrecision)), h(x.from), h(x.to), h(x.what), `${x.estimated ? `<span class="muted">${h(m.estimate)}</span> ` : ''}${f.money(x.valueMinor, cur)}`, h(x.rules.join(', '))]), '', [5], [0, 1])
    : `<p class="muted">${h(m.none)}</p>`}
  <h3>1.5 ${h(m.changes)}</h3>
  ${changesBlock(ctx, d.changes)}`;
}

function evidenceList({ m }: Ctx, items: Evidence[]): string {
  if (items.length === 0) return `<p class="muted">${h(m.noEvidence)}</p>`;
  return `<ul class="evidence">${items.map((e) => `
    <li><blockquote>${h(e.excerpt)}</blockquote>
      <div class="cite">${h(e.document.name)}${e.document.issuer ? `, ${h(e.document.issuer)}` : ''}${e.document.filedOn ? `, ${h(e.document.filedOn)}` : ''}
        · ${h(e.locator)} · ${e.document.sha256 ? `SHA-256 <code>${h(e.document.sha256)}</code>` : h(m.notHeld)}</div></li>`).join('')}</ul>`;
}

/** Both sides' links in one table: each link with its dates and the evidence for it. */
function pathTable({ m }: Ctx, paths: PathEdge[][], sides: string[]): string {
  const empty = sides.filter((_, i) => (paths[i] ?? []).length === 0).map((s) => `<p>${h(m.holderIsSide(s))}</p>`).join('');
  const rows = paths.flat().map((e) => [
    h(e.from.name), h(e.relation), h(e.to.name), `${h(e.validFrom ?? '…')} –&nbsp;${h(e.validTo ?? m.today)}`,
    e.evidence.map((x) => `${h(x.document.name)} (${h(x.locator)}): “${h(x.excerpt)}”`).join('<br>') || '—',
  ]);
  return (rows.length ? table([m.from, m.relation, m.toCol, m.validity, m.evidence], rows, 'path') : '') + empty;
}

/** Valuation rows for a transfer: band, unit band, how the reported price sits in it, method and source. */
function bandRows({ m, f }: Ctx, item: FlaggedItem): Array<[string, string, boolean?]> {
  const v = item.valuation;
  if (!v) return [[m.marketValue, h(item.valuationNote ?? m.notValued), true]];
  const pct = (x: number) => f.pct(Math.abs(x));
  return [
    [m.marketValue, `${f.money(v.lowMinor, v.currency)} – ${f.money(v.highMinor, v.currency)} (${h(m.base)} ${f.money(v.baseMinor, v.currency)})`, true],
    [m.unitBand, `${f.money(v.unitLowMinor, v.currency)} – ${f.money(v.unitHighMinor, v.currency)} ${h(m.per)} ${h(v.unit)}, ${h(m.valid)} ${h(f.date(v.bandValidFrom))} ${h(m.to)} ${h(f.date(v.bandValidTo))}`, true],
    ...(v.reportedUnitMinor !== null ? [[m.reportedPer(v.unit), `${f.money(v.reportedUnitMinor, v.currency)} — ${h(v.deviationPct ? (v.deviationPct > 0 ? m.aboveBand(pct(v.deviationPct)) : m.belowBand(pct(v.deviationPct))) : m.insideBand)}`, true] as [string, string, boolean]] : []),
    [m.method, h(v.method), true], [m.priceSource, h(v.source), true],
  ];
}

function checklistTable({ m }: Ctx, flag: FlaggedItem['flag']): string {
  if (!flag.checklist.length) return '';
  return `<p class="cl-label">${h(m.checklist)}</p>${table([m.test, m.met, m.detail, m.evidence], flag.checklist.map((c) => [
    h(c.label), `<span class="met-${c.met === null ? 'unknown' : c.met ? 'yes' : 'no'}">${h(c.met === null ? m.unknown : c.met ? m.yes : m.no)}</span>`, h(c.detail),
    c.evidence.map((e) => `${h(e.document.name)} (${h(e.locator)})${e.document.sha256 ? ` <code>${h(e.document.sha256.slice(0, 16))}…</code>` : ''}`).join('<br>') || '—',
  ]), 'checklist')}`;
}

/** One rule the transfer meets: what the rule found, its amount at stake, its checklist and the review decision. */
function ruleBlock(ctx: Ctx, item: FlaggedItem): string {
  const { m, f } = ctx;
  const flag = item.flag;
  const reviewed = flag.status !== 'open' || flag.statusChangedAt !== null;
  const decision = `<strong>${h(m.review)}:</strong> ${h(reviewed ? (m.statusNames[flag.status] ?? flag.status) : m.notReviewed)}${flag.statusReason ? ` — ${h(m.reason)}: ${h(flag.statusReason)}` : ''}${flag.statusBy ? ` — ${h(m.by)} ${h(flag.statusBy)}` : ''}${flag.statusChangedAt ? `, ${h(m.on)} ${h(f.moment(flag.statusChangedAt))}` : ''}`;
  // An unreviewed flag says so in its badge row; a decision (who, when, why) gets its own line.
  return `<div class="rule" id="flag-${flag.id}">
    <h4>${h(flag.ruleId)} v${flag.ruleVersion} · ${h(flag.title)}</h4>
    <p class="badges"><span class="sev sev-${flag.severity}">${h(m.severity)}: ${h(m.severityNames[flag.severity] ?? flag.severity)}</span>
      <span>${h(m.regime)}: ${h(item.regime)}</span><span>${h(m.atStake)}: ${f.money(flag.atStakeMinor, flag.atStakeCurrency)}</span>${reviewed ? '' : `<span class="review-badge">${decision}</span>`}</p>
    <p>${h(flag.summary)}</p>
    ${checklistTable(ctx, flag)}
    ${reviewed ? `<p class="review">${decision}</p>` : ''}
  </div>`;
}

/** One flagged transfer: its facts, valuation, path and evidence once, then each rule it meets. */
function transferSection(ctx: Ctx, g: TransferGroup, n: number): string {
  const { m, f, d } = ctx;
  const t = g.transfer;
  const first = g.items[0]!;
  const quantity = describeQuantity({ quantity: t.quantity, unit: t.unit, resource: t.resource });
  const amount = t.amountMinor !== null ? f.money(t.amountMinor, t.currency) : h(m.noReportedAmount);
  const heading = `2.${n} ${h(f.date(t.date, t.datePrecision))} · ${h(quantity)} · ${h(t.from.name)} → ${h(t.to.name)} · ${amount}`;
  const what = `#${t.id}: ${h(quantity)} ${h(m.from)} ${h(t.from.name)} ${h(m.to)} ${h(t.to.name)}${t.intendedFor ? ` (${h(m.meantFor)} ${h(t.intendedFor.name)})` : ''}`;
  const diagrams = g.pathSets.map((paths) => `<figure class="diagram">${renderPathDiagram({
    paths, sides: [t.from, t.to], transferLabel: quantity,
    words: { today: m.today, title: `${m.diagramTitle}: ${t.from.name} → ${t.to.name}`, since: m.since }, embedStyle: false,
  })}</figure>${pathTable(ctx, paths, [t.from.name, t.to.name])}`).join('');
  return `<section class="flag" id="t-flags-${t.id}">
    <h3 id="flag-transfer-${t.id}">${heading}</h3>
    <p class="badges"><span class="sev sev-${g.severity}">${h(m.severity)}: ${h(m.severityNames[g.severity] ?? g.severity)}</span><span>${h(m.flagCountOn(g.items.length))}</span></p>
    <h4>${h(m.whatHappened)}</h4>
    ${facts2([
      [m.transfer, what, true], [m.date, h(f.date(t.date, t.datePrecision))], [m.transferStatus, h(t.status)],
      [m.reported, f.money(t.amountMinor, t.currency)],
      ...(t.currency !== d.scope.currency ? [[m.inReporting, f.money(t.reportingMinor, t.reportingMinor === null ? null : d.scope.currency)] as [string, string]] : []),
      ...bandRows(ctx, first),
    ])}
    <h4>${h(m.whyRelated)}</h4>
    ${diagrams || `<p class="muted">${h(m.none)}</p>`}
    <h4>${h(m.evidenceForTransfer)}</h4>
    ${evidenceList(ctx, first.evidence)}
    <h4 class="rules-met">${h(m.rulesMet)}</h4>
    ${g.items.map((x) => ruleBlock(ctx, x)).join('\n')}
  </section>`;
}

function disclosureSection({ d, m, f }: Ctx): string {
  const c = d.disclosures;
  const period = (a: string | null, b: string | null) => `${a ? f.date(a) : '…'} – ${b ? f.date(b) : '…'}`;
  return `<h2 id="disclosure">3. ${h(m.disclosure)}</h2>
  <p>${h(m.disclosureIntro)}</p>
  <h3>3.1 ${h(m.transfersWithout)}</h3>
  ${c.transfersWithout.length ? table(['#', m.date, m.fromCol, m.toCol, m.reported, m.issuer, m.disclosuresThatYear], c.transfersWithout.map((x) => [
    String(x.transfer.id), h(f.date(x.transfer.date, x.transfer.datePrecision)), h(x.transfer.from.name), h(x.transfer.to.name),
    f.money(x.transfer.amountMinor, x.transfer.currency), h(x.issuer), f.int(x.disclosuresThatYear),
  ]), '', [4, 6], [0, 1]) : `<p>${h(m.none)}</p>`}
  ${c.notChecked ? `<p class="muted">${h(m.notChecked(c.notChecked))}</p>` : ''}
  <h3>3.2 ${h(m.disclosuresWithout)}</h3>
  ${c.disclosuresWithout.length ? table([m.issuer, m.counterparty, m.concept, m.periodCol, m.amount, m.document, m.locator, m.why], c.disclosuresWithout.map((x) => [
    h(x.issuerName ?? '—'), h(x.counterparty || '—'), h(x.concept), h(period(x.periodStart, x.periodEnd)), f.money(x.amountMinor, x.currency), h(x.documentName), h(x.locator), h(x.reason),
  ]), '', [4]) : `<p>${h(m.none)}</p>`}`;
}

/** The h2 with the first chunk of rows, then the other chunks. */
function transfersAppendix({ d, m, f }: Ctx): string[] {
  // No id per row: nothing links to it, and 10,000 anchors cost Chromium a quarter of the appendix's print time.
  const row = (t: ReportTransfer) => `<tr><td class="nw">${t.id}</td><td class="nw">${h(f.date(t.date, t.datePrecision))}</td><td>${h(t.from.name)}</td><td>${h(t.to.name)}</td><td>${h(describeQuantity({ quantity: t.quantity, unit: t.unit, resource: t.resource }))}</td><td class="num">${f.money(t.amountMinor, t.currency)}</td><td class="num">${f.money(t.reportingMinor, t.reportingMinor === null ? null : d.scope.currency)}</td><td>${h(t.status)}</td><td class="num">${t.flagCount}</td></tr>`;
  const [first, ...rest] = tableChunks('<table class="dense">', `<tr><th>#</th><th>${h(m.date)}</th><th>${h(m.fromCol)}</th><th>${h(m.toCol)}</th><th>${h(m.what)}</th><th class="num">${h(m.reported)}</th><th class="num">${h(d.scope.currency)}</th><th>${h(m.transferStatus)}</th><th class="num">${h(m.flagsCol)}</th></tr>`, d.transfers.map(row));
  return [`<h2 id="app-transfers">${h(m.appTransfers)}</h2>\n  ${first}`, ...rest];
}

/** Entities, then affiliations: each heading with its table's first chunk, then the other chunks. */
function entitiesAppendix({ d, m }: Ctx): string[] {
  const share = (a: ReportData['affiliations'][number]) => [a.role, a.equityPct !== null ? `${a.equityPct}% equity` : null, a.votingPct !== null ? `${a.votingPct}% votes` : null].filter(Boolean).join(', ') || a.kind;
  const [entities, ...moreEntities] = tableParts(['#', m.name, m.kind, m.jurisdiction], d.entities.map((e) => [String(e.id), h(e.name), h(e.kind), h(e.jurisdiction ?? '—')]), 'dense');
  const [affiliations, ...moreAffiliations] = d.affiliations.length ? tableParts(['#', m.subject, m.relation, m.object, m.validity, m.evidence], d.affiliations.map((a) => [
    String(a.id), h(a.subject.name), h(share(a)), h(a.object.name), `${h(a.validFrom ?? '…')} – ${h(a.validTo ?? m.today)}`, h(a.evidence.join('; ') || '—'),
  ]), 'dense') : [`<p class="muted">${h(m.noneUsed)}</p>`];
  return [
    `<h2 id="app-entities">${h(m.appEntities)}</h2>\n  <h3>${h(m.entities)}</h3>\n  ${entities}`, ...moreEntities,
    `<h3>${h(m.affiliations)}</h3>\n  ${affiliations}`, ...moreAffiliations,
  ];
}

function pricesAppendix({ d, m, f }: Ctx): string {
  return `<h2 id="app-prices">${h(m.appPrices)}</h2>
  <h3>${h(m.priceBook)}</h3>
  ${d.priceBands.length ? table([m.resource, m.unit, m.low, m.base, m.high, m.validity, m.source], d.priceBands.map((b) => [
    `${h(b.label)} <span class="muted">(${h(b.resourceKey)})</span>`, h(b.unit), f.money(b.lowMinor, b.currency), f.money(b.baseMinor, b.currency), f.money(b.highMinor, b.currency),
    `${h(f.date(b.validFrom))} – ${h(f.date(b.validTo))}`, h(b.source) + (b.documentName ? ` <span class="muted">(${h(b.documentName)})</span>` : ''),
  ]), 'dense', [2, 3, 4]) : `<p class="muted">${h(m.noneUsed)}</p>`}
  <h3>${h(m.fxRates)}</h3>
  ${d.fxRates.length ? table([m.fxPair, m.day, m.rate, m.source], d.fxRates.map((r) => [`${h(r.base)}/${h(r.quote)}`, h(f.date(r.day)), h(r.rate), h(r.source)]), 'dense', [2])
    : `<p class="muted">${h(m.noneUsed)}</p>`}`;
}

function documentsAppendix({ d, m, f }: Ctx): string {
  return `<h2 id="app-documents">${h(m.appDocuments)}</h2>
  ${d.documents.length ? table(['#', m.document, m.kind, m.issuer, m.filed, m.addedOn, m.sha256], d.documents.map((x) => [
    String(x.id), h(x.name), h(x.kind), h(x.issuer ?? '—'), h(x.filedOn ?? '—'), h(f.date(x.addedAt)), x.sha256 ? `<code>${h(x.sha256)}</code>` : h(m.notHeld),
  ]), 'dense docs') : `<p class="muted">${h(m.noneUsed)}</p>`}`;
}

function reproSection({ d, m }: Ctx, opts: RenderOptions): string {
  return `<h2 id="repro">${h(m.repro)}</h2>
  ${facts([
    [m.appVersion, h(d.appVersion)],
    [m.rulesUsed, d.rules.map((r) => `${h(r.id)} v${r.version} (${h(r.regime)})`).join(', ')],
    [m.stateHash, `<code>${d.stateHash}</code>`],
    [m.auditHead, d.auditHead ? `${h(m.auditEntry(d.auditHead.seq))}, ${h(d.auditHead.at)}, SHA-256 <code>${d.auditHead.hash}</code>` : h(m.noEntries)],
    [m.asOf, h(d.asOf ?? '—')],
    [m.scopeKey, `<code>${d.scopeKey}</code>`],
  ])}
  <p class="muted">${h(m.reproNote)}</p>${opts.inParts ? `<p class="muted">${h(m.printedInParts)}</p>` : ''}`;
}

/** One piece of the report's body. A report printed in parts (reportParts.ts) is cut only between
 *  blocks; `section` marks the block that opens a top-level section (each starts on a new page). */
export interface ReportBlock { html: string; section?: string }

function context(d: ReportData): Ctx {
  return { d, m: reportMessages[d.scope.language], f: formatterFor(d.scope.language) };
}

function headOf({ d, m }: Ctx): string {
  return `<!doctype html><html lang="${m.htmlLang}"><head><meta charset="utf-8"><title>${h(d.title)}</title><style>${reportCss}${pathDiagramCss}</style></head>`;
}

/** The cover with the contents alone (a report printed in parts prints it again with the section pages). */
export function renderCoverBlock(d: ReportData, opts: RenderOptions = {}): { head: string; block: ReportBlock } {
  const ctx = context(d);
  return { head: headOf(ctx), block: { html: cover(ctx, opts), section: 'cover' } };
}

/** The report's head (title and style) and its body as blocks, in order. */
export function renderReportBlocks(d: ReportData, opts: RenderOptions = {}): { head: string; blocks: ReportBlock[] } {
  const ctx = context(d);
  const { m } = ctx;
  const head = headOf(ctx);
  const opening = (section: string, parts: string[]): ReportBlock[] => parts.map((html, i) => (i === 0 ? { html, section } : { html }));
  const flagsHead = `<h2 id="flags">2. ${h(m.flags)}</h2>\n  ${d.flagged.length ? `<p class="muted">${h(m.flagsIntro)}</p>` : `<p>${h(m.noFlags)}</p>`}`;
  return {
    head,
    blocks: [
      { html: cover(ctx, opts), section: 'cover' },
      { html: summarySection(ctx), section: 'summary' },
      { html: flagsHead, section: 'flags' },
      ...groupByTransfer(d.flagged).map((g, i) => ({ html: transferSection(ctx, g, i + 1) })),
      { html: disclosureSection(ctx), section: 'disclosure' },
      ...opening('app-transfers', transfersAppendix(ctx)),
      ...opening('app-entities', entitiesAppendix(ctx)),
      { html: pricesAppendix(ctx), section: 'app-prices' },
      { html: documentsAppendix(ctx), section: 'app-documents' },
      { html: reproSection(ctx, opts), section: 'repro' },
    ],
  };
}

/** The report as one page from its head and blocks. */
export function joinReportHtml(head: string, blocks: ReportBlock[]): string {
  return `${head}<body>\n  ${blocks.map((b) => b.html).join('\n  ')}\n  </body></html>`;
}

export function renderReportHtml(d: ReportData, opts: RenderOptions = {}): string {
  const { head, blocks } = renderReportBlocks(d, opts);
  return joinReportHtml(head, blocks);
}
