// Deterministic test data for the import benchmark: a CSV of transfers between ~2,000
// companies, written in chunks so a million rows never sit in memory as one string.
import fs from 'node:fs';
import { normalizeName } from '../electron/core/ledger/names';

export const csvHeader = ['date', 'from', 'to', 'resource', 'resource_type', 'quantity', 'unit', 'amount', 'currency', 'description', 'status'] as const;

/** mulberry32: small, fast and good enough to make the same file from the same seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (rand: Rand, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

const stems = [
  'Northwind', 'Bluepeak', 'Ironbridge', 'Silverline', 'Redwood', 'Oakmont', 'Harbor', 'Summit', 'Granite', 'Cedar',
  'Falcon', 'Meridian', 'Aurora', 'Keystone', 'Lakeside', 'Pinnacle', 'Horizon', 'Evergreen', 'Sterling', 'Atlas',
  'Vanguard', 'Crescent', 'Beacon', 'Cobalt', 'Orion', 'Sapphire', 'Highland', 'Riverside', 'Westgate', 'Eastbrook',
];
const trades = [
  'Trading', 'Logistics', 'Capital', 'Energy', 'Systems', 'Compute', 'Holdings', 'Partners', 'Labs', 'Resources',
  'Analytics', 'Shipping', 'Metals', 'Foods', 'Pharma', 'Robotics', 'Cloud', 'Data', 'Ventures', 'Industries',
];
const forms = ['Ltd', 'Inc.', 'GmbH', 'S.A.', 'LLC', 'B.V.', 'plc', 'AG', 'Pte. Ltd.', 'Holdings, Inc.'];
const regions = ['', '', '', 'Europe', 'Asia', 'Americas', 'Ireland', 'Cayman', 'Luxembourg', 'Singapore'];

/** `count` company names, distinct after the importer's name normalisation. */
export function companyNames(rand: Rand, count: number): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  while (names.length < count) {
    const region = pick(rand, regions);
    const name = [pick(rand, stems), pick(rand, trades), region, pick(rand, forms)].filter(Boolean).join(' ');
    const key = normalizeName(name);
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  return names;
}

interface Kind { type: string; resources: readonly string[]; unit: string; qty: [number, number] | null; cents: [number, number] }
const kinds: readonly Kind[] = [
  { type: 'cash', resources: ['Intercompany loan', 'Dividend', 'Capital contribution', 'Loan repayment'], unit: '', qty: null, cents: [100_000, 2_000_000_000] },
  { type: 'services', resources: ['Management services', 'Consulting services', 'IT support', 'Legal services'], unit: 'hours', qty: [1, 2_000], cents: [50_000, 50_000_000] },
  { type: 'goods', resources: ['Steel coil', 'Server racks', 'Network switches', 'Crude oil'], unit: 'pcs', qty: [1, 5_000], cents: [10_000, 100_000_000] },
  { type: 'gpu', resources: ['H100 GPU hours', 'A100 GPU hours', 'H200 GPU hours'], unit: 'gpu-hours', qty: [100, 200_000], cents: [100_000, 500_000_000] },
];
const statuses = ['executed', 'executed', 'executed', 'executed', 'executed', 'executed', 'executed', 'proposed', 'reversed', 'redirected'];
const memoWords = ['per agreement', 'as invoiced', 'year-end true-up', 'transfer pricing adjustment', 'cost sharing', 'under the master services agreement'];

const day0 = Date.UTC(2020, 0, 1) / 86_400_000;
const days = Date.UTC(2026, 0, 1) / 86_400_000 - day0; // 2020-01-01 .. 2025-12-31

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Write `rows` data rows (plus a header) to `file`; the same seed gives the same bytes. */
export function writeTransfersCsv(file: string, rows: number, seed = 20240601): { bytes: number } {
  const rand = prng(seed);
  const names = companyNames(rand, 2_000);
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  let chunk: string[] = [csvHeader.join(',')];
  const flush = () => {
    const text = chunk.join('\n') + '\n';
    bytes += fs.writeSync(fd, text);
    chunk = [];
  };
  try {
    for (let i = 0; i < rows; i++) {
      const from = int(rand, 0, names.length - 1);
      let to = int(rand, 0, names.length - 2);
      if (to >= from) to++; // never from == to
      const kind = pick(rand, kinds);
      const date = new Date((day0 + int(rand, 0, days - 1)) * 86_400_000).toISOString().slice(0, 10);
      const cents = int(rand, kind.cents[0], kind.cents[1]);
      const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
      const resource = pick(rand, kind.resources);
      const memo = `${resource}, ${pick(rand, memoWords)} (ref ${date.slice(0, 4)}-${int(rand, 1000, 99999)})`;
      chunk.push([
        date, csvCell(names[from]!), csvCell(names[to]!), resource, kind.type,
        kind.qty ? String(int(rand, kind.qty[0], kind.qty[1])) : '', kind.unit,
        amount, rand() < 0.6 ? 'USD' : 'EUR', csvCell(memo), pick(rand, statuses),
      ].join(','));
      if (chunk.length >= 10_000) flush();
    }
    flush();
  } finally {
    fs.closeSync(fd);
  }
  return { bytes };
}
