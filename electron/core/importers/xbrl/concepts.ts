// Which XBRL facts matter to a related-party audit: by concept (names about related parties), by
// dimension (a related-party axis, or a counterparty axis whose member is a related party), and
// the issuer's revenue, total assets and equity for materiality. Names are matched on their local
// part, so the filer's own extension concepts and axes count too.
import { figureOfQName, type FigureKind } from '../relatedPartyConcepts';
import { qnameText, type QName } from './model';

export { isRelatedPartyConcept } from '../relatedPartyConcepts';

/** Text facts kept as evidence: related-party text blocks and the related-party statements beside them. */
export function isRelatedPartyTextConcept(local: string): boolean {
  return /(?<!Non|Un)RelatedPart|KeyManagementPersonnel/.test(local) || local === 'NameOfUltimateParentOfGroup' || local === 'NameOfParentEntity';
}

export { directionOf, type Direction } from '../relatedPartyConcepts';

export type AxisRole =
  /** The member names the related party (RelatedPartyTransactionsByRelatedPartyAxis, a filer's RelatedPartyAxis). */
  | 'party'
  /** The member is a category of related party (ifrs-full:CategoriesOfRelatedPartiesAxis). */
  | 'category'
  /** The member is a kind of related-party transaction (us-gaap:RelatedPartyTransactionAxis). */
  | 'transaction'
  /** The member names a counterparty that may or may not be related (srt:CounterpartyNameAxis). */
  | 'counterparty'
  /** The member is a person's title (srt:TitleOfIndividualAxis). */
  | 'individual';

export function axisRole(axis: QName): AxisRole | null {
  const l = axis.local;
  if (/CategoriesOfRelatedParties|KeyManagementPersonnel/.test(l)) return 'category';
  if (/RelatedPart/.test(l)) return /Transactions?(Type)?Axis$|TypeOfRelatedPartyTransaction/.test(l) && !/ByRelatedPart/.test(l) ? 'transaction' : 'party';
  if (/^Counterpart(y|ies)Name/.test(l)) return 'counterparty';
  if (/^TitleOfIndividual/.test(l)) return 'individual';
  return null;
}

/** A related party's axes say so themselves; a counterparty or title axis only with a related-looking member. */
export const isStrongRole = (r: AxisRole): boolean => r === 'party' || r === 'category' || r === 'transaction';

/** us-gaap:NonrelatedPartyMember and its kin: the fact is expressly about parties that are not related. */
export function isNonRelatedMember(local: string): boolean {
  return /^(Non-?related|NonRelated|Unrelated|Unaffiliated|NonAffiliate|ThirdPart)/i.test(local);
}

/** A member on a counterparty or title axis that is itself a related party. */
export function memberLooksRelated(local: string): boolean {
  return /RelatedPart|Affiliate|KeyManagementPersonnel|ParentCompany|^Parent(Entity)?Member$|MajorityShareholder|MajorityStockholder|ControllingShareholder|PrincipalOwner/.test(local) && !isNonRelatedMember(local);
}

/** Members that say only "a related party", not which one. */
export function isGenericRelatedMember(local: string): boolean {
  return /^RelatedPart(y|ies)(Member|Domain)$/.test(local);
}

/** "SpaceXMember" -> "SpaceX", "ElonMuskMember" -> "Elon Musk", "XAIHoldingsMember" -> "XAI Holdings". */
export function readableMemberName(local: string): string {
  return local
    .replace(/(Member|Domain)$/, '')
    .replace(/_/g, ' ')
    .replace(/([a-z])(?=[A-Z][a-z])/g, '$1 ')
    .replace(/([a-z])(?=[A-Z]{2,}(?![a-z]))/g, '$1 ')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .replace(/\s+/g, ' ')
    .trim() || local;
}

export type { FigureKind } from '../relatedPartyConcepts';

export function figureOf(concept: QName): { figure: FigureKind; rank: number } | undefined {
  return figureOfQName(qnameText(concept));
}

export type IdentityField = 'name' | 'cik' | 'ticker' | 'lei';

/** Cover-page facts that name the issuer. */
export function identityFieldOf(concept: QName): IdentityField | null {
  switch (qnameText(concept)) {
    case 'dei:EntityRegistrantName': return 'name';
    case 'ifrs-full:NameOfReportingEntityOrDescriptionOfNatureOfChangeFromPrecedingReportingPeriod': return 'name';
    case 'dei:EntityCentralIndexKey': return 'cik';
    case 'dei:TradingSymbol': return 'ticker';
    default: return null;
  }
}
