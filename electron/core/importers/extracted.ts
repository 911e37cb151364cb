// What a format's parser finds in a document, before anything touches the ledger. Every parser
// returns these shapes; the import step (preview, matching, commit) works on them alone, so a
// new format needs only a parser.

/** Where in the document a fact stands: enough for a person to find it and for the UI to highlight it. */
export interface SourceLocator {
  /** Human-readable, e.g. "line 12", "fact f-42 (us-gaap:RevenueFromRelatedParties)", "page 31". */
  label: string;
  line?: number;
  elementId?: string;
  charStart?: number;
  charEnd?: number;
  page?: number;
}

export interface PartyRef {
  name?: string;
  cik?: string;
  lei?: string;
  ticker?: string;
}

/** A related-party amount as a filing states it (kept apart from observed transfers). */
export interface ExtractedDisclosure {
  issuer: PartyRef;
  /** The related party as the filing names it (dimension member label, or text), if it does. */
  counterpartyLabel: string | null;
  /** Concept as qualified name, e.g. us-gaap:RelatedPartyTransactionPurchasesFromRelatedParty. */
  concept: string;
  /** Seen from the issuer: it paid, it received, it owes (payable), it is owed (receivable). */
  direction: 'paid' | 'received' | 'payable' | 'receivable' | 'other';
  periodStart: string | null;
  periodEnd: string | null;
  /** Integer minor units of `currency`; null for non-monetary facts. */
  amountMinor: number | null;
  currency: string | null;
  description: string;
  locator: SourceLocator;
  excerpt: string;
  /** Other places the same fact was reported (e.g. repeated in later filings), for the record. */
  duplicates?: SourceLocator[];
}

/** Issuer-level figures used to judge materiality. */
export interface ExtractedFigure {
  issuer: PartyRef;
  figure: 'revenue' | 'totalAssets' | 'equity';
  concept: string;
  periodStart: string | null;
  periodEnd: string;
  amountMinor: number;
  currency: string;
  locator: SourceLocator;
}

/** A transfer a parser proposes from prose or a table; a person accepts it before it enters the ledger. */
export interface CandidateTransfer {
  counterparty: string | null;
  /** Seen from the issuer. */
  direction: 'from_issuer' | 'to_issuer' | 'unknown';
  amountMinor: number | null;
  currency: string | null;
  /** As written ("fiscal 2023", "since January 1, 2024"), plus ISO bounds when they can be read. */
  periodText: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  description: string;
  excerpt: string;
  locator: SourceLocator;
}

export interface ExtractedEntity {
  /** The parser's own id for cross-references within the document (e.g. an FtM entity id). */
  key: string;
  kind: 'company' | 'person' | 'fund' | 'trust' | 'public_body';
  name: string;
  aliases: string[];
  identifiers: Array<{ scheme: 'cik' | 'lei' | 'ticker' | 'isin' | 'registration' | 'other'; value: string; jurisdiction?: string | null }>;
  jurisdiction: string | null;
  locator: SourceLocator;
}

export interface ExtractedAffiliation {
  subjectKey: string;
  objectKey: string;
  kind: 'ownership' | 'control' | 'role' | 'family';
  role: string | null;
  equityPct: number | null;
  votingPct: number | null;
  validFrom: string | null;
  validTo: string | null;
  locator: SourceLocator;
}

export interface ExtractedTransfer {
  fromKey: string;
  toKey: string;
  resourceType: 'cash' | 'goods' | 'gpu' | 'compute' | 'data' | 'services' | 'staff' | 'ip' | 'equity' | 'allocation';
  resource: string;
  amountMinor: number | null;
  currency: string | null;
  date: string;
  datePrecision: 'day' | 'month' | 'year';
  description: string;
  locator: SourceLocator;
}

/** A problem in the input, located, so the person can fix the file or import the valid part knowingly. */
export interface ImportProblem {
  locator: SourceLocator;
  message: string;
}

export interface ExtractionResult {
  format: string;
  /** The company whose document this is, when the parser can tell (cover page, given by the caller). */
  issuer?: PartyRef | null;
  entities: ExtractedEntity[];
  affiliations: ExtractedAffiliation[];
  transfers: ExtractedTransfer[];
  disclosures: ExtractedDisclosure[];
  figures: ExtractedFigure[];
  candidates: CandidateTransfer[];
  /** Related-party text blocks (joined across continuations), kept as evidence. */
  textBlocks: Array<{ concept: string; text: string; locator: SourceLocator }>;
  /** A section that states there were no related-party transactions, recorded as such. */
  statesNoTransactions: { excerpt: string; locator: SourceLocator } | null;
  problems: ImportProblem[];
}

export function emptyExtraction(format: string): ExtractionResult {
  return { format, entities: [], affiliations: [], transfers: [], disclosures: [], figures: [], candidates: [], textBlocks: [], statesNoTransactions: null, problems: [] };
}
