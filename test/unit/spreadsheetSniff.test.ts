// The sniffing step on its own: encoding, delimiter, number style, date formats, header mapping.
import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding } from '../../electron/core/importers/spreadsheet/encoding';
import { detectDelimiter } from '../../electron/core/importers/spreadsheet/delimiter';
import { detectNumberStyle, decimalSeparatorOf } from '../../electron/core/importers/decimalStyle';
import { parseDateAs, sniffDateColumn } from '../../electron/core/importers/spreadsheet/dateFormats';
import { mappingProblems, suggestMapping } from '../../electron/core/importers/csvColumns';
import { completeRecordsEnd, parsePiece } from '../../electron/core/importers/spreadsheet/csvPieces';
import { columnLetters } from '../../electron/core/importers/spreadsheet/sheetRow';
import type { SheetRow } from '../../electron/core/importers/spreadsheet/sheetRow';

describe('encoding', () => {
  it('reads a BOM, valid UTF-8, and falls back to Windows-1252 with the euro at 0x80', () => {
    expect(detectEncoding(Buffer.from('\ufeffdate;Betrag\n', 'utf8'))).toEqual({ encoding: 'utf-8-bom', bomLength: 3 });
    expect(detectEncoding(Buffer.from('Müller,1\n', 'utf8')).encoding).toBe('utf-8');
    const cp1252 = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x2c, 0x80, 0x31, 0x30]); // "Café,€10"
    const d = detectEncoding(cp1252);
    expect(d.encoding).toBe('windows-1252');
    expect(decodeText(cp1252, d)).toBe('Café,€10');
  });

  it('does not mistake a multi-byte character cut at the end of a sample for bad UTF-8', () => {
    const bytes = Buffer.from('name,Zürich', 'utf8');
    const cut = bytes.subarray(0, bytes.length - 5); // "Z" then the first byte of "ü"
    expect(detectEncoding(cut, true).encoding).toBe('utf-8');
    expect(detectEncoding(cut, false).encoding).toBe('windows-1252');
  });
});

describe('delimiter', () => {
  it('finds comma, semicolon, tab and pipe, ignoring candidates inside quotes', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n').delimiter).toBe(',');
    expect(detectDelimiter('Datum;Betrag;Text\n31.12.2024;"1,5";"a, b, c"\n01.01.2024;2,5;x\n').delimiter).toBe(';');
    expect(detectDelimiter('a\tb\tc\n1\t2,5\t3\n').delimiter).toBe('\t');
    expect(detectDelimiter('a|b|c\n"x,y,z,w"|2|3\n').delimiter).toBe('|');
  });

  it('counts a quoted cell with a line break as one record', () => {
    const r = detectDelimiter('a;b;c\n1;"two\nlines, here";3\n4;5;6\n');
    expect(r).toEqual({ delimiter: ';', consistent: true });
  });
});

describe('number style', () => {
  it('tells 1,234.56 from 1.234,56, 1 234,56 (no-break and narrow spaces) and 1\'234.56', () => {
    expect(detectNumberStyle(['1,000', '1,234.56'])).toMatchObject({ decimal: '.', thousands: ',', decided: true, example: '1,234.56' });
    expect(detectNumberStyle(['1.234,56'])).toMatchObject({ decimal: ',', thousands: '.' });
    expect(detectNumberStyle(['1\u202f234,56'])).toMatchObject({ decimal: ',', thousands: ' ' });
    expect(detectNumberStyle(['12\u00a0000,00'])).toMatchObject({ decimal: ',', thousands: ' ' });
    expect(detectNumberStyle(["1'234.56"])).toMatchObject({ decimal: '.', thousands: "'" });
  });

  it('says when nothing decided and lists values that contradict the style', () => {
    expect(detectNumberStyle(['1,000', '25'])).toMatchObject({ decided: false, decimal: '.' });
    expect(detectNumberStyle(['1.234,56', '99.95']).conflicts).toEqual(['99.95']);
    expect(decimalSeparatorOf('1 234,5')).toBe(',');
  });
});

describe('date formats', () => {
  it('parses ISO, 12/31/2024, 31.12.2024 and 31/12/2024', () => {
    expect(parseDateAs('2024-12-31', 'iso').date).toBe('2024-12-31');
    expect(parseDateAs('12/31/2024', 'mdy').date).toBe('2024-12-31');
    expect(parseDateAs('31.12.2024', 'dmy').date).toBe('2024-12-31');
    expect(parseDateAs('31/12/2024', 'dmy').date).toBe('2024-12-31');
    expect(() => parseDateAs('31/12/2024', 'mdy')).toThrow(/not a calendar date when read month first/);
  });

  it('reports a column whose days are all 12 or less as ambiguous, never picking one', () => {
    const amb = sniffDateColumn(['03/04/2024', '05/06/2024', '11/12/2024']);
    expect(amb.ambiguous).toBe(true);
    expect(amb.candidates.sort()).toEqual(['dmy', 'mdy']);
    const dmy = sniffDateColumn(['03/04/2024', '31/12/2024']);
    expect(dmy).toMatchObject({ ambiguous: false, candidates: ['dmy'], best: 'dmy' });
    const mdy = sniffDateColumn(['12/31/2024', '01/02/2024']);
    expect(mdy).toMatchObject({ ambiguous: false, candidates: ['mdy'] });
    expect(sniffDateColumn(['2024-01-31', '2024-02']).candidates).toEqual(['iso']);
  });
});

describe('header mapping', () => {
  it('suggests fields from English and German headers with a confidence', () => {
    const s = suggestMapping(['Datum', 'Zahler', 'Empfänger', 'Gegenstand', 'Menge', 'Betrag', 'Währung', 'Verwendungszweck', 'Kontonummer']);
    expect(s.map((x) => x.field)).toEqual(['date', 'from', 'to', 'resource', 'quantity', 'amount', 'currency', 'description', null]);
    expect(s[0]!.confidence).toBeGreaterThan(0.8);
    expect(s[8]!.confidence).toBe(0);
  });

  it('gives a field to one column only and marks a counterparty column as a low-confidence guess', () => {
    const s = suggestMapping(['date', 'payer', 'Gegenpartei', 'item', 'amount', 'value', 'ccy']);
    expect(s[2]).toMatchObject({ field: 'to', confidence: 0.4 });
    expect(s[4]!.field).toBe('amount');
    expect(s[5]).toMatchObject({ field: null });
    expect(s[5]!.why).toMatch(/"amount" already gives amount/);
  });

  it('names what a corrected mapping lacks or repeats', () => {
    const headers = ['a', 'b', 'c', 'd', 'e'];
    expect(mappingProblems(headers, ['date', 'from', 'to', 'resource', null])).toEqual([]);
    expect(mappingProblems(headers, ['date', 'from', 'from', 'resource', 'amount']).join('\n')).toMatch(/"b" and "c" both give from[\s\S]*no column gives "to"[\s\S]*needs a "currency"/);
  });
});

describe('CSV pieces', () => {
  it('cuts at the last complete record, keeping quoted newlines inside', () => {
    const text = 'a,b\n1,"x\ny"\n2,z';
    expect(text.slice(0, completeRecordsEnd(text))).toBe('a,b\n1,"x\ny"\n');
    expect(completeRecordsEnd('1,"open\nstill open')).toBe(0);
    const doubled = 'a,"say ""hi""\nthere"\nb,"x\n';
    expect(doubled.slice(0, completeRecordsEnd(doubled))).toBe('a,"say ""hi""\nthere"\n');
  });

  it('keeps line numbers and byte ranges across pieces, in UTF-8', () => {
    const rows: SheetRow[] = [];
    const cursor = { line: 1, byte: 0 };
    const first = 'h1,h2\nMüller,1\n';
    const second = '\n"two\nlines",2\n';
    parsePiece(first, ',', cursor, true, (r) => rows.push(r));
    parsePiece(second, ',', cursor, true, (r) => rows.push(r));
    const all = Buffer.from(first + second, 'utf8');
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(all.subarray(rows[1]!.start!, rows[1]!.end!).toString('utf8')).toBe('Müller,1');
    expect(all.subarray(rows[2]!.start!, rows[2]!.end!).toString('utf8')).toBe('"two\nlines",2');
  });

  it('names spreadsheet columns by letter', () => {
    expect([0, 2, 25, 26, 27, 701, 702].map(columnLetters)).toEqual(['A', 'C', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
