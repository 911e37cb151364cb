// The contract's implementation. Platform services (printing, events, the app version) are
// passed in, so the same handlers serve Electron IPC, the browser-mode bridge and the CLI.
import type { Handlers } from './dispatch';
import type { LedgerSession } from './session';
import type { EventName, EventPayload } from '../../shared/contract';
import { getTransfer, pageTransfers, evidenceForTransfer, flaggedTransfers, stripKey } from './ledger/read';
import { valueTransfer } from './valuation/priceBand';
import { flagsForTransfer, listFlags, reviewFlag, runRules } from './conflicts/flags';
import { gatherReportData } from './reports/reportData';
import { renderReportHtml } from './reports/html';
import { countPdfPages } from './reports/pdfInfo';
import { createAffiliation, createEntity, createPriceBand, createTransfer, deleteTransfer, mergeEntities, updateTransfer } from './ledger/edits';
import { importEcbRates } from './valuation/fx';
import { acceptCandidate, listCandidates, rejectCandidate } from './ledger/candidates';
import { importDocument, previewDocument } from './importers/documentImport';
import { exportFtm } from './importers/ftm';
import { listImports, undoImport } from './ledger/imports';
import { auditEntries, verifyAuditLog } from './ledger/auditLog';
import { transfersAsOf } from './ledger/asOf';
import { readSettings, writeSettings } from './ledger/settings';
import { AppError } from './errors';

export interface Platform {
  appVersion: string;
  printPdf(html: string): Promise<Buffer>;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export function buildReportHtml(session: LedgerSession, appVersion: string, title?: string): string {
  return renderReportHtml(gatherReportData(session.db, { title, ledgerName: session.info().name, appVersion }));
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
  return {
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
    'flags:run': () => { const r = runRules(session.db); changed('flags'); return r; },
    'flag:review': ({ id, status, reason }) => { const f = reviewFlag(session.db, id, status, reason); changed('flags'); return f; },
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
    'document:import': ({ fileName, contentBase64, decisions, importValidPart }) => {
      const r = afterEdit(importDocument(session.db, fileName, Buffer.from(contentBase64, 'base64'), { decisions, importValidPart }), 'import');
      return r.kind === 'transfers'
        ? { format: r.format, batchId: r.batchId, transfers: r.transfers, disclosures: 0, candidates: 0, entitiesNew: r.newEntities, problemsLeftOut: 0 }
        : { format: r.format, batchId: r.batchId, transfers: r.transfers, disclosures: r.disclosures, candidates: r.candidates, entitiesNew: r.entitiesNew, problemsLeftOut: r.problemsLeftOut };
    },
    'settings:get': () => readSettings(session.db),
    'settings:set': (patch) => afterEdit(writeSettings(session.db, patch), 'settings'),
    // Filled in by the related-party regimes (conflicts/relatedParties.ts).
    'entity:relatedParties': () => { throw new AppError('internal', 'Related parties by regime are not built yet.'); },
    'export:ftm': () => ({ fileName: `${session.info().name}.ftm.jsonl`, content: exportFtm(session.db) }),
    'candidates:list': ({ status }) => listCandidates(session.db, status),
    'candidate:accept': ({ id, ...choices }) => afterEdit({ id: acceptCandidate(session.db, id, choices) }),
    'candidate:reject': ({ id, reason }) => { rejectCandidate(session.db, id, reason); changed('edit'); return ok; },
    'priceBand:create': (input) => afterEdit({ id: createPriceBand(session.db, input) }),
    'fx:import': ({ fileName, content, source }) => afterEdit(importEcbRates(session.db, fileName, content, source)),
    'ledger:asOf': ({ at, limit }) => {
      const all = transfersAsOf(session.db, at);
      return { at, total: all.length, transfers: all.slice(0, limit) };
    },
    'report:pdf': async ({ title }) => {
      const pdf = await platform.printPdf(buildReportHtml(session, platform.appVersion, title));
      const stamp = new Date().toISOString().slice(0, 10);
      return { fileName: `${session.info().name} audit ${stamp}.pdf`, pdfBase64: pdf.toString('base64'), pages: countPdfPages(pdf) };
    },
  };
}
