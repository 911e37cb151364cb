// Which XBRL concepts are about related parties, what direction each states, and which give the
// issuer's reference figures. Shared by the XBRL document parser and the SEC JSON parser, which
// see the same taxonomies; names are matched on their local part so extension concepts count.
import type { ExtractedDisclosure, ExtractedFigure } from './extracted';

/** ifrs-full concepts from the domain notes that are about related parties whatever their wording. */
const relatedPartyNames = new Set([
  'KeyManagementPersonnelCompensation',
  'PurchasesOfGoodsRelatedPartyTransactions',
  'RevenueFromSaleOfGoodsRelatedPartyTransactions',
  'ServicesReceivedRelatedPartyTransactions',
  'AmountsPayableRelatedPartyTransactions',
  'AmountsReceivableRelatedPartyTransactions',
]);

/** A concept whose facts are related-party amounts by its name alone ("NonrelatedParty" excluded). */
export function isRelatedPartyConcept(local: string): boolean {
  return relatedPartyNames.has(local)
    || /(?<!Non|Un)RelatedPart/i.test(local)
    || /KeyManagementPersonnel/.test(local)
    || /(DueTo|DueFrom)(Affiliate|OfficersOrStockholders|Employees?AndOfficers|Officer|Stockholder|Shareholder|Director)/.test(local)
    || /(Payable|Receivable|Revenue|Revenues|Expense|Loans?|Notes?)(To|From)?Affiliates?(Current|Noncurrent)?$/.test(local);
}

export type Direction = ExtractedDisclosure['direction'];

/**
 * The direction a concept states, seen from the issuer. Cash-flow prefixes are read first
 * ("RepaymentsOfRelatedPartyDebt" is money paid), then balances (owed to / owed by, so
 * "DeferredRevenueRelatedParty" is a payable), then flows (cost words before revenue words, so
 * "CostOfRevenue" is paid). Changes in balances are 'other'. `negative` decides the two-sided
 * "DueFromTo" concepts (positive: due from the related party).
 */
export function directionOf(local: string, negative: boolean): Direction {
  if (/IncreaseDecrease/.test(local)) return 'other';
  if (/DueFromTo|DueToFrom/.test(local)) return negative ? 'payable' : 'receivable';
  if (/^(RepaymentsOf|RepaymentOf|PaymentsTo|PaymentsFor|PaymentsOf)/.test(local)) return 'paid';
  if (/^(ProceedsFrom|ReceiptsFrom|CollectionsFrom)/.test(local)) return 'received';
  if (/DueTo|Payable|Liabilit|DeferredRevenue|Debt|Borrowing|LoansFrom|AdvancesFrom/.test(local)) return 'payable';
  if (/DueFrom|Receivable|LoansTo|AdvancesTo|LoansAndAdvancesTo/.test(local)) return 'receivable';
  if (/Purchase|Expense|Cost|ServicesReceived|GoodsReceived|Compensation|Remuneration|Fees?Paid|Royalt(y|ies)Paid|Donation/.test(local)) return 'paid';
  if (/Revenue|Sales|Sale|Income|ServicesRendered|Rendering|Gain/.test(local)) return 'received';
  return 'other';
}

export type FigureKind = ExtractedFigure['figure'];

/**
 * Reference figures, preferred concept first: when a filing reports several for the same period,
 * the earlier wins (total "Revenues" over the narrower contract-revenue concept).
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

/** The reference figure a qualified concept ("us-gaap:Assets") gives, with its rank among that figure's concepts. */
export function figureOfQName(qname: string): { figure: FigureKind; rank: number } | undefined {
  return figureByConcept.get(qname);
}
