#!/usr/bin/env node
// armslength: the headless entry point over core. Import, flag and report without a window,
// or serve the UI in a browser (browser mode).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LedgerSession, SAMPLE_LEDGER_NAME, createSampleLedger } from './core/session';
import { importDocument, previewDocument } from './core/importers/documentImport';
import { importSpreadsheetFile } from './core/importers/spreadsheet/cliImport';
import { candidateList, parsePartyOptions } from './core/importers/spreadsheet/partyDecisions';
import { exportFtm } from './core/importers/ftm';
import { listFlags, runRules } from './core/conflicts/flags';
import { createHandlers } from './core/handlers';
import { printHtmlToPdf } from './core/reports/nodePdf';
import { reportCliOptions, reportCliUsage, runReportCommand } from './core/reports/cliReport';
import { startBridge, type Bridge } from './core/bridge/server';
import { AppError } from './core/errors';
import { ledgersDirIn, userDataDir } from './core/appPaths';
import { appVersion } from './core/version';
import { formatMoney } from '../shared/money';
import { verifyAuditLog } from './core/ledger/auditLog';
import { listImports, undoImport } from './core/ledger/imports';
import { importEcbRates } from './core/valuation/fx';

const usage = `Arm's Length ${appVersion}: audit related-party transfers.

Usage:
${reportCliUsage}
  armslength import FILE --db FILE [--valid-part] [--party NAME=ID|new ...] [--new-entities] [--date-format iso|dmy|mdy] [--preset NAME] [--save-preset NAME]
                                                import a CSV ledger, SEC XBRL JSON or FollowTheMoney file
                                                (format from its content; all or nothing unless --valid-part;
                                                parties that may already be in the ledger under another name
                                                are refused with a list of candidates: --party says which
                                                entity one is, or new; --new-entities adds the rest as new)
  armslength export-ftm --db FILE --out FILE.jsonl   the ledger as FollowTheMoney entities
  armslength flag (--db FILE | --sample)        run the rules and list the flags
  armslength serve [--db FILE] [--port N]       browser mode: serve the app on 127.0.0.1
  armslength verify --db FILE                   recompute the audit log's hash chain
  armslength imports --db FILE                  list import batches
  armslength undo BATCH --db FILE [--reason T]  undo one import batch as a whole
  armslength fx RATES.csv --db FILE [--source T] add FX rates from a file in the ECB layout (eurofxref-hist.csv)

--db FILE    the ledger file (created if missing). Without it, serve uses the app's own
             ledgers folder (${ledgersDirIn(userDataDir())}).
--sample     a fresh copy of the built-in sample ledger in a temporary folder.`;

function sessionFor(values: { db?: string; sample?: boolean }, required: boolean): LedgerSession {
  if (values.sample) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'armslength-sample-'));
    const file = path.join(dir, `${SAMPLE_LEDGER_NAME}.armslength`);
    createSampleLedger(file).close();
    return new LedgerSession(dir, file);
  }
  if (values.db) {
    const file = path.resolve(values.db);
    return new LedgerSession(path.dirname(file), file);
  }
  if (required) throw new AppError('invalid_input', 'Say which ledger: --db FILE or --sample.');
  return new LedgerSession(ledgersDirIn(userDataDir()));
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' }, sample: { type: 'boolean' }, out: { type: 'string' }, html: { type: 'string' },
      title: { type: 'string' }, port: { type: 'string' }, reason: { type: 'string' }, source: { type: 'string' },
      'valid-part': { type: 'boolean' }, 'new-entities': { type: 'boolean' }, party: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' },
      'date-format': { type: 'string' }, preset: { type: 'string' }, 'save-preset': { type: 'string' },
      ...reportCliOptions,
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(usage);
    return command || values.help ? 0 : 2;
  }

  switch (command) {
    case 'import': {
      const file = rest[0];
      if (!file) throw new AppError('invalid_input', 'import needs a file: armslength import FILE --db LEDGER');
      if (!values.db) throw new AppError('invalid_input', 'import needs --db LEDGER (the ledger to import into)');
      const parties = parsePartyOptions(values.party);
      const session = sessionFor(values, true);
      // CSV/TSV is streamed from disk (progress on stderr, Ctrl-C cancels); XLSX read whole; other formats below.
      const sheet = await importSpreadsheetFile(session.db, file, { validPart: values['valid-part'], dateFormat: values['date-format'], preset: values.preset, savePreset: values['save-preset'], newEntities: values['new-entities'], partyDecisions: parties });
      if (sheet !== null) {
        console.log(`${sheet}; ${runRules(session.db).total} flags in the ledger.`);
        session.close();
        return 0;
      }
      const bytes = fs.readFileSync(file);
      const name = path.basename(file);
      // Parties the ledger may already hold under another name are asked about: --party answers
      // one by its name, --new-entities answers "new" for the rest.
      const preview = await previewDocument(session.db, name, bytes);
      const asked = preview.entities.filter((e) => e.match.status === 'uncertain');
      const unknown = Object.keys(parties).filter((p) => !asked.some((e) => e.name === p));
      if (unknown.length > 0) {
        throw new AppError('invalid_input', `--party: ${name} does not ask about ${unknown.map((p) => `"${p}"`).join(', ')}; `
          + (asked.length > 0 ? `it asks about ${asked.map((e) => `"${e.name}"`).join(', ')}` : 'it asks about no party'));
      }
      const decisions = Object.fromEntries(asked.flatMap((e) => {
        const decided = parties[e.name] ?? (values['new-entities'] ? 'new' as const : undefined);
        return decided === undefined ? [] : [[e.key, decided] as const];
      }));
      const undecided = asked.filter((e) => decisions[e.key] === undefined);
      if (undecided.length > 0) {
        const list = undecided.map((e) => `  ${e.name}: ${e.match.status === 'uncertain' ? candidateList(e.match.candidates) : ''}`);
        throw new AppError('invalid_input', `${name}: these parties may already be in the ledger; decide with --party "NAME=ENTITY_ID" (or NAME=new) for each, in the app, or pass --new-entities to add them all as new:`, list);
      }
      const r = await importDocument(session.db, name, bytes, { decisions, importValidPart: values['valid-part'] });
      const flags = runRules(session.db);
      if (r.kind === 'transfers') console.log(`Imported ${r.transfers} transfers from ${file} (batch ${r.batchId}, ${r.newEntities} new entities); ${flags.total} flags in the ledger.`);
      else console.log(`Imported ${file} as ${r.format} (batch ${r.batchId}): ${r.transfers} transfers, ${r.disclosures} disclosures, ${r.figures} figures, ${r.candidates} proposed transfers for review, ${r.entitiesNew} new entities${r.problemsLeftOut ? `; left out ${r.problemsLeftOut} problems` : ''}; ${flags.total} flags in the ledger.`);
      session.close();
      return 0;
    }
    case 'export-ftm': {
      if (!values.out) throw new AppError('invalid_input', 'export-ftm needs --out FILE.jsonl');
      const session = sessionFor(values, true);
      const text = exportFtm(session.db);
      fs.writeFileSync(values.out, text);
      console.log(`Wrote ${text.split('\n').filter(Boolean).length} FollowTheMoney entities to ${values.out}`);
      session.close();
      return 0;
    }
    case 'flag': {
      const session = sessionFor(values, true);
      const r = runRules(session.db);
      console.log(`${r.total} flags (${r.created} new, ${r.updated} updated, ${r.removed} removed)`);
      for (const f of listFlags(session.db)) {
        const amount = f.atStakeMinor !== null && f.atStakeCurrency ? formatMoney(f.atStakeMinor, f.atStakeCurrency) : 'amount unknown';
        console.log(`- [${f.severity}] transfer #${f.transferId}, ${amount}: ${f.title}\n    ${f.summary}`);
      }
      session.close();
      return 0;
    }
    case 'report': {
      if (!values.out) throw new AppError('invalid_input', 'report needs --out FILE.pdf');
      const session = sessionFor(values, true);
      runRules(session.db);
      console.log(await runReportCommand(session, values, appVersion));
      session.close();
      return 0;
    }
    case 'verify': {
      const session = sessionFor(values, true);
      const r = verifyAuditLog(session.db);
      session.close();
      if (r.ok) {
        console.log(`Audit log intact: ${r.entries} entries; head ${r.head ?? '(empty)'}`);
        return 0;
      }
      console.error(`Audit log broken at entry ${r.firstBad}: ${r.problem}`);
      return 1;
    }
    case 'imports': {
      const session = sessionFor(values, true);
      const batches = listImports(session.db);
      if (batches.length === 0) console.log('No imports in this ledger.');
      for (const b of batches) {
        console.log(`batch ${b.id}  ${b.importedAt}  ${b.fileName}  ${b.rows} rows, ${b.newEntities} new entities  sha256 ${b.sha256 ?? '-'}${b.undoneAt ? `  UNDONE ${b.undoneAt}` : ''}`);
      }
      session.close();
      return 0;
    }
    case 'undo': {
      const batch = Number(rest[0]);
      if (!Number.isInteger(batch) || batch < 1) throw new AppError('invalid_input', 'undo needs a batch number: armslength undo BATCH --db LEDGER (see armslength imports)');
      const session = sessionFor(values, true);
      const r = undoImport(session.db, batch, values.reason ?? '');
      runRules(session.db);
      console.log(`Undid batch ${batch}: removed ${r.transfers} transfers, ${r.entities} entities, ${r.disclosures} disclosures.`);
      session.close();
      return 0;
    }
    case 'fx': {
      const file = rest[0];
      if (!file) throw new AppError('invalid_input', 'fx needs a rates file in the ECB layout: armslength fx eurofxref-hist.csv --db LEDGER');
      const session = sessionFor(values, true);
      const r = importEcbRates(session.db, path.basename(file), fs.readFileSync(file, 'utf8'), values.source ?? `ECB rates from ${path.basename(file)}`);
      console.log(`Added ${r.added} FX rates (${r.skipped} already in the ledger).`);
      session.close();
      return 0;
    }
    case 'serve': {
      const session = sessionFor(values, false);
      const rendererDir = path.join(__dirname, '../renderer');
      if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new AppError('internal', `The UI is not built (${rendererDir}); run npm run build.`);
      let bridge: Bridge | null = null;
      const handlers = createHandlers(session, { appVersion, printPdf: printHtmlToPdf, emit: (e, p) => bridge?.emit(e, p) });
      bridge = await startBridge(() => handlers, { rendererDir, port: values.port ? Number(values.port) : undefined, token: process.env.ARMSLENGTH_TOKEN });
      console.log(`Arm's Length (browser mode) on ${bridge.url}\nOpen: ${bridge.openUrl}\nLedger: ${session.file}`);
      const stop = () => { void bridge?.close().then(() => { session.close(); process.exit(0); }); };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      return new Promise<number>(() => undefined); // serve until stopped
    }
    default:
      console.error(`Unknown command "${command}".\n\n${usage}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof AppError) {
      console.error(`armslength: ${err.message}`);
      for (const d of err.details) console.error(`  ${d}`);
    } else {
      console.error('armslength: unexpected error:', err);
    }
    process.exit(1);
  },
);
