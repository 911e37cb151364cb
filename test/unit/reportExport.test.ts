// The report's tables as CSV and XLSX and its data as JSON, read back the way a person would.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { gatherReportData } from '../../electron/core/reports/reportData';
import { guardCell, reportToJson, tableToCsv, tablesToXlsx } from '../../electron/core/reports/exports';
import { reportTables } from '../../shared/reportScope';
import { LedgerWriter } from '../../electron/core/ledger/write';
import { findEntityByName } from '../../electron/core/ledger/read';
import { tempSampleLedger } from './tempLedger';

const opts = { ledgerName: 'Sample', appVersion: '1.0.0', now: new Date('2026-03-01T12:00:00Z') };

describe('report exports', () => {
  it('writes RFC 4180 CSV, quoting commas, quotes and line breaks, and defusing formulas', () => {
    const { db } = tempSampleLedger();
    const w = new LedgerWriter(db);
    const evil = w.entity({ kind: 'company', name: '=HYPERLINK("http://x","click")' });
    const plus = w.entity({ kind: 'company', name: '+1 Holdings, "Ltd"' });
    w.transfer({ fromId: evil, toId: plus, resourceType: 'cash', resource: 'fee', date: '2024-02-02', amountMinor: 123456, currency: 'USD', description: 'line one\nline two' });
    const data = gatherReportData(db, opts);
    const csv = tableToCsv(data, 'transfers');
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.trimEnd(), { newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toContain('amount_USD');
    expect(rows).toHaveLength(data.transfers.length);
    const row = rows.find((r) => r[header!.indexOf('description')] === 'line one\nline two')!;
    expect(row[header!.indexOf('from')]).toBe(`'=HYPERLINK("http://x","click")`);
    expect(row[header!.indexOf('to')]).toBe(`'+1 Holdings, "Ltd"`);
    expect(row[header!.indexOf('amount')]).toBe('1234.56');
    expect(csv).toContain(`"'+1 Holdings, ""Ltd"""`);
    expect(guardCell('-5')).toBe(`'-5`);
    expect(guardCell(-5)).toBe(-5); // numbers stay numbers
    expect(guardCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
  });

  it('writes every table as a sheet of an XLSX workbook that reads back', async () => {
    const { db } = tempSampleLedger();
    const data = gatherReportData(db, opts);
    const buf = await tablesToXlsx(data);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual([...reportTables]);
    const flags = wb.getWorksheet('flags')!;
    expect(flags.rowCount).toBe(data.flagged.length + 1);
    const header = (flags.getRow(1).values as unknown[]).slice(1);
    const h100 = data.flagged.find((f) => f.transfer.resource === 'Nvidia H100 GPU')!;
    const rowOf = (n: number) => (flags.getRow(n).values as unknown[]).slice(1);
    const found = Array.from({ length: flags.rowCount - 1 }, (_, i) => rowOf(i + 2)).find((r) => r[0] === h100.flag.id)!;
    expect(found[header.indexOf('band_low')]).toBe('300000000.00');
    expect(found[header.indexOf('band_high')]).toBe('480000000.00');
    expect(found[header.indexOf('at_stake')]).toBe('500000000.00');
    const docs = wb.getWorksheet('documents')!;
    expect(docs.rowCount).toBe(data.documents.length + 1);
  });

  it('exports the whole report data as JSON that matches what the report shows', () => {
    const { db } = tempSampleLedger();
    const tesla = findEntityByName(db, 'Tesla, Inc.')!;
    const data = gatherReportData(db, { ...opts, scope: { entityIds: [tesla], language: 'de' } });
    const json = JSON.parse(reportToJson(data)) as Record<string, unknown> & typeof data;
    expect(json.format).toBe('armslength-report');
    expect(json.stateHash).toBe(data.stateHash);
    expect(json.scope.entityIds).toEqual([tesla]);
    expect(json.scope.language).toBe('de');
    expect(json.flagged).toHaveLength(data.flagged.length);
    expect(json.transfers.map((t) => t.id)).toEqual(data.transfers.map((t) => t.id));
    expect(json.auditHead?.hash).toBe(data.auditHead?.hash);
  });
});
