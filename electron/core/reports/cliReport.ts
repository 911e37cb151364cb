// The CLI's `report` command: scope from flags, the same data and HTML as the app, printed by
// Chromium through playwright-core, the run recorded like the app records it.
import fs from 'node:fs';
import type { LedgerSession } from '../session';
import { AppError } from '../errors';
import { findEntityByName } from '../ledger/read';
import type { ReportScopeInput } from '../../../shared/reportScope';
import { reportLanguages, reportRegimes } from '../../../shared/reportScope';
import { gatherForSession } from './reportChannels';
import { chromiumPrinter } from './nodePdf';
import { printReport } from './printReport';
import { recordReportRun } from './reportRuns';
import { reportToJson, tablesToXlsx } from './exports';

export interface ReportCliValues {
  out?: string; html?: string; title?: string; lang?: string; from?: string; to?: string; entity?: string[]; group?: boolean;
  regime?: string[]; confirmed?: boolean; currency?: string; author?: string; json?: string; xlsx?: string;
}

export const reportCliOptions = {
  lang: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, entity: { type: 'string', multiple: true }, group: { type: 'boolean' },
  regime: { type: 'string', multiple: true }, confirmed: { type: 'boolean' }, currency: { type: 'string' }, author: { type: 'string' },
  json: { type: 'string' }, xlsx: { type: 'string' },
} as const;

export const reportCliUsage = `  armslength report (--db FILE | --sample) --out FILE.pdf [--html FILE.html] [--json FILE] [--xlsx FILE]
        [--title TEXT] [--author NAME] [--lang ${reportLanguages.join('|')}] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
        [--entity NAME_OR_ID]... [--group] [--regime ${reportRegimes.join('|')}]... [--confirmed] [--currency EUR]`;

export function scopeFromCli(session: LedgerSession, v: ReportCliValues): ReportScopeInput {
  const entityIds = (v.entity ?? []).map((e) => {
    const id = /^\d+$/.test(e) ? Number(e) : findEntityByName(session.db, e);
    if (id === undefined) throw new AppError('invalid_input', `--entity: no entity named "${e}" in ${session.file}`);
    return id;
  });
  if (v.lang !== undefined && !(reportLanguages as readonly string[]).includes(v.lang)) throw new AppError('invalid_input', `--lang: "${v.lang}" is not one of ${reportLanguages.join(', ')}`);
  return {
    entityIds, includeGroup: v.group ?? false, from: v.from ?? null, to: v.to ?? null,
    regimes: (v.regime ?? []) as ReportScopeInput['regimes'], flags: v.confirmed ? 'confirmed' : 'all',
    currency: v.currency ?? null, language: (v.lang ?? 'en') as ReportScopeInput['language'], title: v.title ?? null, author: v.author ?? null,
  };
}

export async function runReportCommand(session: LedgerSession, v: ReportCliValues, appVersion: string): Promise<string> {
  if (!v.out) throw new AppError('invalid_input', 'report needs --out FILE.pdf');
  const data = gatherForSession(session, appVersion, scopeFromCli(session, v));
  const printer = await chromiumPrinter();
  const printed = await printReport(data, (html, opts) => printer.print(html, opts)).finally(() => printer.close());
  fs.writeFileSync(v.out, printed.pdf);
  if (v.html) fs.writeFileSync(v.html, printed.html);
  if (v.json) fs.writeFileSync(v.json, reportToJson(data));
  if (v.xlsx) fs.writeFileSync(v.xlsx, await tablesToXlsx(data));
  recordReportRun(session.db, data, { format: 'pdf', pages: printed.pages });
  return `Wrote ${v.out} (${printed.pages} pages, ${printed.pdf.length.toLocaleString('en-US')} bytes; ${data.summary.flagCount} flags, ${data.summary.transferCount} transfers) from ledger ${session.file}; state ${data.stateHash}`;
}
