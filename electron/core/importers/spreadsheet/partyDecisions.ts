// A spreadsheet names its parties by text only. A spelling that matches no entity exactly but
// may be one already in the ledger (the same name apart from its legal form, or a name several
// entities share) is asked about: the person says which entity it is, or that it is new. This
// module holds those decisions and the refusal that lists the parties still undecided.
import { AppError } from '../../errors';

/** The entity a party is, or 'new'. */
export type PartyDecision = number | 'new';
/** Keyed by the party's name as written in the file (trimmed). */
export type PartyDecisions = Readonly<Record<string, PartyDecision>>;

export interface PartyCandidate { entityId: number; entityName: string; why: string }
export interface UncertainParty { name: string; candidates: PartyCandidate[] }

export interface PartyChoices {
  /** For each party that may already be in the ledger, by its name in the file: the entity it is, or 'new'. */
  partyDecisions?: PartyDecisions;
  /** Add such parties without a decision as new instead of refusing (armslength import --new-entities). */
  newEntities?: boolean;
}

/** What to do with an uncertain party that has no decision. */
export type UndecidedParties = 'refuse' | 'add-as-new';

/** A refusal names at most this many parties (the decisions a caller can send are bounded the same way). */
export const MAX_LISTED_PARTIES = 10_000;
const NAMES_IN_MESSAGE = 10;

/** The decisions as a map with trimmed keys (a plain object would also answer "constructor"). */
export function decisionMap(d: PartyDecisions | undefined): Map<string, PartyDecision> {
  return new Map(Object.entries(d ?? {}).map(([name, decision]) => [name.trim(), decision]));
}

/** `"Acme Holdings Inc" (#12, same name apart from its legal form) or ...` */
export function candidateList(candidates: PartyCandidate[]): string {
  return candidates.map((c) => `"${c.entityName}" (#${c.entityId}, ${c.why})`).join(' or ');
}

/** The import stops here: nothing is written until every uncertain party has a decision. */
export class PartiesUndecidedError extends AppError {
  constructor(readonly fileName: string, readonly parties: UncertainParty[], readonly total: number, otherProblems: string[] = []) {
    const names = parties.slice(0, NAMES_IN_MESSAGE).map((p) => p.name).join(', ') + (total > NAMES_IN_MESSAGE ? ` and ${total - NAMES_IN_MESSAGE} more` : '');
    const more = total > parties.length ? [`... and ${total - parties.length} more`] : [];
    const also = otherProblems.length > 0 ? ['The file also has these problems:', ...otherProblems] : [];
    super('invalid_input',
      `${fileName}: ${total === 1 ? 'this party' : `these ${total} parties`} may already be in the ledger under another name; `
        + `decide for each which entity it is, or that it is new (nothing was imported): ${names}`,
      [...parties.map((p) => `${p.name}: ${candidateList(p.candidates)}`), ...more, ...also]);
    this.name = 'PartiesUndecidedError';
  }
}

/**
 * Decisions given on the command line, each "NAME=ENTITY_ID" or "NAME=new" (the name as the
 * refusal lists it; split at the last "=", so a name may hold one). A malformed one is named.
 */
export function parsePartyOptions(values: readonly string[] | undefined): Record<string, PartyDecision> {
  const out: Record<string, PartyDecision> = {};
  for (const v of values ?? []) {
    const at = v.lastIndexOf('=');
    const name = at > 0 ? v.slice(0, at).trim() : '';
    const answer = at > 0 ? v.slice(at + 1).trim() : '';
    const id = /^[1-9]\d*$/.test(answer) ? Number(answer) : null;
    if (!name || (answer.toLowerCase() !== 'new' && id === null)) {
      throw new AppError('invalid_input', `--party "${v}": expected NAME=ENTITY_ID (the entity's number, as the refusal lists it) or NAME=new`);
    }
    if (Object.hasOwn(out, name)) throw new AppError('invalid_input', `--party: "${name}" is decided twice`);
    out[name] = id ?? 'new';
  }
  return out;
}
