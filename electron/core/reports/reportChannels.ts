// The report channels (report:pdf, report:html, report:export), kept here so handlers.ts only
// wires them in. Printing is the platform's (Electron's printToPDF or Chromium via playwright-core).
import type { Handlers } from '../dispatch';
import type { LedgerSession } from '../session';
import type { ReportLanguage, ReportScopeInput } from '../../../shared/reportScope';
import { AppError } from '../errors';
import { gatherReportData, type ReportData } from './reportData';
import { renderReportHtml } from './html';
import { printReport, type PdfPrinter } from './printReport';
import { recordReportRun } from './reportRuns';
import { reportToJson, tableToCsv, tablesToXlsx } from './exports';

export interface ReportPlatform {
  appVersion: string;
  printPdf: PdfPrinter;
  printDialog?: (html: string, opts: { language: ReportLanguage }) => Promise<boolean>;
  /** Told after a run was recorded (the audit log grew). */
  recorded?: () => void;
}

/** File names from the ledger name and the day: letters, digits, space, dot, dash only. */
export function reportFileName(ledgerName: string, generatedAt: string, ext: string, part?: string): string {
  const safe = ledgerName.replace(/[^\p{L}\p{N} ._-]+/gu, '_');
  return `${safe} audit ${generatedAt.slice(0, 10)}${part ? ` ${part}` : ''}.${ext}`;
}

export function gatherForSession(session: LedgerSession, appVersion: string, scope: ReportScopeInput | undefined): ReportData {
  return gatherReportData(session.db, { scope, ledgerName: session.info().name, appVersion });
}

type ReportHandlers = Pick<Handlers, 'report:pdf' | 'report:html' | 'report:export' | 'report:print'>;

export function reportHandlers(session: LedgerSession, platform: ReportPlatform): ReportHandlers {
  return {
    'report:pdf': async ({ title, scope }) => {
      const data = gatherForSession(session, platform.appVersion, { ...scope, title: scope?.title ?? title ?? null });
      const printed = await printReport(data, platform.printPdf);
      recordReportRun(session.db, data, { format: 'pdf', pages: printed.pages });
      platform.recorded?.();
      return { fileName: reportFileName(data.ledgerName, data.generatedAt, 'pdf'), pdfBase64: printed.pdf.toString('base64'), pages: printed.pages };
    },
    'report:print': async ({ scope }) => {
      if (!platform.printDialog) throw new AppError('invalid_input', 'This window has no system print dialog; print the preview from the browser (Print button) instead.');
      const data = gatherForSession(session, platform.appVersion, scope);
      const printed = await platform.printDialog(renderReportHtml(data), { language: data.scope.language });
      if (printed) { recordReportRun(session.db, data, { format: 'print', pages: null }); platform.recorded?.(); }
      return { printed };
    },
    'report:html': ({ scope }) => {
      const data = gatherForSession(session, platform.appVersion, scope);
      return {
        html: renderReportHtml(data), title: data.title, stateHash: data.stateHash,
        flags: data.summary.flagCount, transfers: data.summary.transferCount, language: data.scope.language,
      };
    },
    'report:export': async ({ scope, format, table }) => {
      const data = gatherForSession(session, platform.appVersion, scope);
      if (format === 'json') {
        return { fileName: reportFileName(data.ledgerName, data.generatedAt, 'json'), mimeType: 'application/json', contentBase64: Buffer.from(reportToJson(data)).toString('base64') };
      }
      if (format === 'csv') {
        const name = table ?? 'transfers';
        return { fileName: reportFileName(data.ledgerName, data.generatedAt, 'csv', name), mimeType: 'text/csv', contentBase64: Buffer.from(tableToCsv(data, name)).toString('base64') };
      }
      const xlsx = await tablesToXlsx(data, table ? [table] : undefined);
      return {
        fileName: reportFileName(data.ledgerName, data.generatedAt, 'xlsx', table), contentBase64: xlsx.toString('base64'),
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      };
    },
  };
}
