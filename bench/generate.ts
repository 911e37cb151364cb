// Deterministic test data for the import benchmark: a CSV of transfers between ~2,000
// companies, written in chunks so a million rows never sit in memory as one string.
import fs from 'node:fs';
import { normalizeName } from '../electron/core/ledger/names';
import type { Db } from '../electron/core/db/open';

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

// ---- Rules benchmark: a ledger of firms in ownership groups (chains up to 10 deep), people in
// roles across them, and transfers mostly between unrelated firms. Seeded: same sizes and seed,
// same ledger.

export interface GroupLedgerSize { transfers: number; entities: number; affiliations: number; relatedShare: number }

export interface GroupLedgerSink {
  entity(id: number, kind: 'person' | 'company', name: string): void;
  affiliation(subject: number, object: number, kind: 'ownership' | 'control' | 'role' | 'family', role: string | null, votingPct: number | null, validFrom: string | null, validTo: string | null): void;
  transfer(from: number, to: number, intendedFor: number | null, type: string, resource: string, resourceKey: string | null, quantity: number | null, unit: string | null,
    amountMinor: number | null, currency: string | null, date: string, status: string): void;
  figure(entity: number, figure: 'totalAssets' | 'revenue', periodEnd: string, amountMinor: number, currency: string): void;
}

/** A sink that writes a generated group ledger into a ledger's tables (the bench, and tests that need a sizeable group ledger). */
export function groupLedgerSqlSink(db: Db, recordedAt = '2026-01-01T00:00:00.000Z'): GroupLedgerSink {
  const st = {
    entity: db.prepare(`INSERT INTO entities (id, kind, name, norm_name, recorded_at) VALUES (?, ?, ?, ?, ?)`),
    affiliation: db.prepare(`INSERT INTO affiliations (subject_id, object_id, kind, role, voting_pct, equity_pct, valid_from, valid_to, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    transfer: db.prepare(`INSERT INTO transfers (from_id, to_id, intended_for_id, resource_type, resource, resource_key, quantity, unit, amount_minor, currency, occurred_on, status, recorded_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    figure: db.prepare(`INSERT INTO issuer_figures (entity_id, figure, period_end, amount_minor, currency, concept) VALUES (?, ?, ?, ?, ?, 'generated')`),
  };
  return {
    entity: (id, kind, name) => st.entity.run(id, kind, name, name.toLowerCase(), recordedAt),
    affiliation: (s, o, kind, role, votes, from, to) => st.affiliation.run(s, o, kind, role, votes, votes, from, to, recordedAt),
    transfer: (f, t, i, type, res, key, q, unit, amt, cur, date, status) => st.transfer.run(f, t, i, type, res, key, q, unit, amt, cur, date, status, recordedAt),
    figure: (e, f, end, amt, cur) => st.figure.run(e, f, end, amt, cur),
  };
}

const isoOf = (d: number) => new Date((Date.UTC(2020, 0, 1) / 86_400_000 + d) * 86_400_000).toISOString().slice(0, 10);

/**
 * Persons are the first fifth of the ids, companies the rest. Companies fall into groups of 3-20
 * under one person; inside a group each firm has a majority parent (some groups are a single
 * chain of 10), the group's people are CEOs and directors, and a share of the transfers
 * (`relatedShare`) runs inside a group. The rest are minority stakes, outside directors, family
 * ties and transfers between random firms.
 */
export function generateGroupLedger(size: GroupLedgerSize, sink: GroupLedgerSink, seed = 20231201): { groups: number; maxDepth: number; affiliations: number } {
  const rand = prng(seed);
  const persons = Math.round(size.entities / 5);
  const firstCompany = persons + 1;
  for (let id = 1; id <= size.entities; id++) sink.entity(id, id <= persons ? 'person' : 'company', id <= persons ? `Person ${id}` : `Company ${id}`);
  const groupOf = new Int32Array(size.entities + 1).fill(-1);
  const groups: number[][] = [];
  const pools: number[][] = [];
  let affiliations = 0;
  let maxDepth = 0;
  const aff: GroupLedgerSink['affiliation'] = (...args) => { sink.affiliation(...args); affiliations++; };
  for (let c = firstCompany; c <= size.entities;) {
    const n = Math.min(int(rand, 3, 20), size.entities - c + 1);
    const chain = rand() < 0.1; // a straight chain: the deepest look-through
    const g = groups.length;
    const members: number[] = [];
    const depth: number[] = [];
    const root = int(rand, 1, persons);
    const pool = [root, int(rand, 1, persons), int(rand, 1, persons)];
    for (let i = 0; i < n; i++, c++) {
      members.push(c);
      groupOf[c] = g;
      if (i === 0) { aff(root, c, 'ownership', null, int(rand, 51, 100), null, null); depth.push(1); continue; }
      // Parent: the previous firm in a chain, else any earlier firm less than 10 deep.
      let p = chain ? i - 1 : int(rand, 0, i - 1);
      while (depth[p]! >= 10) p = int(rand, 0, i - 1);
      depth.push(depth[p]! + 1);
      maxDepth = Math.max(maxDepth, depth[i]!);
      aff(members[p]!, c, rand() < 0.1 ? 'control' : 'ownership', null, int(rand, 51, 100), null, null);
    }
    maxDepth = Math.max(maxDepth, ...depth);
    for (const m of members) {
      // Some roles ended: a person who left is not related on later dates.
      const ended = rand() < 0.2 ? isoOf(int(rand, 400, 1800)) : null;
      aff(rand() < 0.8 ? pick(rand, pool) : int(rand, 1, persons), m, 'role', 'CEO', null, null, ended);
    }
    groups.push(members);
    pools.push(pool);
  }
  const companies = size.entities - persons;
  // The rest of the affiliation budget: directors (60%), minority stakes (30%), family ties (10%).
  const rest = Math.max(0, size.affiliations - affiliations);
  const company = () => int(rand, firstCompany, size.entities);
  for (let i = 0; i < rest; i++) {
    const r = rand();
    if (r < 0.6) {
      const c = company();
      aff(rand() < 0.7 ? pick(rand, pools[groupOf[c]!]!) : int(rand, 1, persons), c, 'role', rand() < 0.5 ? 'director' : 'Chief Financial Officer', null, isoOf(int(rand, 0, 300)), null);
    } else if (r < 0.9) {
      const c = company();
      let h = rand() < 0.5 ? int(rand, 1, persons) : company();
      if (h === c) h = 1;
      aff(h, c, 'ownership', null, int(rand, 1, 30), null, null);
    } else {
      const a = int(rand, 1, persons);
      let b = int(rand, 1, persons);
      if (b === a) b = a === 1 ? 2 : 1;
      aff(a, b, 'family', pick(rand, ['spouse', 'child', 'sibling', 'parent']), null, null, null);
    }
  }
  const statuses = ['executed', 'executed', 'executed', 'executed', 'executed', 'executed', 'executed', 'executed', 'proposed', 'reversed'];
  for (let i = 0; i < size.transfers; i++) {
    let from: number;
    let to: number;
    if (rand() < size.relatedShare) {
      const g = groups[int(rand, 0, groups.length - 1)]!;
      from = pick(rand, g);
      to = pick(rand, g);
      if (to === from) to = g[(g.indexOf(from) + 1) % g.length]!;
    } else {
      from = company();
      to = firstCompany + ((from - firstCompany + int(rand, 1, companies - 1)) % companies);
    }
    const date = isoOf(int(rand, 0, 1825));
    const gpu = rand() < 0.05;
    const qty = gpu ? int(rand, 10, 5_000) : null;
    const amount = gpu ? qty! * int(rand, 20_000, 45_000) * 100 : int(rand, 10_000, 500_000_000) * 100;
    const redirected = rand() < 0.001;
    sink.transfer(from, to, redirected ? company() : null, gpu ? 'gpu' : 'cash', gpu ? 'Nvidia H100 GPU' : 'Intercompany payment', gpu ? 'nvidia-h100' : null,
      qty, gpu ? 'unit' : null, amount, rand() < 0.8 ? 'USD' : 'EUR', date, redirected ? 'redirected' : pick(rand, statuses));
  }
  // Total assets for one firm in a hundred, so the AktG test has figures to compare with.
  for (let c = firstCompany; c <= size.entities; c += 100) {
    for (const year of ['2021', '2022', '2023', '2024']) sink.figure(c, 'totalAssets', `${year}-12-31`, int(rand, 1_000_000, 5_000_000_000) * 100, 'USD');
  }
  return { groups: groups.length, maxDepth, affiliations };
}
