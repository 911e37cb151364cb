// FollowTheMoney JSON lines (OCCRP Aleph, OpenSanctions): one entity a line,
// {"id", "schema", "properties": {prop: [strings]}}. Parties (Person, Company, Organization,
// LegalEntity, PublicBody) become entities; Ownership, Directorship, Employment, Membership,
// Family, Control and UnknownLink become affiliations; Payment becomes a transfer.
//
// The file is read in two passes: first every line (so a link may come before the parties it
// joins, and fragments of one entity spread over several lines are merged), then the links.
// Every problem names its line; a bad line never stops the others from being read.
import { emptyExtraction, type ExtractedAffiliation, type ExtractedEntity, type ExtractionResult, type SourceLocator } from '../extracted';
import { AmountSyntaxError, isCurrency, parseAmountToMinor } from '../../../../shared/money';
import { DateSyntaxError, parseIsoPartialDate, periodEnd, type PartialDate } from '../../../../shared/dates';
import { normalizeCik } from '../secJson/parseSecJson';
import { UnsupportedFileError } from '../detect';
import {
  equityPctIn, identifierProperties, idNumberSchemes, kindOf, linkKindPrefix, otherIdentifierProperties, partySchemata, resourceTypeIn,
  transferRolePrefix, votingPctIn, type FtmProperties, type IdentifierScheme,
} from './model';

interface Rec {
  id: string;
  schema: string;
  props: FtmProperties;
  locator: SourceLocator;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const EXPECTED = 'expected FollowTheMoney JSON lines, one {"id", "schema", "properties"} object a line';

/** Link schemata: the two properties that name the parties, subject first. */
const linkEnds: Record<string, [string, string]> = {
  Ownership: ['owner', 'asset'],
  Directorship: ['director', 'organization'],
  Employment: ['employee', 'employer'],
  Membership: ['member', 'organization'],
  Family: ['person', 'relative'],
  Control: ['controller', 'controlled'],
  UnknownLink: ['subject', 'object'],
  Payment: ['payer', 'beneficiary'],
};

class FtmReader {
  readonly result = emptyExtraction('ftm');
  private readonly recs = new Map<string, Rec>();
  private readonly order: Rec[] = [];
  private readonly skippedParties = new Set<string>();
  private readonly partyKeys = new Set<string>();
  private readonly unknownSchemata = new Map<string, { count: number; locator: SourceLocator }>();
  ftmLines = 0;
  nonEmptyLines = 0;
  firstError: string | null = null;

  problem(locator: SourceLocator, message: string): void {
    this.result.problems.push({ locator, message });
  }

  /** Pass 1: one line of the file. */
  line(text: string, lineNo: number, charStart: number): void {
    const body = text.trim();
    if (body === '') return;
    this.nonEmptyLines++;
    const at: SourceLocator = { label: `line ${lineNo}`, line: lineNo, charStart, charEnd: charStart + text.length };
    const fail = (message: string) => {
      this.firstError ??= `line ${lineNo}: ${message}`;
      this.problem(at, message);
    };
    let v: unknown;
    try {
      v = JSON.parse(body);
    } catch (err) {
      fail(`not valid JSON (${(err as Error).message}); line skipped`);
      return;
    }
    if (!isObject(v)) return fail('not a JSON object; line skipped');
    if (typeof v.id !== 'string' || v.id.trim() === '') return fail('the entity has no "id"; line skipped');
    if (typeof v.schema !== 'string' || v.schema.trim() === '') return fail('the entity has no "schema"; line skipped');
    const id = v.id.trim();
    const schema = v.schema.trim();
    this.ftmLines++;
    const locator: SourceLocator = { ...at, label: `line ${lineNo} (${schema} ${id})`, elementId: id };
    const props: FtmProperties = {};
    if (v.properties !== undefined && !isObject(v.properties)) this.problem(locator, '"properties" is not an object; read without properties');
    for (const [name, raw] of Object.entries(isObject(v.properties) ? v.properties : {})) {
      const list = Array.isArray(raw) ? raw : [raw];
      const values: string[] = [];
      for (const item of list) {
        if (typeof item === 'string') { if (item.trim() !== '') values.push(item.trim()); }
        else if (typeof item === 'number' && Number.isFinite(item)) values.push(String(item));
        // Aleph's nested export puts the referenced entity itself in the list: its id is the reference.
        else if (isObject(item) && typeof item.id === 'string') values.push(item.id);
        else this.problem(locator, `property "${name}" has a value that is not a string (${JSON.stringify(item)}); that value skipped`);
      }
      if (values.length) props[name] = values;
    }
    const seen = this.recs.get(id);
    if (seen) {
      // Unaggregated FtM streams repeat an id for fragments of one entity: merge them.
      if (seen.schema !== schema) {
        this.problem(locator, `id "${id}" was already used at ${seen.locator.label} with schema ${seen.schema}; this ${schema} line skipped`);
        return;
      }
      for (const [name, values] of Object.entries(props)) {
        const into = (seen.props[name] ??= []);
        for (const value of values) if (!into.includes(value)) into.push(value);
      }
      return;
    }
    const rec: Rec = { id, schema, props, locator };
    this.recs.set(id, rec);
    this.order.push(rec);
  }

  /** Pass 2: parties first, so links can be checked against them; then links, in file order. */
  finish(): ExtractionResult {
    for (const rec of this.order) if (rec.schema in partySchemata) this.party(rec);
    for (const rec of this.order) {
      if (rec.schema in partySchemata) continue;
      if (rec.schema in linkEnds) this.link(rec);
      else {
        const u = this.unknownSchemata.get(rec.schema);
        if (u) u.count++;
        else this.unknownSchemata.set(rec.schema, { count: 1, locator: rec.locator });
      }
    }
    for (const [schema, u] of this.unknownSchemata) {
      this.problem(u.locator, `schema ${schema} is not imported: ${u.count} ${u.count === 1 ? 'entity' : 'entities'} of it skipped${u.count > 1 ? ` (the first at ${u.locator.label})` : ''}`);
    }
    this.result.problems.sort((a, b) => (a.locator.line ?? 0) - (b.locator.line ?? 0));
    return this.result;
  }

  private party(rec: Rec): void {
    const p = rec.props;
    const name = p.name?.[0];
    if (!name) {
      this.skippedParties.add(rec.id);
      this.problem(rec.locator, `the ${rec.schema} has no name; skipped`);
      return;
    }
    const kind = kindOf(rec.schema, p.legalForm ?? [])!;
    const jurisdiction = country(p.jurisdiction?.[0] ?? p.country?.[0] ?? p.mainCountry?.[0]);
    const aliases: string[] = [];
    for (const a of [...(p.name ?? []).slice(1), ...(p.alias ?? []), ...(p.previousName ?? [])]) {
      if (a !== name && !aliases.includes(a)) aliases.push(a);
    }
    const identifiers: ExtractedEntity['identifiers'] = [];
    const add = (scheme: IdentifierScheme, value: string, property: string) => {
      let v = value;
      if (scheme === 'cik') {
        const cik = normalizeCik(value);
        if (!cik) {
          this.problem(rec.locator, `${property} "${value}" is not a CIK (at most 10 digits); identifier skipped`);
          return;
        }
        v = cik;
      }
      if (scheme === 'lei' || scheme === 'isin' || scheme === 'ticker') v = v.toUpperCase();
      const ident = { scheme, value: v, jurisdiction: scheme === 'registration' ? jurisdiction : null };
      if (!identifiers.some((i) => i.scheme === ident.scheme && i.value === ident.value)) identifiers.push(ident);
    };
    for (const { property, scheme } of identifierProperties) for (const v of p[property] ?? []) add(scheme, v, property);
    for (const v of p.idNumber ?? []) {
      const m = /^([a-z]+):\s*(.+)$/i.exec(v);
      const scheme = m?.[1]?.toLowerCase() as IdentifierScheme | undefined;
      if (m && scheme && idNumberSchemes.includes(scheme)) add(scheme, m[2]!, 'idNumber');
      else add('other', v, 'idNumber');
    }
    for (const property of otherIdentifierProperties) for (const v of p[property] ?? []) add('other', `${property}: ${v}`, property);
    this.result.entities.push({ key: rec.id, kind, name, aliases, identifiers, jurisdiction, locator: rec.locator });
    this.partyKeys.add(rec.id);
  }

  /** The party a link property names, or undefined (with the problem said) when it cannot be used. */
  private ref(rec: Rec, property: string): string | undefined {
    const values = rec.props[property] ?? [];
    const id = values[0];
    if (id === undefined) {
      this.problem(rec.locator, `the ${rec.schema} has no ${property}; skipped`);
      return undefined;
    }
    if (values.length > 1) this.problem(rec.locator, `${property} names ${values.length} entities; only the first ("${id}") is used`);
    if (this.partyKeys.has(id)) return id;
    const target = this.recs.get(id);
    if (!target) this.problem(rec.locator, `${property} refers to "${id}", which is not in the file; the ${rec.schema} is skipped`);
    else if (this.skippedParties.has(id)) this.problem(rec.locator, `${property} refers to "${id}" (${target.locator.label}), which was skipped; the ${rec.schema} is skipped`);
    else this.problem(rec.locator, `${property} refers to "${id}" (${target.locator.label}), a ${target.schema}, not a person or organisation; the ${rec.schema} is skipped`);
    return undefined;
  }

  private date(rec: Rec, property: string): PartialDate | null {
    const text = rec.props[property]?.[0];
    if (text === undefined) return null;
    // FtM dates may carry a time ("2023-05-01T12:00:00"): the day is what the ledger keeps.
    const day = /^(\d{4}-\d{2}-\d{2})T[\d:.]+(Z|[+-]\d{2}:?\d{2})?$/.exec(text)?.[1];
    try {
      return parseIsoPartialDate(day ?? text);
    } catch (err) {
      if (!(err instanceof DateSyntaxError)) throw err;
      this.problem(rec.locator, `${property} ${err.message}; left out`);
      return null;
    }
  }

  private link(rec: Rec): void {
    const [subjectProp, objectProp] = linkEnds[rec.schema]!;
    const subjectKey = this.ref(rec, subjectProp);
    const objectKey = this.ref(rec, objectProp);
    if (subjectKey === undefined || objectKey === undefined) return;
    if (subjectKey === objectKey) {
      this.problem(rec.locator, `${subjectProp} and ${objectProp} are the same entity ("${subjectKey}"); skipped`);
      return;
    }
    const p = rec.props;
    const first = (name: string) => p[name]?.[0] ?? null;
    if (rec.schema === 'Payment') return this.payment(rec, subjectKey, objectKey);
    if (rec.schema === 'UnknownLink') {
      const transfer = transferRolePrefix.exec(first('role') ?? '');
      if (transfer) return this.linkTransfer(rec, subjectKey, objectKey, transfer[1]!.trim());
    }

    let kind: ExtractedAffiliation['kind'] = 'role';
    let role: string | null;
    let equityPct: number | null = null;
    let votingPct: number | null = null;
    switch (rec.schema) {
      case 'Ownership': {
        kind = 'ownership';
        const pct = this.percentage(rec);
        // "Type of ownership" naming voting rights alone makes the percentage a share of votes.
        const types = (p.ownershipType ?? []).join(' ');
        const votesOnly = /voting/i.test(types) && !/share|equity|capital/i.test(types);
        if (votesOnly) votingPct = pct;
        else equityPct = pct;
        role = first('role') ?? (votesOnly ? null : first('ownershipType'));
        votingPct = votingPctIn(p.summary ?? []) ?? votingPct;
        break;
      }
      case 'Directorship': role = first('role') ?? 'director'; break;
      case 'Employment': role = first('role') ?? 'employee'; break;
      case 'Membership': role = first('role') ?? 'member'; break;
      case 'Family': kind = 'family'; role = first('relationship'); break;
      case 'Control': kind = 'control'; role = first('controlType') ?? first('role'); break;
      default: {
        // UnknownLink says two entities are linked and no more. Recording it as 'control' would
        // assert the strongest related-party ground, which the source does not claim, and the
        // rules would treat both sides as commonly controlled. It is kept as a 'role' whose text
        // says "unknown link", so it stays visible and a person can reclassify it. The exception
        // is a role that names its kind ("control: owner", "family: spouse"): that is the file's
        // own statement. exportFtm writes ledger control and family links this way, as FtM's
        // standard schemata have no general control link (and ownership of, or a role towards,
        // a person, which Ownership and Directorship cannot hold).
        const text = first('role');
        const named = text ? linkKindPrefix.exec(text) : null;
        if (named) {
          kind = named[1]!.toLowerCase() as ExtractedAffiliation['kind'];
          role = named[2]!.trim() || null;
          if (kind === 'ownership') {
            equityPct = equityPctIn(p.summary ?? []) ?? null;
            votingPct = votingPctIn(p.summary ?? []) ?? null;
          }
        } else {
          role = text ? `unknown link: ${text}` : 'unknown link';
        }
      }
    }
    const from = this.date(rec, 'startDate');
    const to = this.date(rec, 'endDate');
    // An end known to the month or year is taken at the end of that period: the link may have
    // lasted that long, and a related-party test should not miss it.
    let validTo = to ? periodEnd(to.date, to.precision) : null;
    if (from && validTo && validTo < from.date) {
      this.problem(rec.locator, `endDate ${p.endDate![0]} is before startDate ${p.startDate![0]}; the end date is left out`);
      validTo = null;
    }
    this.result.affiliations.push({ subjectKey, objectKey, kind, role, equityPct, votingPct, validFrom: from?.date ?? null, validTo, locator: rec.locator });
  }

  private percentage(rec: Rec): number | null {
    const text = rec.props.percentage?.[0];
    if (text === undefined) return null;
    const s = text.replace(/\s+/g, '').replace(/%$/, '');
    const plain = /^\d+([.,]\d+)?$/.test(s) ? Number(s.replace(',', '.')) : NaN;
    if (Number.isFinite(plain) && plain >= 0 && plain <= 100) return plain;
    const range = /^(\d+(?:[.,]\d+)?)%?(?:-|–|to)(\d+(?:[.,]\d+)?)$/i.exec(s);
    this.problem(rec.locator, range
      ? `percentage "${text}" is a range, not one figure; kept without a percentage`
      : `percentage "${text}" is not a number from 0 to 100; kept without a percentage`);
    return null;
  }

  private payment(rec: Rec, fromKey: string, toKey: string): void {
    const p = rec.props;
    const when = this.date(rec, p.date ? 'date' : 'startDate');
    if (!when) {
      if (!p.date && !p.startDate) this.problem(rec.locator, 'the Payment has no date; skipped');
      else this.problem(rec.locator, 'the Payment has no readable date; skipped');
      return;
    }
    let amountText = p.amount?.[0];
    let currency = p.currency?.[0]?.toUpperCase() ?? null;
    if (amountText === undefined && p.amountUsd?.[0] !== undefined) { amountText = p.amountUsd[0]; currency = 'USD'; }
    else if (amountText === undefined && p.amountEur?.[0] !== undefined) { amountText = p.amountEur[0]; currency = 'EUR'; }
    let amountMinor: number | null = null;
    if (amountText !== undefined) {
      if (currency === null) this.problem(rec.locator, `amount ${amountText} has no currency; kept without an amount`);
      else if (!isCurrency(currency)) this.problem(rec.locator, `currency "${p.currency?.[0]}" is not an ISO 4217 code; kept without an amount`);
      else {
        try {
          amountMinor = parseAmountToMinor(amountText, currency);
        } catch (err) {
          if (!(err instanceof AmountSyntaxError)) throw err;
          this.problem(rec.locator, `amount ${err.message}; kept without an amount`);
        }
      }
    }
    const summaries = p.summary ?? [];
    const marked = resourceTypeIn(summaries);
    this.result.transfers.push({
      fromKey, toKey, resourceType: marked ?? 'cash', resource: p.purpose?.[0] ?? p.programme?.[0] ?? 'payment',
      amountMinor, currency: amountMinor === null ? null : currency, date: when.date, datePrecision: when.precision,
      description: p.description?.[0] ?? (marked ? '' : summaries[0] ?? ''), locator: rec.locator,
    });
  }

  /** An UnknownLink with role "transfer: <resource>": a transfer without an amount (as exportFtm writes one). */
  private linkTransfer(rec: Rec, fromKey: string, toKey: string, resource: string): void {
    const p = rec.props;
    const when = this.date(rec, p.date ? 'date' : 'startDate');
    if (!when) {
      this.problem(rec.locator, 'the transfer link has no readable date (date or startDate); skipped');
      return;
    }
    const marked = resourceTypeIn(p.summary ?? []);
    if (!marked) this.problem(rec.locator, 'the transfer link does not say what moved ("resource type: …" in its summary); read as goods');
    this.result.transfers.push({
      fromKey, toKey, resourceType: marked ?? 'goods', resource: resource || 'transfer', amountMinor: null, currency: null,
      date: when.date, datePrecision: when.precision, description: p.description?.[0] ?? '', locator: rec.locator,
    });
  }
}

/** FtM writes countries as lower-case ISO codes ("us", "gb-sct"); the ledger keeps upper case. */
function country(v: string | undefined): string | null {
  if (!v) return null;
  return /^[a-z]{2}(-[a-z0-9]+)?$/i.test(v) ? v.toUpperCase() : v;
}

export function parseFtm(bytes: Buffer, fileName: string): ExtractionResult {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const reader = new FtmReader();
  let start = 0;
  let lineNo = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    reader.line(line, lineNo, start);
    start = end + 1;
    lineNo++;
  }
  if (reader.nonEmptyLines > 0 && reader.ftmLines === 0) {
    throw new UnsupportedFileError(`${fileName}: not FollowTheMoney JSON lines: no line holds an entity (${reader.firstError}); ${EXPECTED}.`);
  }
  if (reader.nonEmptyLines === 0) throw new UnsupportedFileError(`${fileName}: the file holds no entities; ${EXPECTED}.`);
  return reader.finish();
}
