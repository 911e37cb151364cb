// Which SEC XBRL concepts matter to a related-party audit, and what they say about direction.
// The companyfacts/companyconcept APIs carry facts without dimensions, so a concept is chosen by
// its name alone: the related-party concepts (their values are kept as disclosures) and the
// issuer's revenue, total assets and equity (kept as reference figures for materiality tests).
import type { ExtractedDisclosure, ExtractedFigure } from '../extracted';

/** Concepts that are about related parties whatever their wording (see docs/domain.md). */
const relatedPartyNames = new Set([
  // ifrs-full concepts named in the domain notes that do not all contain "RelatedPart".
  'KeyManagementPersonnelCompensation',
  'PurchasesOfGoodsRelatedPartyTransactions',
  'RevenueFromSaleOfGoodsRelatedPartyTransactions',
  'ServicesReceivedRelatedPartyTransactions',
  'AmountsPayableRelatedPartyTransactions',
  'AmountsReceivableRelatedPartyTransactions',
]);

/**
 * True for concepts whose facts are related-party amounts: names containing RelatedPart(y/ies),
 * DueTo/DueFrom affiliates or officers/stockholders, KeyManagementPersonnel, and the ifrs-full
 * concepts listed above.
 */
export function isRelatedPartyConcept(concept: string): boolean {
  return relatedPartyNames.has(concept)
    || /RelatedPart/i.test(concept)
    || /KeyManagementPersonnel/.test(concept)
    || /(DueTo|DueFrom)(Affiliate|OfficersOrStockholders|Employees?AndOfficers|Officer|Stockholder|Shareholder|Director|RelatedPart)/.test(concept);
}

export type Direction = ExtractedDisclosure['direction'];

/**
 * The direction a related-party concept states, seen from the issuer. Balances (owed to / owed by)
 * are read before flows, so "DeferredRevenueRelatedParty" is a payable, not revenue received;
 * cash-flow prefixes (RepaymentsOf..., ProceedsFrom...) are read before the balance words so
 * "RepaymentsOfRelatedPartyDebt" is money paid. Changes in a balance ("IncreaseDecreaseIn...") and
 * amounts with no stated direction are 'other'. `value` decides the two-sided "DueFromTo" concepts
 * (positive: due from the related party; negative: due to it).
 */
export function directionOf(concept: string, value: number): Direction {
  if (/IncreaseDecrease/.test(concept)) return 'other';
  if (/DueFromTo|DueToFrom/.test(concept)) return value < 0 ? 'payable' : 'receivable';
  if (/^(RepaymentsOf|RepaymentOf|PaymentsTo|PaymentsFor|PaymentsOf)/.test(concept)) return 'paid';
  if (/^(ProceedsFrom|ReceiptsFrom|CollectionsFrom)/.test(concept)) return 'received';
  if (/DueTo|Payable|Liabilit|DeferredRevenue|Debt|Borrowing|LoansFrom|AdvancesFrom/.test(concept)) return 'payable';
  if (/DueFrom|Receivable|LoansTo|AdvancesTo|LoansAndAdvancesTo/.test(concept)) return 'receivable';
  if (/Purchase|Expense|Cost|ServicesReceived|Compensation|Remuneration|Fees?Paid|Royalt(y|ies)Paid|Donation/.test(concept)) return 'paid';
  if (/Revenue|Sales|Sale|Income|ServicesRendered|Rendering|Gain/.test(concept)) return 'received';
  return 'other';
}

export type FigureKind = ExtractedFigure['figure'];

/**
 * Reference figures, with the preferred concept first: when a filing reports several of them for
 * the same period, the earlier one in the list wins (e.g. total "Revenues" over the narrower
 * "RevenueFromContractWithCustomerExcludingAssessedTax", which may leave out leasing income).
 */
const figureConcepts: Record<FigureKind, string[]> = {
  revenue: [
    'us-gaap:Revenues',
    'us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax',
    'us-gaap:RevenueFromContractWithCustomerIncludingAssessedTax',
    'us-gaap:SalesRevenueNet',
    'us-gaap:SalesRevenueGoodsNet',
    'us-gaap:SalesRevenueServicesNet',
    'ifrs-full:Revenue',
    'ifrs-full:RevenueFromContractsWithCustomers',
  ],
  totalAssets: ['us-gaap:Assets', 'ifrs-full:Assets'],
  equity: [
    'us-gaap:StockholdersEquity',
    'us-gaap:StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest',
    'ifrs-full:EquityAttributableToOwnersOfParent',
    'ifrs-full:Equity',
  ],
};

const figureByConcept = new Map<string, { figure: FigureKind; rank: number }>();
for (const [figure, concepts] of Object.entries(figureConcepts) as Array<[FigureKind, string[]]>) {
  concepts.forEach((c, rank) => figureByConcept.set(c, { figure, rank }));
}

/** The reference figure a qualified concept gives, with its rank among that figure's concepts. */
export function figureOf(qname: string): { figure: FigureKind; rank: number } | undefined {
  return figureByConcept.get(qname);
}

/** Forms that carry audited annual statements (and their amendments and transition reports). */
export function isAnnualForm(form: string | null): boolean {
  return form !== null && /^(10-K|10-KT|20-F|40-F)(\/A)?$/.test(form.trim());
}

/** A duration of a fiscal year: 52/53-week years and 12 months, with room for odd month ends. */
export function isFullYear(start: string, end: string): boolean {
  const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000;
  return days >= 340 && days <= 380;
}
