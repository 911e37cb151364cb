// The contract's implementation. Platform services (printing, events, the app version) are
// passed in, so the same handlers serve Electron IPC, the browser-mode bridge and the CLI.
import type { Handlers } from './dispatch';
import { guardDuringImport } from './importGuard';
import type { LedgerSession } from './session';
import type { EventName, EventPayload } from '../../shared/contract';
import { getTransfer, pageTransfers, evidenceForTransfer, flaggedTransfers, stripKey } from './ledger/read';
import { valueTransfer } from './valuation/priceBand';
import { flagsForTransfer, listFlags, reviewFlag, runRules } from './conflicts/flags';
import { flagWithTransfer, pageFlags } from './conflicts/flagBoard';
import { reportHandlers } from './reports/reportChannels';
import type { ReportLanguage } from '../../shared/reportScope';
import { createAffiliation, createEntity, createPriceBand, createTransfer, deleteTransfer, mergeEntities, updateTransfer } from './ledger/edits';
import { importEcbRates } from './valuation/fx';
import { fxCurrencies, listPriceBands } from './valuation/priceBook';
import { acceptCandidate, listCandidates, rejectCandidate } from './ledger/candidates';
import { importDocument, previewDocument } from './importers/documentImport';
import { spreadsheetHandlers } from './importers/spreadsheet/handlers';
import { rulesHandlers } from './conflicts/channels';
import { exportFtm } from './importers/ftm';
import { listImports, undoImport } from './ledger/imports';
import { auditEntries, verifyAuditLog } from './ledger/auditLog';
import { transfersAsOf } from './ledger/asOf';
import { readSettings, writeSettings } from './ledger/settings';
import { entityPage } from './ledger/entityPage';
import { listDocuments } from './ledger/documentView';
import { ReadClient } from './readWorker/client';

export interface Platform {
  appVersion: string;
  /** Print report HTML; the language picks the running header and footer (reports/printOptions.ts). */
  printPdf(html: string, opts?: { language?: ReportLanguage; draft?: boolean; label?: string; tagged?: boolean }): Promise<Buffer>;
  /** The system print dialog for report HTML (Electron only); false when the person cancels. */
  printDialog?(html: string, opts?: { language?: ReportLanguage }): Promise<boolean>;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** The built read worker (readWorker/client.ts); unset: found beside the main bundle; null: reads in-thread. */
  readWorkerPath?: string | null;
}

export function createHandlers(session: LedgerSession, platform: Platform): Handlers {
  const changed = (reason: string) => platform.emit('ledger:changed', { reason });
  /** After a change to the ledger's facts: flags follow the facts, and the windows are told. */
  const afterEdit = <T>(value: T, reason = 'edit'): T => {
    runRules(session.db);
    changed(reason);
    return value;
  };
  const ok = { ok: true as const };
  // Heavy reads (overview, flows, searches, graph, document text) run on worker threads.
  const reads = new ReadClient(session, { workerPath: platform.readWorkerPath });
  // A streamed import's transaction is the only one left open between calls (importGuard.ts).
  return guardDuringImport({
    'ledger:info': () => session.info(),
    'ledger:list': () => session.list(),
    'ledger:create': ({ name }) => { const info = session.create(name); changed('opened'); return info; },
    'ledger:switch': ({ name }) => { const info = session.switchTo(name); changed('opened'); return info; },
    'ledger:openSample': () => { const info = session.openSample(); changed('opened'); return info; },
    'transfers:page': (input) => pageTransfers(session.db, input),
    'transfer:get': ({ id }) => {
      const t = getTransfer(session.db, id);
      const value = valueTransfer(session.db, t);
      return { transfer: stripKey(t), valuation: value.valuation, valuationNote: value.note, flags: flagsForTransfer(session.db, id), evidence: evidenceForTransfer(session.db, id) };
    },
    'flags:list': () => {
      const transfers = flaggedTransfers(session.db);
      return listFlags(session.db).map((f) => ({ ...f, transfer: stripKey(transfers.get(f.transferId)!) }));
    },
    'flags:page': (input) => pageFlags(session.db, input),
    'flag:get': ({ id }) => flagWithTransfer(session.db, id),
    'flags:run': () => { const r = runRules(session.db); changed('flags'); return r; },
    'flag:review': ({ id, status, reason, by }) => { const f = reviewFlag(session.db, id, status, reason, by); changed('flags'); return f; },
    'entity:create': (input) => afterEdit({ id: createEntity(session.db, input) }),
    'affiliation:create': (input) => afterEdit({ id: createAffiliation(session.db, input) }),
    'transfer:create': (input) => afterEdit({ id: createTransfer(session.db, input) }),
    'transfer:update': ({ id, patch }) => { updateTransfer(session.db, id, patch); return afterEdit(ok); },
    'transfer:delete': ({ id, reason }) => { deleteTransfer(session.db, id, reason); return afterEdit(ok); },
    'entities:merge': ({ winnerId, loserId, reason }) => { mergeEntities(session.db, winnerId, loserId, reason); return afterEdit(ok); },
    'imports:list': () => listImports(session.db),
    'import:undo': ({ batchId, reason }) => afterEdit(undoImport(session.db, batchId, reason), 'import'),
    'audit:list': ({ limit, beforeSeq }) => auditEntries(session.db, { limit, beforeSeq }),
    'audit:verify': () => verifyAuditLog(session.db),
    'document:preview': ({ fileName, contentBase64 }) => previewDocument(session.db, fileName, Buffer.from(contentBase64, 'base64')),
    'document:import': async ({ fileName, contentBase64, decisions, importValidPart }) => {
      const r = afterEdit(await importDocument(session.db, fileName, Buffer.from(contentBase64, 'base64'), { decisions, importValidPart }), 'import');
      return r.kind === 'transfers'
        ? { format: r.format, batchId: r.batchId, transfers: r.transfers, disclosures: 0, candidates: 0, entitiesNew: r.newEntities, problemsLeftOut: r.problemsLeftOut }
        : { format: r.format, batchId: r.batchId, transfers: r.transfers, disclosures: r.disclosures, candidates: r.candidates, entitiesNew: r.entitiesNew, problemsLeftOut: r.problemsLeftOut };
    },
    ...spreadsheetHandlers({ db: () => session.db, emit: (e, p) => platform.emit(e, p), afterEdit }),
    'settings:get': () => readSettings(session.db),
    'settings:set': (patch) => afterEdit(writeSettings(session.db, patch), 'settings'),
    // Related parties by regime, look-through, rule profiles, valuation detail and sensitivity, unexplained disclosures.
    ...rulesHandlers({ db: () => session.db, afterEdit }),
    'search:global': ({ query, limit }) => reads.run('searchGlobal', { query, limit }),
    'overview:get': ({ granularity }) => reads.run('overview', { granularity }),
    'export:ftm': () => ({ fileName: `${session.info().name}.ftm.jsonl`, content: exportFtm(session.db) }),
    // Read-only views (ledger/entityPage, graph, flows, documentView).
    'entities:search': (input) => reads.run('entitySearch', input),
    'entity:get': ({ id }) => entityPage(session.db, id),
    'graph:neighbourhood': (input) => reads.run('graph', input),
    'flows:summary': (input) => reads.run('flows', input),
    'documents:list': (input) => listDocuments(session.db, input),
    'document:get': (input) => reads.run('document', input),
    'candidates:list': ({ status }) => listCandidates(session.db, status),
    'candidate:accept': ({ id, ...choices }) => afterEdit({ id: acceptCandidate(session.db, id, choices) }),
    'candidate:reject': ({ id, reason }) => { rejectCandidate(session.db, id, reason); changed('edit'); return ok; },
    'priceBand:create': (input) => afterEdit({ id: createPriceBand(session.db, input) }),
    'fx:import': ({ fileName, content, source }) => afterEdit(importEcbRates(session.db, fileName, content, source)),
    'priceBands:list': () => listPriceBands(session.db),
    'fx:currencies': () => fxCurrencies(session.db),
    'ledger:asOf': ({ at, limit }) => {
      const all = transfersAsOf(session.db, at);
      return { at, total: all.length, transfers: all.slice(0, limit) };
    },
    // report:pdf, report:html, report:export (reports/reportChannels.ts); a recorded run adds an audit entry.
    ...reportHandlers(session, {
      appVersion: platform.appVersion, printPdf: (html, opts) => platform.printPdf(html, opts),
      printDialog: platform.printDialog && ((html, opts) => platform.printDialog!(html, opts)), recorded: () => changed('report'),
    }),
  }, () => session.db.inTransaction);
}
