// The audit report at scale: a ledger with N related transfers (one common-control flag each,
// with evidence) among M transfers in scope, through the same path as the app and the CLI:
// gather the data, build the HTML, print it with Chromium (two passes for contents page numbers,
// one for a large report), then the same HTML with one cost removed at a time (where the time goes).
// Chromium's peak memory is sampled from /proc over all its processes while it prints.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openLedger } from '../electron/core/db/open';
import { LedgerWriter } from '../electron/core/ledger/write';
import { runRules } from '../electron/core/conflicts/flags';
import { gatherReportData } from '../electron/core/reports/reportData';
import { renderReportHtml } from '../electron/core/reports/html';
import { printReport } from '../electron/core/reports/printReport';
import { chromiumPrinter } from '../electron/core/reports/nodePdf';
import { defaultLanes } from '../electron/core/reports/printInParts';
import { formatTable } from './timing';
import { countPdfPages } from '../electron/core/reports/pdfInfo';

export const REPORT_TARGET_SECONDS = 30;

export interface ReportBenchResult {
  benchmark: 'report'; flags: number; transfers: number; appendixRows: number;
  gatherSeconds: number; htmlSeconds: number; htmlMb: number;
  /** Both print passes (the second with the contents' page numbers), as the app and CLI print. */
  pdfSeconds: number; pages: number; pdfMb: number;
  /** How the print ran: 2 passes (contents with page numbers), or a large report printed in parts. */
  passes: 1 | 2;
  /** Parts a large report was printed in (1 otherwise), and how many printed at once. */
  parts: number; lanes: number;
  /** CPU seconds all Chromium processes used for the print: what the print costs, whatever else the machine is doing. */
  chromiumCpuSeconds: number | null;
  /** The machine's 1-minute load average before and after the print (others' work slows Chromium down). */
  loadAverage: { before: number; after: number };
  /** Where the print time goes: one print of the same HTML with one cost removed at a time. */
  variants: Array<{ name: string; seconds: number; pages: number }>;
  /** Peak resident memory of all Chromium processes together while printing, sampled every 100 ms. */
  chromiumPeakMb: number | null;
  target: number; ok: boolean;
}

/** Child processes of this process, recursively (Linux /proc); empty elsewhere. */
function descendants(root: number): number[] {
  if (!fs.existsSync('/proc')) return [];
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch { /* the process ended while we looked */ }
  }
  const out: number[] = [];
  const walk = (p: number) => { for (const c of children.get(p) ?? []) { out.push(c); walk(c); } };
  walk(root);
  return out;
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch { return 0; }
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (100 per second on Linux)
  } catch { return 0; }
}

/** Sample every descendant process every 100 ms until stopped: the peak of their summed RSS in MB, and the
 *  CPU seconds they used (each process's last sample, so a process that ends loses at most 100 ms). */
function sampleChildren(): { stop(): { peakMb: number; cpuSeconds: number } | null } {
  if (!fs.existsSync('/proc')) return { stop: () => null };
  let peak = 0;
  const cpu = new Map<number, number>();
  const tick = () => {
    const pids = descendants(process.pid);
    peak = Math.max(peak, pids.reduce((s, p) => s + rssMb(p), 0));
    for (const p of pids) cpu.set(p, Math.max(cpu.get(p) ?? 0, cpuSeconds(p)));
  };
  const timer = setInterval(tick, 100);
  return { stop: () => { clearInterval(timer); tick(); return { peakMb: Math.round(peak), cpuSeconds: [...cpu.values()].reduce((a, b) => a + b, 0) }; } };
}

/** Groups of firms each wholly owned by one person; `flags` transfers inside a group, the rest across groups. */
export function buildLedger(file: string, flags: number, transfers: number): void {
  const db = openLedger(file);
  try {
    db.transaction(() => {
      const w = new LedgerWriter(db);
      const groups = 20;
      const perGroup = 10;
      const doc = w.document({ name: 'Generated board minutes', kind: 'minutes', sha256: 'a'.repeat(64), issuer: 'Bench Holdings', filedOn: '2024-03-31' });
      const firms: number[][] = [];
      for (let g = 0; g < groups; g++) {
        const person = w.entity({ kind: 'person', name: `Owner ${g}` });
        firms.push([]);
        for (let f = 0; f < perGroup; f++) {
          const firm = w.entity({ kind: 'company', name: `Group ${g} Firm ${f} GmbH` });
          firms[g]!.push(firm);
          const aff = w.affiliation({ subjectId: person, objectId: firm, kind: 'ownership', equityPct: 100, votingPct: 100, validFrom: '2010-01-01' });
          w.evidence({ documentId: doc, locator: `register extract ${g}.${f}`, excerpt: `Owner ${g} holds all shares of Group ${g} Firm ${f} GmbH.`, affiliationId: aff });
        }
      }
      for (let i = 0; i < transfers; i++) {
        const related = i < flags;
        const g = i % groups;
        const from = firms[g]![i % perGroup]!;
        // Related: the next firm of the same group. Unrelated: a firm of the next group.
        const to = related ? firms[g]![(i + 1) % perGroup]! : firms[(g + 1) % groups]![(i + 3) % perGroup]!;
        const day = `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
        // Under the S-K 404 threshold, so each related transfer raises exactly one flag (common control).
        const t = w.transfer({ fromId: from, toId: to, resourceType: 'services', resource: `consulting services batch ${i}`, date: day,
          amountMinor: 1_000_000 + (i % 97) * 10_000, currency: 'EUR', description: `Invoice ${i}` });
        if (related) w.evidence({ documentId: doc, locator: `minutes item ${i}`, excerpt: `The board noted invoice ${i} between two group firms.`, transferId: t });
      }
    })();
    runRules(db);
  } finally {
    db.close();
  }
}

export async function benchReport(size: { flags: number; transfers: number }): Promise<ReportBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'armslength-bench-report-'));
  try {
    const file = path.join(dir, 'report.armslength');
    process.stderr.write(`report: building a ledger with ${size.transfers} transfers, ${size.flags} related…\n`);
    buildLedger(file, size.flags, size.transfers);
    const db = openLedger(file);
    try {
      let t0 = performance.now();
      const data = gatherReportData(db, { ledgerName: 'bench', appVersion: 'bench', scope: { currency: 'EUR' } });
      const gatherSeconds = (performance.now() - t0) / 1000;
      t0 = performance.now();
      const html = renderReportHtml(data);
      const htmlSeconds = (performance.now() - t0) / 1000;
      process.stderr.write(`report: ${data.summary.flagCount} flags, ${data.transfers.length} transfers; printing…\n`);
      const loadBefore = os.loadavg()[0]!;
      const mem = sampleChildren();
      t0 = performance.now();
      const printer = await chromiumPrinter();
      const printed = await printReport(data, (h, o) => printer.print(h, o)).finally(() => printer.close());
      const pdfSeconds = (performance.now() - t0) / 1000;
      const sampled = mem.stop();
      const chromiumPeakMb = sampled?.peakMb ?? null;
      // The variants print the report several more times: at the quick size only (the full size would take many minutes more).
      const variants = size.flags <= 100 ? await printVariants(html) : [];
      const appendixRows = data.transfers.length + data.entities.length + data.affiliations.length + data.documents.length + data.priceBands.length + data.fxRates.length;
      return {
        benchmark: 'report', flags: data.summary.flagCount, transfers: data.transfers.length, appendixRows,
        gatherSeconds, htmlSeconds, htmlMb: Buffer.byteLength(html) / 1e6, pdfSeconds, pages: printed.pages, pdfMb: printed.pdf.length / 1e6, passes: printed.passes,
        parts: printed.parts, lanes: printed.parts > 1 ? defaultLanes() : 1, chromiumCpuSeconds: sampled?.cpuSeconds ?? null, loadAverage: { before: loadBefore, after: os.loadavg()[0]! }, variants,
        chromiumPeakMb, target: REPORT_TARGET_SECONDS, ok: gatherSeconds + htmlSeconds + pdfSeconds < REPORT_TARGET_SECONDS,
      };
    } finally {
      db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** One print each of the same HTML: as is, untagged, without diagrams, without the appendices; one Chromium for all. */
async function printVariants(html: string): Promise<ReportBenchResult['variants']> {
  const noSvg = html.replace(/<figure class="diagram">[\s\S]*?<\/figure>/g, '');
  const appendixAt = html.indexOf('<h2 id="app-transfers">');
  const noAppendix = appendixAt > 0 ? `${html.slice(0, appendixAt)}</body></html>` : html;
  const cases: Array<[string, string, boolean]> = [
    ['1 pass, tagged', html, true], ['1 pass, untagged', html, false], ['untagged, no diagrams', noSvg, false], ['untagged, no appendices', noAppendix, false],
  ];
  const out: ReportBenchResult['variants'] = [];
  const printer = await chromiumPrinter();
  try {
    for (const [name, h, tagged] of cases) {
      const t0 = performance.now();
      const pdf = await printer.print(h, { language: 'en', tagged, label: `bench ${name}` });
      out.push({ name, seconds: (performance.now() - t0) / 1000, pages: countPdfPages(pdf) });
      process.stderr.write(`report: variant ${name}: ${out.at(-1)!.seconds.toFixed(1)} s, ${out.at(-1)!.pages} pages\n`);
    }
  } finally {
    await printer.close();
  }
  return out;
}

export function printReportResult(r: ReportBenchResult): void {
  const s = (x: number) => x.toFixed(2);
  console.log(`\n${formatTable(['benchmark', 'flags', 'transfers', 'gather (s)', 'html (s)', 'html MB', 'pdf (s)', 'passes', 'parts (lanes)', 'pages', 'pdf MB', 'chromium peak MB', 'target', 'ok'],
    [['audit report', String(r.flags), String(r.transfers), s(r.gatherSeconds), s(r.htmlSeconds), r.htmlMb.toFixed(1), s(r.pdfSeconds), String(r.passes), `${r.parts} (${r.lanes})`, String(r.pages),
      r.pdfMb.toFixed(1), r.chromiumPeakMb === null ? 'n/a' : String(r.chromiumPeakMb), `<${r.target} s`, r.ok ? 'yes' : 'NO']])}`);
  console.log('gather = reading the ledger for the report; html = rendering it; pdf = Chromium (playwright-core) printing as the app and CLI do: twice for a');
  console.log('small report (contents page numbers from the first print\'s outline); a large one in parts, several at once (lanes), joined with pdf-lib, which');
  console.log('draws the page numbers, header and footer and writes the links and bookmarks. Target: gather + html + pdf. Chromium peak = summed RSS of');
  console.log(`all its processes, sampled every 100 ms during the print; Chromium used ${r.chromiumCpuSeconds === null ? 'n/a' : r.chromiumCpuSeconds.toFixed(1)} CPU seconds. Load average ${r.loadAverage.before.toFixed(1)} before, ${r.loadAverage.after.toFixed(1)} after.`);
  if (r.variants.length) console.log(`\n${formatTable(['print variant (same HTML)', 'seconds', 'pages', 'pages/s'], r.variants.map((v) => [v.name, s(v.seconds), String(v.pages), (v.pages / v.seconds).toFixed(1)]))}`);
}
