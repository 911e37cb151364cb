// The built-in sample: the group around Tesla, SpaceX, X, xAI and The Boring Company, with the
// December 2023 redirect of 12,000 Nvidia H100 GPUs. Facts come from press reports and filings as
// summarised in the project's domain notes; they are sample data to be verified, and each
// document says so. Documents we do not hold have no hash: the app never invents one.
import type { Db } from '../db/open';
import { LedgerWriter, type NewAffiliation, type NewEntity, type NewTransfer } from '../ledger/write';
import { parseIsoPartialDate } from '../../../shared/dates';
import { appendAudit } from '../ledger/auditLog';

const usd = (dollars: number) => Math.round(dollars * 100);

const entities = {
  musk: { kind: 'person', name: 'Elon Musk' },
  tesla: { kind: 'company', name: 'Tesla, Inc.', jurisdiction: 'US' },
  spacex: { kind: 'company', name: 'SpaceX', jurisdiction: 'US', note: 'Space Exploration Technologies Corp.' },
  x: { kind: 'company', name: 'X Corp.', jurisdiction: 'US', note: 'formerly Twitter; under xAI from 28 Mar 2025' },
  xai: { kind: 'company', name: 'xAI', jurisdiction: 'US', note: 'X.AI Corp.; under SpaceX from 2 Feb 2026' },
  boring: { kind: 'company', name: 'The Boring Company', jurisdiction: 'US' },
  neuralink: { kind: 'company', name: 'Neuralink', jurisdiction: 'US' },
  nvidia: { kind: 'company', name: 'Nvidia', jurisdiction: 'US', note: 'NVIDIA Corporation; supplier of the H100 GPUs' },
  trust: { kind: 'trust', name: 'Elon Musk trust (SpaceX holding)', note: 'the trust through which Musk holds SpaceX shares' },
} satisfies Record<string, NewEntity>;
type EntityKey = keyof typeof entities;

const aliases: Partial<Record<EntityKey, string[]>> = {
  tesla: ['Tesla', 'Tesla Motors'],
  spacex: ['Space Exploration Technologies Corp.'],
  x: ['X', 'Twitter', 'Twitter, Inc.', 'X Holdings'],
  xai: ['X.AI Corp.', 'X.AI'],
  nvidia: ['NVIDIA Corporation'],
};

// SEC company identifiers and tickers (public EDGAR facts).
const identifiers: Array<{ entity: EntityKey; scheme: 'cik' | 'ticker'; value: string }> = [
  { entity: 'tesla', scheme: 'cik', value: '0001318605' },
  { entity: 'tesla', scheme: 'ticker', value: 'TSLA' },
  { entity: 'nvidia', scheme: 'cik', value: '0001045810' },
  { entity: 'nvidia', scheme: 'ticker', value: 'NVDA' },
];

const documents = {
  memo: { name: 'CNBC report of 4 June 2024 on an Nvidia internal memo (Dec 2023)', kind: 'press report', issuer: 'CNBC', filedOn: '2024-06-04' },
  reply: { name: 'Elon Musk reply on X, 4 June 2024', kind: 'public statement', issuer: 'Elon Musk', filedOn: '2024-06-04' },
  priceBand: { name: 'Analyst estimates of the Nvidia H100 price, 2023-24', kind: 'analyst estimate', issuer: 'Raymond James and market reports' },
  proxy2023: { name: 'Tesla related-person transactions for 2023 (proxy statement, as summarised)', kind: 'proxy statement summary', issuer: 'Tesla, Inc.' },
  megapack: { name: 'Tesla disclosures of xAI Megapack purchases 2024-25 (as summarised)', kind: 'filing summary', issuer: 'Tesla, Inc.' },
  deals: { name: 'Press reports on Musk-group deals, 2025-26', kind: 'press reports' },
  grok: { name: 'Reports on X training Grok on EU users\' posts; Irish DPC proceedings (2024)', kind: 'press reports' },
  control: { name: 'Reported control facts for Elon Musk\'s companies', kind: 'press reports and filings' },
} satisfies Record<string, { name: string; kind: string; issuer?: string; filedOn?: string }>;
type DocKey = keyof typeof documents;

interface Cite { doc: DocKey; locator: string; excerpt: string }

const affiliations: Array<Omit<NewAffiliation, 'subjectId' | 'objectId'> & { subject: EntityKey; object: EntityKey; cite: Cite }> = [
  { subject: 'musk', object: 'tesla', kind: 'role', role: 'CEO', validFrom: '2008-10-01',
    cite: { doc: 'control', locator: 'Tesla', excerpt: 'Musk is CEO of Tesla.' } },
  { subject: 'musk', object: 'tesla', kind: 'ownership', role: 'shareholder', equityPct: 13, votingPct: 13,
    note: 'about 13% (verify)', cite: { doc: 'control', locator: 'Tesla', excerpt: 'Musk holds ~13% of Tesla.' } },
  { subject: 'musk', object: 'spacex', kind: 'role', role: 'founder and CEO', validFrom: '2002-05-01',
    cite: { doc: 'control', locator: 'SpaceX', excerpt: 'Musk is founder/CEO of SpaceX.' } },
  { subject: 'musk', object: 'trust', kind: 'control', role: 'settlor and trustee',
    cite: { doc: 'control', locator: 'SpaceX', excerpt: 'his trust: 42% of equity, 78% of votes, 2022' } },
  { subject: 'trust', object: 'spacex', kind: 'ownership', role: 'shareholder', equityPct: 42, votingPct: 78, validFrom: '2022-01-01',
    note: 'as reported for 2022 (verify)', cite: { doc: 'control', locator: 'SpaceX', excerpt: 'his trust: 42% of equity, 78% of votes, 2022' } },
  { subject: 'musk', object: 'x', kind: 'control', role: 'owner', validFrom: '2022-10-27', validTo: '2025-03-28',
    cite: { doc: 'control', locator: 'X', excerpt: 'owner of X until it moved under xAI' } },
  { subject: 'musk', object: 'xai', kind: 'control', role: 'founder and controlling shareholder', validFrom: '2023-03-01',
    note: 'control as reported (verify)', cite: { doc: 'control', locator: 'xAI', excerpt: 'founder of xAI' } },
  { subject: 'musk', object: 'boring', kind: 'control', role: 'runs the company',
    cite: { doc: 'control', locator: 'The Boring Company', excerpt: 'runs The Boring Company and Neuralink' } },
  { subject: 'musk', object: 'neuralink', kind: 'control', role: 'runs the company',
    cite: { doc: 'control', locator: 'Neuralink', excerpt: 'runs The Boring Company and Neuralink' } },
  { subject: 'xai', object: 'x', kind: 'ownership', role: 'parent', equityPct: 100, votingPct: 100, validFrom: '2025-03-28',
    note: 'all-stock deal valuing xAI at $80B and X at $33B',
    cite: { doc: 'deals', locator: '28 Mar 2025', excerpt: 'xAI acquires X: all-stock; xAI $80B, X $33B' } },
  { subject: 'spacex', object: 'xai', kind: 'ownership', role: 'parent', equityPct: 100, votingPct: 100, validFrom: '2026-02-02',
    note: '0.1433 SpaceX shares per xAI share',
    cite: { doc: 'deals', locator: '2 Feb 2026', excerpt: 'SpaceX acquires xAI: 0.1433 SpaceX shares per xAI share' } },
];

type SampleTransfer = Omit<NewTransfer, 'fromId' | 'toId' | 'intendedForId' | 'date' | 'datePrecision'> & {
  key: string; from: EntityKey; to: EntityKey; intendedFor?: EntityKey; when: string; swapOf?: string; cites: Cite[];
};

const transfers: SampleTransfer[] = [
  { key: 'h100-redirect', from: 'tesla', to: 'x', intendedFor: 'tesla', when: '2023-12', status: 'redirected',
    resourceType: 'gpu', resource: 'Nvidia H100 GPU', resourceKey: 'nvidia-h100', quantity: 12000, unit: 'unit',
    amountMinor: usd(500_000_000), currency: 'USD',
    description: '12,000 H100 GPUs that Nvidia had shipped for Tesla were sent to X (reports say X and xAI) at Elon Musk\'s request. Reported value: more than $500M. Tesla\'s receipt was delayed by months.',
    cites: [
      { doc: 'memo', locator: 'article, memo of Dec 2023 (summary)', excerpt: 'Elon Musk asked Nvidia to redirect 12,000 H100 GPUs that had shipped for Tesla to X instead; X\'s own orders of 12,000 H100s slated for January and June 2024 were to go to Tesla. Reported value: more than $500M.' },
      { doc: 'reply', locator: 'post of 4 June 2024', excerpt: 'Tesla "had no place to send the Nvidia chips"' },
    ] },
  { key: 'h100-swap-back', from: 'x', to: 'tesla', when: '2024-01', swapOf: 'h100-redirect', status: 'proposed',
    resourceType: 'allocation', resource: 'Nvidia H100 GPU order slots', resourceKey: 'nvidia-h100', quantity: 12000, unit: 'unit',
    description: 'X\'s own orders of 12,000 H100s, slated for January and June 2024, to go to Tesla in return.',
    cites: [{ doc: 'memo', locator: 'article, memo of Dec 2023 (summary)', excerpt: 'X\'s own orders of 12,000 H100s slated for January and June 2024 were to go to Tesla.' }] },
  { key: 'spacex-parts-1', from: 'spacex', to: 'tesla', when: '2023', resourceType: 'cash', resource: 'payments for parts and services',
    amountMinor: usd(2_100_000), currency: 'USD', description: 'SpaceX payments to Tesla for parts and services (first item).',
    cites: [{ doc: 'proxy2023', locator: 'related person transactions, SpaceX', excerpt: 'SpaceX -> Tesla: payments for parts/services, $2.1M + $0.8M' }] },
  { key: 'spacex-parts-2', from: 'spacex', to: 'tesla', when: '2023', resourceType: 'cash', resource: 'payments for parts and services',
    amountMinor: usd(800_000), currency: 'USD', description: 'SpaceX payments to Tesla for parts and services (second item).',
    cites: [{ doc: 'proxy2023', locator: 'related person transactions, SpaceX', excerpt: 'SpaceX -> Tesla: payments for parts/services, $2.1M + $0.8M' }] },
  { key: 'aircraft', from: 'tesla', to: 'spacex', when: '2023', resourceType: 'services', resource: 'aircraft use',
    amountMinor: usd(700_000), currency: 'USD', description: 'Aircraft use, $0.7M; direction as given in the source summary.',
    cites: [{ doc: 'proxy2023', locator: 'related person transactions, SpaceX', excerpt: 'Tesla -> SpaceX: aircraft use, $0.7M' }] },
  { key: 'x-services', from: 'x', to: 'tesla', when: '2023', resourceType: 'services', resource: 'services',
    amountMinor: usd(1_000_000), currency: 'USD', description: 'Services, about $1.0M.',
    cites: [{ doc: 'proxy2023', locator: 'related person transactions, X', excerpt: 'X -> Tesla: services, ~$1.0M' }] },
  { key: 'tesla-x-services', from: 'tesla', to: 'x', when: '2023', resourceType: 'services', resource: 'services',
    amountMinor: usd(50_000), currency: 'USD', description: 'Services, about $50k.',
    cites: [{ doc: 'proxy2023', locator: 'related person transactions, X', excerpt: 'Tesla -> X: services + advertising, ~$50k + ~$200k' }] },
  { key: 'tesla-x-ads', from: 'tesla', to: 'x', when: '2023', resourceType: 'services', resource: 'advertising',
    amountMinor: usd(200_000), currency: 'USD', description: 'Advertising, about $200k.',
    cites: [{ doc: 'proxy2023', locator: 'related person transactions, X', excerpt: 'Tesla -> X: services + advertising, ~$50k + ~$200k' }] },
  { key: 'tbc-1', from: 'tesla', to: 'boring', when: '2023', resourceType: 'services', resource: 'services',
    amountMinor: usd(200_000), currency: 'USD', description: 'Services, $0.2M.',
    cites: [{ doc: 'proxy2023', locator: 'related person transactions, The Boring Company', excerpt: 'Tesla -> The Boring Company: services, $0.2M + $1.0M' }] },
  { key: 'tbc-2', from: 'tesla', to: 'boring', when: '2023', resourceType: 'services', resource: 'services',
    amountMinor: usd(1_000_000), currency: 'USD', description: 'Services, $1.0M.',
    cites: [{ doc: 'proxy2023', locator: 'related person transactions, The Boring Company', excerpt: 'Tesla -> The Boring Company: services, $0.2M + $1.0M' }] },
  { key: 'megapack-2024', from: 'xai', to: 'tesla', when: '2024', resourceType: 'cash', resource: 'Megapack purchases',
    amountMinor: usd(198_300_000), currency: 'USD', description: 'xAI purchases of Tesla Megapacks in 2024.',
    cites: [{ doc: 'megapack', locator: '2024', excerpt: 'xAI -> Tesla: Megapack purchases, $198.3M (+~$37M to Feb 2025)' }] },
  { key: 'megapack-2025-feb', from: 'xai', to: 'tesla', when: '2025-02', resourceType: 'cash', resource: 'Megapack purchases',
    amountMinor: usd(37_000_000), currency: 'USD', description: 'Further Megapack purchases, about $37M, up to February 2025.',
    cites: [{ doc: 'megapack', locator: '2024', excerpt: 'xAI -> Tesla: Megapack purchases, $198.3M (+~$37M to Feb 2025)' }] },
  { key: 'megapack-2025', from: 'xai', to: 'tesla', when: '2025', resourceType: 'cash', resource: 'Megapack purchases',
    amountMinor: usd(430_000_000), currency: 'USD', description: 'Megapack purchases in 2025, about $430M.',
    cites: [{ doc: 'megapack', locator: '2025', excerpt: 'xAI -> Tesla: Megapack purchases, ~$430M' }] },
  { key: 'spacex-xai-equity', from: 'spacex', to: 'xai', when: '2025-07', resourceType: 'equity', resource: 'equity investment',
    amountMinor: usd(2_000_000_000), currency: 'USD', description: 'SpaceX equity investment in xAI.',
    cites: [{ doc: 'deals', locator: 'Jul 2025', excerpt: 'SpaceX -> xAI: equity investment, $2B' }] },
  { key: 'tesla-xai-series-e', from: 'tesla', to: 'xai', when: '2026-01', resourceType: 'equity', resource: 'Series E investment',
    amountMinor: usd(2_000_000_000), currency: 'USD',
    description: 'Tesla investment in xAI\'s Series E, about $2B, after a non-binding shareholder vote to invest failed on 6 Nov 2025.',
    cites: [{ doc: 'deals', locator: 'Jan 2026', excerpt: 'Tesla -> xAI: Series E investment, ~$2B' }] },
  { key: 'grok-data', from: 'x', to: 'xai', when: '2024-05-07', resourceType: 'data', resource: 'EU users\' public posts for Grok training',
    description: 'X used EU users\' public posts to train Grok from 7 May to 1 Aug 2024; the Irish DPC went to court on 6 Aug; X stopped on 4 Sep 2024.',
    cites: [{ doc: 'grok', locator: '2024', excerpt: 'X used EU users\' public posts to train Grok from 7 May to 1 Aug 2024; the Irish DPC went to court on 6 Aug; X stopped on 4 Sep 2024.' }] },
];

export const SAMPLE_REDIRECT_KEY = 'h100-redirect';

export function seedSampleLedger(db: Db): void {
  const w = new LedgerWriter(db);
  db.transaction(() => {
    const entityIds = new Map<EntityKey, number>();
    for (const [key, e] of Object.entries(entities) as Array<[EntityKey, NewEntity]>) entityIds.set(key, w.entity(e));
    for (const [key, names] of Object.entries(aliases) as Array<[EntityKey, string[]]>) for (const a of names) w.alias(entityIds.get(key)!, a);
    for (const i of identifiers) w.identifier({ entityId: entityIds.get(i.entity)!, scheme: i.scheme, value: i.value });
    const docIds = new Map<DocKey, number>();
    for (const [key, d] of Object.entries(documents) as Array<[DocKey, (typeof documents)[DocKey]]>) {
      docIds.set(key, w.document({ ...d, sha256: null }));
    }
    const id = (k: EntityKey) => entityIds.get(k)!;
    for (const a of affiliations) {
      const affiliationId = w.affiliation({ ...a, subjectId: id(a.subject), objectId: id(a.object) });
      w.evidence({ documentId: docIds.get(a.cite.doc)!, locator: a.cite.locator, excerpt: a.cite.excerpt, affiliationId });
    }
    const transferIds = new Map<string, number>();
    for (const t of transfers) {
      const when = parseIsoPartialDate(t.when);
      const transferId = w.transfer({
        ...t, fromId: id(t.from), toId: id(t.to), intendedForId: t.intendedFor ? id(t.intendedFor) : null,
        date: when.date, datePrecision: when.precision,
      });
      transferIds.set(t.key, transferId);
      if (t.swapOf) w.link(transferIds.get(t.swapOf)!, transferId, 'swap_leg', 'the allocation X gave Tesla in return');
      for (const c of t.cites) w.evidence({ documentId: docIds.get(c.doc)!, locator: c.locator, excerpt: c.excerpt, transferId });
    }
    w.priceBand({
      resourceKey: 'nvidia-h100', label: 'Nvidia H100 GPU', unit: 'unit', currency: 'USD',
      lowMinor: usd(25_000), baseMinor: usd(32_500), highMinor: usd(40_000), validFrom: '2023-01-01', validTo: '2024-12-31',
      source: 'Analyst range 2023-24, about $25,000 to $40,000 a unit (Raymond James estimated $25-30k); base is the midpoint of the band.',
      documentId: docIds.get('priceBand')!,
    });
    db.prepare(`INSERT INTO ledger_settings (key, value) VALUES ('sample', '1')`).run();
    appendAudit(db, {
      action: 'sample.load', actor: 'armslength',
      summary: `loaded the built-in sample: ${transfers.length} transfers, ${affiliations.length} affiliations`,
      details: { transfers: transfers.length, affiliations: affiliations.length, entities: Object.keys(entities).length },
    });
  })();
}
