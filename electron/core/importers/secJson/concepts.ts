// Which SEC XBRL concepts matter to a related-party audit, and what they say about direction.
// The companyfacts/companyconcept APIs carry facts without dimensions, so a concept is chosen by
// its name alone: the related-party concepts (their values are kept as disclosures) and the
// issuer's revenue, total assets and equity (kept as reference figures for materiality tests).

import { directionOf as directionByName, figureOfQName, type Direction, type FigureKind } from '../relatedPartyConcepts';

export { isRelatedPartyConcept } from '../relatedPartyConcepts';
export type { Direction, FigureKind };

/** The direction a concept states; the sign of `value` decides two-sided "DueFromTo" concepts. */
export function directionOf(concept: string, value: number): Direction {
  return directionByName(concept, value < 0);
}

/** The reference figure a qualified concept gives, with its rank among that figure's concepts. */
export function figureOf(qname: string): { figure: FigureKind; rank: number } | undefined {
  return figureOfQName(qname);
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
