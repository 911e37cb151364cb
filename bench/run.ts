// `npm run bench`: CSV import of generated transfers through our importer, against the sqlite3
// shell's `.import` of the same file into a bare table, in the same run. Target: ours <= 3x.
// Then pages of transfers for the grid on a 1M-transfer ledger (bench/queries.ts). Target: p95 < 30 ms.
//   node out/main/bench.js [--sizes 100000,1000000] [--quick] [--only csv|queries|bulk|xbrl|rules|report|ui|reads|flags]
// Also: bulk insertion of 1M transfers against a bare insert loop (<= 2x), and Inline XBRL parsing.
//        [--transfers 1000000] [--requests 200] [--index "CREATE INDEX ..."]... [--no-index] [--pragma "mmap_size=..."]...
// Prints a table on stdout (progress on stderr) and writes bench/results/<timestamp>.json
// and bench/results/latest.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { openLedger } from '../electron/core/db/open';
import { bufferSource, importCsvStream } from '../electron/core/importers/spreadsheet/streamImport';
import { csvHeader, writeTransfersCsv } from './generate';
import { formatTable, peakRssMb, timed } from './timing';
import { benchQueries, formatQueryTable, type QueryBenchReport } from './queries';
import { benchBulkInsert } from './bulkInsert';
import { benchXbrlParse, XBRL_TARGET_MS, XBRL_TARGET_RATIO } from './xbrlParse';
import { benchReport, printReportResult } from './report';
import { benchRules, RULES_INCREMENTAL_TARGET_S, type RulesBenchResult } from './rules';
import { benchStreamImport, type StreamBenchResult } from './streamImport';
import { benchUi, formatUiTable } from './ui';
import { benchReads, formatReads } from './reads';
import { benchFlagBoard, formatFlagBoard } from './flagBoard';

const TARGET_RATIO = 3;
const SQLITE3 = 'sqlite3';

interface Side { seconds: number; rowsPerSec: number }
interface Result {
  benchmark: 'csv import'; rows: number; csvBytes: number;
  ours: Side; sqlite3: Side; ratio: number; target: number; ok: boolean;
  /** Context: the sqlite3 shell importing into the same columns with indexes like the ledger's four. */
  sqlite3Indexed: Side; ratioIndexed: number;
  /** Peak RSS of the whole bench process so far (generation, both imports, earlier sizes). */
  peakRssMb: number;
}

function countRows(dbFile: string, table: string): number {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
}

function side(seconds: number, rows: number): Side {
  return { seconds, rowsPerSec: Math.round(rows / seconds) };
}

/** Indexes like the ledger's on transfers: date, amount, and each side with the date. */
const ledgerLikeIndexes = 'CREATE INDEX i_date ON bare(date); CREATE INDEX i_amount ON bare(amount); CREATE INDEX i_from ON bare("from", date); CREATE INDEX i_to ON bare("to", date);';

/** The sqlite3 shell importing the file into a bare table with the CSV's columns (indexed: with the ledger-like indexes). */
function runSqlite3(csv: string, dir: string, rows: number, indexed = false): Side {
  const dbFile = path.join(dir, indexed ? 'indexed.sqlite' : 'bare.sqlite');
  const create = `CREATE TABLE bare(${csvHeader.map((c) => `"${c}" TEXT`).join(', ')});${indexed ? ledgerLikeIndexes : ''}`;
  const t = timed(() => spawnSync(SQLITE3, [dbFile, '-cmd', create, '-cmd', '.mode csv', `.import --skip 1 "${csv}" bare`], { encoding: 'utf8' }));
  const r = t.value;
  if (r.error) throw new Error(`could not run ${SQLITE3}: ${r.error.message}`);
  if (r.status !== 0 || r.stderr.trim()) throw new Error(`${SQLITE3} .import failed (exit ${r.status}): ${r.stderr.trim()}`);
  const n = countRows(dbFile, 'bare');
  if (n !== rows) throw new Error(`sqlite3 imported ${n} rows, expected ${rows}`);
  return side(t.seconds, rows);
}

/**
 * Our importer (the spreadsheet pipeline, from bytes in memory as the app sends them; the file
 * source is bench/streamImport.ts) into a fresh ledger; reading the file is inside the timer,
 * creating the ledger is not.
 */
async function runOurs(csv: string, dir: string, rows: number): Promise<Side> {
  const dbFile = path.join(dir, 'ours.armslength');
  const db = openLedger(dbFile);
  try {
    const start = performance.now();
    const r = await importCsvStream(db, bufferSource(path.basename(csv), fs.readFileSync(csv)));
    const seconds = (performance.now() - start) / 1000;
    const n = db.prepare(`SELECT count(*) FROM transfers`).pluck().get() as number;
    if (n !== rows || r.transfers !== rows) throw new Error(`our importer wrote ${n} rows (reported ${r.transfers}), expected ${rows}`);
    return side(seconds, rows);
  } finally {
    db.close();
  }
}

async function benchSize(rows: number): Promise<Result> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'armslength-bench-'));
  try {
    const csv = path.join(dir, `transfers-${rows}.csv`);
    const gen = timed(() => writeTransfersCsv(csv, rows));
    console.error(`[${rows}] generated ${(gen.value.bytes / 1e6).toFixed(1)} MB in ${gen.seconds.toFixed(2)} s`);
    const sqlite3 = runSqlite3(csv, dir, rows);
    console.error(`[${rows}] sqlite3 .import ${sqlite3.seconds.toFixed(2)} s`);
    const sqlite3Indexed = runSqlite3(csv, dir, rows, true);
    console.error(`[${rows}] sqlite3 .import into an indexed table ${sqlite3Indexed.seconds.toFixed(2)} s`);
    const ours = await runOurs(csv, dir, rows);
    console.error(`[${rows}] ours ${ours.seconds.toFixed(2)} s`);
    const ratio = ours.seconds / sqlite3.seconds;
    return {
      benchmark: 'csv import', rows, csvBytes: gen.value.bytes, ours, sqlite3,
      ratio, target: TARGET_RATIO, ok: ratio <= TARGET_RATIO, sqlite3Indexed, ratioIndexed: ours.seconds / sqlite3Indexed.seconds,
      peakRssMb: Math.round(peakRssMb()),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const positive = (flag: string, s: string): number => {
  const n = Number(s.replace(/_/g, '').trim());
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: "${s}" is not a positive whole number`);
  return n;
};

function parseOptions() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' }, quick: { type: 'boolean' }, only: { type: 'string' },
      transfers: { type: 'string' }, requests: { type: 'string' }, index: { type: 'string', multiple: true },
      'no-index': { type: 'boolean' }, pragma: { type: 'string', multiple: true },
    },
  });
  const only = values.only;
  const parts = ['csv', 'queries', 'bulk', 'xbrl', 'rules', 'report', 'ui', 'reads', 'flags'] as const;
  if (only !== undefined && !(parts as readonly string[]).includes(only)) throw new Error(`--only: "${only}" is not one of ${parts.join(', ')}`);
  const wanted = (part: (typeof parts)[number]) => only === undefined || only === part;
  const sizes = values.quick ? [10_000] : values.sizes ? values.sizes.split(',').map((s) => positive('--sizes', s)) : [100_000, 1_000_000];
  const transfers = values.transfers ? positive('--transfers', values.transfers) : values.quick ? 100_000 : 1_000_000;
  return {
    csv: wanted('csv'), queries: wanted('queries'), bulk: wanted('bulk'), xbrl: wanted('xbrl'), rules: wanted('rules'), sizes,
    // Audit report: 1,000 flags among 10,000 transfers in scope; --quick 100 among 1,000.
    // The ledger grid in Chromium (bench/ui.ts) on the query bench's 1M-transfer ledger; --quick 100k.
    ui: wanted('ui'),
    // Overview and flows, and main-thread answers while flows runs in the read worker (bench/reads.ts).
    reads: wanted('reads'), quick: values.quick === true,
    // The Flags board's pages against loading every flag, on the rules bench's ledger with its flags (bench/flagBoard.ts).
    flags: wanted('flags'),
    report: wanted('report'), reportSize: values.quick ? { flags: 100, transfers: 1_000 } : { flags: 1_000, transfers: 10_000 },
    // Rules: 1M transfers, 100k entities, 300k affiliations; --quick a tenth of that.
    rulesSize: values.quick ? { transfers: 100_000, entities: 10_000, affiliations: 30_000, relatedShare: 0.01 } : { transfers: 1_000_000, entities: 100_000, affiliations: 300_000, relatedShare: 0.01 },
    bulkRows: values.quick ? 100_000 : 1_000_000,
    queryOptions: {
      transfers, entities: Math.max(100, Math.round(transfers / 10)),
      requests: values.requests ? positive('--requests', values.requests) : values.quick ? 50 : 200,
      // The indexes to compare against (default: the recommendation in queries.ts); --no-index skips it.
      extraIndexes: values['no-index'] ? [] : values.index,
      pragmas: values.pragma ?? [],
    },
  };
}

/** The folder with package.json: this file runs bundled from out/main but results go in bench/. */
function projectRoot(): string {
  for (let d = __dirname; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json'))) return d;
    if (path.dirname(d) === d) return process.cwd();
  }
}

async function main(): Promise<void> {
  const options = parseOptions();
  // The streaming import first: peak RSS only grows, so this way it is the streaming import's own.
  const streaming: StreamBenchResult[] = [];
  if (options.csv) for (const rows of options.sizes) streaming.push(await benchStreamImport(rows));
  const results: Result[] = [];
  if (options.csv) for (const rows of options.sizes) results.push(await benchSize(rows));
  const queries: QueryBenchReport | null = options.queries ? benchQueries(options.queryOptions) : null;
  const bulk = options.bulk ? benchBulkInsert(options.bulkRows) : null;
  const xbrl = options.xbrl ? benchXbrlParse() : null;
  const rules = options.rules ? benchRules(options.rulesSize) : null;
  const reportBench = options.report ? await benchReport(options.reportSize) : null;
  const reads = options.reads ? await benchReads({ transfers: options.queryOptions.transfers, entities: options.queryOptions.entities }, path.join(__dirname, 'readWorker.js'), options.quick) : null;
  const flagBoard = options.flags ? await benchFlagBoard(options.rulesSize) : null;
  const ui = options.ui ? await benchUi({ transfers: options.queryOptions.transfers, cliPath: path.join(__dirname, 'cli.js') }) : null;

  const s = (x: number) => x.toFixed(2);
  if (results.length) printCsvResults(results, s);
  if (streaming.length) printStreamResults(streaming, s);
  if (queries) {
    console.log(`\nPages of 100 transfers, ${queries.fixture.transfers.toLocaleString('en-US')} transfers among ${queries.fixture.entities.toLocaleString('en-US')} entities, ${queries.requestsPerQuery} requests per query`
      + ` (every 10th a first page, the rest after a random matching transfer)${queries.pragmas.length ? `, PRAGMA ${queries.pragmas.join('; ')}` : ''}`
      + `; load average ${queries.loadAverage.before[0]} before, ${queries.loadAverage.after[0]} after, ${os.cpus().length} CPUs:`);
    console.log(formatQueryTable(queries));
    console.log('Times are whole requests: key query, row fetch, and the total counted afresh for every request; "p95 cached total" remembers');
    console.log('totals per filter as the app does. Short pages: a row budget ran out first (the cursor continues). Capped totals: a lower bound.');
    if (queries.withIndexes) console.log(`[+ix]: the same requests with ad hoc ${queries.withIndexes.indexes.map((i) => `${i.sql} (${i.buildSeconds} s${i.sizeMb !== null ? `, ${i.sizeMb} MB` : ''})`).join('; ')}.`);
    console.log('(extra) rows are context outside the target. Plans: the JSON report, queries.results[].plans.');
  }

  if (bulk) {
    console.log(`\n${formatTable(['benchmark', 'rows', 'ours (s)', 'bare loop (s)', 'ratio', 'target', 'ok', 'bare + indexes (s)', 'vs indexed'],
      [['bulk insert', String(bulk.rows), s(bulk.oursSeconds), s(bulk.bareSeconds), `${bulk.ratio.toFixed(2)}x`, `<=${bulk.target}x`, bulk.ok ? 'yes' : 'NO',
        s(bulk.bareIndexedSeconds), `${(bulk.oursSeconds / bulk.bareIndexedSeconds).toFixed(2)}x`]])}`);
    console.log('ours = the ledger writer into transfers (constraints, foreign keys, four indexes rebuilt once); bare = a prepared insert loop into a');
    console.log('table of the same columns; bare + indexes = the same loop with the ledger\'s four transfer indexes in place.');
  }
  if (xbrl) {
    console.log(`\n${formatTable(['benchmark', 'MB', 'parse (ms)', 'tokenizer (ms)', 'ratio', 'targets', 'ok'],
      [['inline xbrl 10-K', (xbrl.bytes / 1e6).toFixed(1), xbrl.parseMs.toFixed(0), xbrl.tokenizerMs.toFixed(0), `${xbrl.ratio.toFixed(2)}x`, `<${XBRL_TARGET_MS} ms, <=${XBRL_TARGET_RATIO}x`,
        xbrl.parseMs < XBRL_TARGET_MS && xbrl.ratio <= XBRL_TARGET_RATIO ? 'yes' : 'NO']])}`);
    console.log('parse = our XBRL reader over a generated Inline XBRL 10-K (median of 5); tokenizer = htmlparser2 alone over the same bytes.');
  }

  if (rules) printRulesResult(rules);
  if (reportBench) printReportResult(reportBench);
  if (reads) console.log(`\nHeavy reads, ${reads.fixture.transfers.toLocaleString('en-US')} transfers among ${reads.fixture.entities.toLocaleString('en-US')} entities:\n${formatReads(reads)}`);
  if (flagBoard) console.log(`\nThe Flags board, ${flagBoard.flags.toLocaleString('en-US')} flags on ${flagBoard.transfers.toLocaleString('en-US')} transfers:\n${formatFlagBoard(flagBoard)}`);
  if (ui) console.log(`\nThe ledger grid in browser mode, ${ui.transfers.toLocaleString('en-US')} transfers, Chromium ${ui.chromium}, ${ui.viewport.width}x${ui.viewport.height}:\n${formatUiTable(ui)}`);

  const sqlite3Version = options.csv ? spawnSync(SQLITE3, ['--version'], { encoding: 'utf8' }).stdout.trim().split(' ')[0] : null;
  const mem = new Database(':memory:');
  const ourSqliteVersion = mem.prepare('SELECT sqlite_version()').pluck().get() as string;
  mem.close();
  const timestamp = new Date().toISOString();
  const report = {
    timestamp,
    machine: { platform: `${os.platform()} ${os.release()}`, cpu: os.cpus()[0]?.model ?? 'unknown', cpus: os.cpus().length, memGb: Math.round(os.totalmem() / 2 ** 30) },
    versions: { node: process.version, sqlite3Shell: sqlite3Version, betterSqlite3Sqlite: ourSqliteVersion },
    results,
    streaming,
    queries,
    bulkInsert: bulk,
    xbrlParse: xbrl,
    rules,
    report: reportBench,
    ui,
    reads,
    flagBoard,
  };
  const dir = path.join(projectRoot(), 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const json = JSON.stringify(report, null, 2) + '\n';
  fs.writeFileSync(path.join(dir, `${timestamp.replace(/[:.]/g, '-')}.json`), json);
  fs.writeFileSync(path.join(dir, 'latest.json'), json);
  console.log(`results: ${path.relative(process.cwd(), dir) || '.'}/latest.json`);
}

function printRulesResult(r: RulesBenchResult): void {
  const s = (x: number) => x.toFixed(2);
  console.log(`\n${formatTable(['benchmark', 'transfers', 'rules (s)', 'aggregate (s)', 'ratio', 'target', 'ok', 'candidates', 'flags'],
    [['rules full run', String(r.size.transfers), s(r.fullSeconds), r.aggregateSeconds.toFixed(3), `${r.ratio.toFixed(1)}x`, `<=${r.target}x`, r.ok ? 'yes' : 'NO', String(r.full.evaluated), String(r.full.created)],
      [`incremental (+${r.added})`, String(r.size.transfers + r.added), r.incrementalSeconds.toFixed(3), '', '', `<${RULES_INCREMENTAL_TARGET_S} s`, r.incrementalOk ? 'yes' : 'NO', String(r.incremental.evaluated), String(r.incremental.created)],
      ['unchanged re-run', String(r.size.transfers), r.rerunSeconds.toFixed(3), '', '', '', '', String(r.rerun.evaluated), String(r.rerun.created)],
      [`price band added (${r.band.mode})`, String(r.size.transfers + r.added), r.bandSeconds.toFixed(3), '', '', '', '', String(r.band.evaluated), String(r.band.created + r.band.updated + r.band.removed)],
      [`FX rate of a day added (${r.fx.mode})`, String(r.size.transfers + r.added), r.fxSeconds.toFixed(3), '', '', '', '', String(r.fx.evaluated), String(r.fx.created + r.fx.updated + r.fx.removed)]])}`);
  console.log(`${r.size.entities.toLocaleString('en-US')} entities, ${r.size.affiliations.toLocaleString('en-US')} affiliations in ${r.groups.toLocaleString('en-US')} ownership groups (chains up to ${r.maxDepth} deep), ${r.size.relatedShare * 100}% of transfers inside a group.`);
  console.log(`aggregate = SELECT count(*), sum(amount_minor) FROM transfers (warm, median of 3). full run = candidates in SQL, then every candidate evaluated with dates;`);
  console.log(`full run phases: select ${r.full.phasesMs.select} ms (candidates from all transfers, ${(r.full.phasesMs.select / 1000 / r.aggregateSeconds).toFixed(1)}x the aggregate), `
    + `evaluate ${r.full.phasesMs.evaluate} ms (${r.full.evaluated} related transfers), write ${r.full.phasesMs.write} ms (${r.full.created} flags; commit not included).`);
  console.log(`the price band and FX runs' flags column counts flags added, rewritten or removed.`);
  console.log(`incremental, price band and FX runs equal a forced full run afterwards: ${r.incrementalEqualsFull ? 'yes' : 'NO'} (${r.flags} flags).`);
  const f = r.floor;
  const x = (sec: number) => `${(sec / r.aggregateSeconds).toFixed(1)}x`;
  console.log(`floor, with no rule work: the candidate scan's shape with a trivial test ${(f.scanSeconds * 1000).toFixed(0)} ms (${x(f.scanSeconds)}); `
    + `storing the ${f.flags} flags and ${f.pathTexts} path texts (${f.storedMb.toFixed(1)} MB of text), rows ready, inserted and committed ${(f.storeSeconds * 1000).toFixed(0)} ms (${x(f.storeSeconds)}); `
    + `together ${r.floorRatio.toFixed(1)}x the aggregate${r.floorRatio > r.target ? `, over the ${r.target}x target before any rule is evaluated` : ''}.`);
}

function printCsvResults(results: Result[], s: (x: number) => string): void {
  console.log(formatTable(
    ['benchmark', 'rows', 'ours (s)', 'sqlite3 bare (s)', 'ratio', 'target', 'ok', 'sqlite3 indexed (s)', 'vs indexed', 'ours rows/s', 'peak RSS (MB)'],
    results.map((r) => [
      r.benchmark, String(r.rows), s(r.ours.seconds), s(r.sqlite3.seconds), `${r.ratio.toFixed(1)}x`, `<=${r.target}x`,
      r.ok ? 'yes' : 'NO', s(r.sqlite3Indexed.seconds), `${r.ratioIndexed.toFixed(1)}x`, String(r.ours.rowsPerSec), String(r.peakRssMb),
    ]),
  ));
  console.log('ours = read, check and convert every row, resolve entities, store the file with its SHA-256, write with constraints and');
  console.log('foreign keys, build the four transfer indexes, one transaction. sqlite3 bare = text into an unindexed table.');
  console.log('peak RSS is for the whole bench process (data generation and every size so far), not one import.');
}

function printStreamResults(results: StreamBenchResult[], s: (x: number) => string): void {
  console.log(`\n${formatTable(['benchmark', 'rows', 'MB', 'seconds', 'rows/s', 'progress events', 'peak RSS (MB)', 'target', 'ok'],
    results.map((r) => [r.benchmark, String(r.rows), (r.csvBytes / 1e6).toFixed(1), s(r.seconds), String(r.rowsPerSec), String(r.progressEvents), String(r.peakRssMb), `<${r.targetRssMb} MB`, r.ok ? 'yes' : 'NO']))}`);
  console.log('streaming = the file read in 1 MB chunks (SHA-256 pass included), stored as document parts, rows written as they come; run before');
  console.log('everything else in the process, so its peak RSS is its own.');
}

main().catch((err: unknown) => { console.error(err); process.exitCode = 1; });
