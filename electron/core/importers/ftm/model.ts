// How ledger facts and FollowTheMoney (FtM) schemata correspond, shared by the reader and the
// writer so a ledger exported and read back means the same thing. FtM: every property is a list
// of strings; an entity reference is the other entity's id. Schema names and properties follow
// the followthemoney model (Thing, LegalEntity, Company, Interval, Interest, Ownership...).
import type { ExtractedEntity } from '../extracted';
import { resourceTypes } from '../../../../shared/domain';

export type FtmProperties = Record<string, string[]>;

export interface FtmEntity {
  id: string;
  schema: string;
  properties: FtmProperties;
}

export type EntityKind = ExtractedEntity['kind'];
export type IdentifierScheme = ExtractedEntity['identifiers'][number]['scheme'];

/** Party schemata and the ledger kind each becomes (Company refined by legalForm, see kindOf). */
export const partySchemata: Record<string, EntityKind> = {
  Person: 'person',
  Company: 'company',
  Organization: 'company',
  LegalEntity: 'company',
  PublicBody: 'public_body',
};

/**
 * FtM has no Fund or Trust schema; its Company description says Company "can also be used to
 * model more specific constructs like trusts and funds". So funds and trusts are written as
 * Company with legalForm "fund"/"trust" and read back by that legal form.
 */
export function kindOf(schema: string, legalForms: string[]): EntityKind | undefined {
  const kind = partySchemata[schema];
  if (kind !== 'company') return kind;
  if (legalForms.some((f) => /\btrusts?\b/i.test(f))) return 'trust';
  if (legalForms.some((f) => /\bfunds?\b/i.test(f))) return 'fund';
  return 'company';
}

export function schemaOfKind(kind: EntityKind): { schema: string; legalForm?: string } {
  switch (kind) {
    case 'person': return { schema: 'Person' };
    case 'public_body': return { schema: 'PublicBody' };
    case 'fund': return { schema: 'Company', legalForm: 'fund' };
    case 'trust': return { schema: 'Company', legalForm: 'trust' };
    default: return { schema: 'Company' };
  }
}

/** Identifier properties with a scheme of their own in the ledger. cikCode, ticker and isinCode are Company-only in FtM. */
export const identifierProperties: Array<{ property: string; scheme: IdentifierScheme; companyOnly: boolean }> = [
  { property: 'cikCode', scheme: 'cik', companyOnly: true },
  { property: 'leiCode', scheme: 'lei', companyOnly: false },
  { property: 'ticker', scheme: 'ticker', companyOnly: true },
  { property: 'isinCode', scheme: 'isin', companyOnly: true },
  { property: 'registrationNumber', scheme: 'registration', companyOnly: false },
];

/** Other FtM identifier properties: kept as scheme 'other', the value prefixed with the property name. */
export const otherIdentifierProperties = [
  'taxNumber', 'vatCode', 'irsCode', 'innCode', 'ogrnCode', 'okpoCode', 'dunsCode', 'swiftBic', 'bvdId',
  'uscCode', 'uniqueEntityId', 'npiCode', 'permId', 'wikidataId', 'icijId', 'licenseNumber',
];

/**
 * `idNumber` is the generic identifier every LegalEntity has. The writer puts identifiers FtM
 * has no property for on this entity (a person's CIK, say) there as "<scheme>:<value>", and the
 * reader turns that prefix back into the scheme; any other idNumber is scheme 'other'.
 */
export const idNumberSchemes: IdentifierScheme[] = ['cik', 'ticker', 'isin', 'lei', 'registration'];

/** Role words that make a person an officer (FtM Employment) rather than a director (Directorship). */
export function isOfficerRole(role: string | null): boolean {
  return role !== null && /\b(ceo|cfo|coo|cto|cio|cso|clo|chief|officer|president|vice[- ]president|vp|secretary|treasurer|controller|general counsel|employee|manager|executive)\b/i.test(role)
    && !/\b(director|board|chair(man|woman|person)?)\b/i.test(role.replace(/\bexecutive chair(man|woman|person)?\b/i, 'chair'));
}

/**
 * UnknownLink roles the writer uses for ledger facts FtM has no fitting schema for. A role
 * "control: …", "family: …" (or, for a person as the object, "role: …", "ownership: …") is read
 * back as that affiliation kind; "transfer: <resource>" as a transfer without an amount.
 */
export const linkKindPrefix = /^(control|family|role|ownership):\s*(.*)$/is;
export const transferRolePrefix = /^transfer:\s*(.*)$/is;

/** In a Payment's or transfer link's summary, the ledger's resource type ("resource type: gpu"). */
const resourceTypeMarker = /(?:^|;\s*)resource type:\s*([a-z]+)/i;
export function resourceTypeIn(summaries: string[]): (typeof resourceTypes)[number] | undefined {
  for (const s of summaries) {
    const m = resourceTypeMarker.exec(s);
    const t = m?.[1]?.toLowerCase();
    if (t && (resourceTypes as readonly string[]).includes(t)) return t as (typeof resourceTypes)[number];
  }
  return undefined;
}

function pctMarker(marker: RegExp, summaries: string[]): number | undefined {
  for (const s of summaries) {
    const m = marker.exec(s);
    if (m?.[1] !== undefined) {
      const v = Number(m[1]);
      if (v >= 0 && v <= 100) return v;
    }
  }
  return undefined;
}

/** In an Ownership's summary, the voting rights beside the equity percentage ("voting rights: 78%"). */
export const votingPctIn = (summaries: string[]) => pctMarker(/voting rights:\s*(\d+(?:\.\d+)?)\s*%/i, summaries);
/** In an "ownership: …" UnknownLink's summary, the equity held ("equity: 40%"). */
export const equityPctIn = (summaries: string[]) => pctMarker(/(?:^|;\s*)equity:\s*(\d+(?:\.\d+)?)\s*%/i, summaries);
