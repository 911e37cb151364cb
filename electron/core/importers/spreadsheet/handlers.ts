// The spreadsheet channels, spread into electron/core/handlers.ts. An import runs as a job: its
// progress goes out as import:progress events (at most every 100 ms), import:cancel stops it, and
// only one runs at a time because its transaction spans the awaits between chunks.
import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../dispatch';
import type { Db } from '../../db/open';
import type { EventName, EventPayload } from '../../../../shared/contract';
import { AppError } from '../../errors';
import { importSpreadsheet, previewSpreadsheet, spreadsheetFormatOf } from './spreadsheetImport';
import { bufferSource, importCsvStream } from './streamImport';
import { deletePreset, listPresets } from './presets';

type SpreadsheetChannels = 'spreadsheet:preview' | 'spreadsheet:import' | 'import:cancel' | 'importPresets:list' | 'importPresets:delete';

export interface SpreadsheetHandlerDeps {
  db: () => Db;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Re-run the rules and tell the windows (handlers.ts afterEdit). */
  afterEdit<T>(value: T, reason?: string): T;
}

const PROGRESS_EVERY_MS = 100;

export function spreadsheetHandlers(deps: SpreadsheetHandlerDeps): Pick<Handlers, SpreadsheetChannels> {
  const jobs = new Map<string, AbortController>();
  return {
    'spreadsheet:preview': ({ fileName, contentBase64, mapping, options, partyDecisions }) =>
      previewSpreadsheet(deps.db(), fileName, Buffer.from(contentBase64, 'base64'), { mapping, options, partyDecisions }),
    'spreadsheet:import': async ({ fileName, contentBase64, mapping, options, importValidPart, savePresetAs, jobId, partyDecisions }) => {
      if (jobs.size > 0) throw new AppError('ledger_refused', 'Another import is running; wait for it or cancel it first.');
      const id = jobId ?? randomUUID();
      const abort = new AbortController();
      jobs.set(id, abort);
      try {
        const db = deps.db();
        const bytes = Buffer.from(contentBase64, 'base64');
        // Parties that may already be in the ledger must each have a decision, or the import is refused.
        const input = { mapping, options, importValidPart, savePresetAs, partyDecisions };
        let last = 0;
        const onProgress = (p: { rows: number; bytes: number; totalBytes: number }) => {
          const now = Date.now();
          if (now - last < PROGRESS_EVERY_MS && p.bytes < p.totalBytes) return;
          last = now;
          deps.emit('import:progress', { jobId: id, ...p });
        };
        const format = spreadsheetFormatOf(bytes, fileName);
        if (format === 'xlsx') {
          const r = await importSpreadsheet(db, fileName, bytes, input);
          onProgress({ rows: r.transfers, bytes: bytes.length, totalBytes: bytes.length });
          return deps.afterEdit({ format: r.format, batchId: r.batchId, transfers: r.transfers, newEntities: r.newEntities, problemsLeftOut: r.problemsLeftOut, validPartOnly: r.validPartOnly, duplicatesSkipped: r.duplicatesSkipped }, 'import');
        }
        const r = await importCsvStream(db, bufferSource(fileName, bytes), { ...input, onProgress, signal: abort.signal });
        return deps.afterEdit({ format: 'csv' as const, batchId: r.batchId, transfers: r.transfers, newEntities: r.newEntities, problemsLeftOut: r.problemsLeftOut, validPartOnly: r.validPartOnly, duplicatesSkipped: r.duplicatesSkipped }, 'import');
      } finally {
        jobs.delete(id);
      }
    },
    'import:cancel': ({ jobId }) => {
      const job = jobs.get(jobId);
      job?.abort();
      return { cancelled: job !== undefined };
    },
    'importPresets:list': () => listPresets(deps.db()),
    'importPresets:delete': ({ id }) => { deletePreset(deps.db(), id); return { ok: true as const }; },
  };
}
