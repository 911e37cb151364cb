// The ledger's entities, affiliations and transfers as FollowTheMoney JSON lines, for Aleph,
// OpenSanctions tooling or another ledger. Ids are deterministic (armslength-entity-12,
// armslength-affiliation-3, armslength-transfer-5), lines come in id order and properties in a
// fixed order, so the same ledger always exports to the same bytes.
//
// What FtM has no property for is said in text: a transfer's resource type, status, quantity and
// intended recipient in its summary ("resource type: gpu; status: redirected; ..."), voting
// rights beside equity in an Ownership's summary ("voting rights: 78%"). parseFtm reads
// the resource type and voting rights back.
import type { Db } from '../../db/open';
import { minorToDecimalString } from '../../../../shared/money';
import type { DatePrecision } from '../../../../shared/dates';
import { identifierProperties, isOfficerRole, schemaOfKind, type EntityKind, type FtmEntity, type FtmProperties } from './model';

export const FTM_ID_PREFIX = 'armslength';

interface EntityRow { id: number; kind: EntityKind; name: string; jurisdiction: string | null; note: string | null }
interface AffiliationRow {
  id: number; subject_id: number; object_id: number; kind: 'ownership' | 'control' | 'role' | 'family'; role: string | null;
  equity_pct: number | null; voting_pct: number | null; direct: number; valid_from: string | null; valid_to: string | null; note: string | null;
}
interface TransferRow {
  id: number; from_id: number; to_id: number; intended_for_id: number | null; resource_type: string; resource: string;
  quantity: number | null; unit: string | null; amount_minor: number | null; currency: string | null;
  occurred_on: string; date_precision: DatePrecision; status: string; description: string;
}

const entityId = (id: number) => `${FTM_ID_PREFIX}-entity-${id}`;

/** A date as FtM writes a partial date: "2023", "2023-12" or "2023-12-01". */
function ftmDate(date: string, precision: DatePrecision): string {
  return precision === 'year' ? date.slice(0, 4) : precision === 'month' ? date.slice(0, 7) : date;
}

/** Properties without empty values, in insertion order. */
function props(entries: Array<[string, string | null | undefined | Array<string | null | undefined>]>): FtmProperties {
  const out: FtmProperties = {};
  for (const [name, value] of entries) {
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    if (values.length) out[name] = [...(out[name] ?? []), ...values];
  }
  return out;
}

/** A percentage as a plain decimal ("13", "42.5"), never in exponent form. */
function pctText(p: number): string {
  return String(Math.round(p * 1e6) / 1e6);
}

export function exportFtm(db: Db): string {
  const lines: string[] = [];
  const emit = (e: FtmEntity) => lines.push(JSON.stringify(e));

  const entities = db.prepare(`SELECT id, kind, name, jurisdiction, note FROM entities WHERE merged_into_id IS NULL ORDER BY id`).all() as EntityRow[];
  const byId = new Map(entities.map((e) => [e.id, e]));
  const aliases = new Map<number, string[]>();
  for (const a of db.prepare(`SELECT entity_id, alias FROM entity_aliases ORDER BY entity_id, id`).all() as Array<{ entity_id: number; alias: string }>) {
    aliases.set(a.entity_id, [...(aliases.get(a.entity_id) ?? []), a.alias]);
  }
  const identifiers = new Map<number, Array<{ scheme: string; value: string }>>();
  for (const i of db.prepare(`SELECT entity_id, scheme, value FROM entity_identifiers ORDER BY entity_id, id`).all() as Array<{ entity_id: number; scheme: string; value: string }>) {
    identifiers.set(i.entity_id, [...(identifiers.get(i.entity_id) ?? []), i]);
  }
  // A merge moves every reference to the winner; should one still name a merged entity, it is
  // written as the entity that entity was merged into, never as a dangling id.
  const mergedInto = new Map(
    (db.prepare(`SELECT id, merged_into_id FROM entities WHERE merged_into_id IS NOT NULL`).all() as Array<{ id: number; merged_into_id: number }>)
      .map((r) => [r.id, r.merged_into_id]),
  );
  const live = (id: number): number => {
    for (let hops = 0; mergedInto.has(id) && hops < 1000; hops++) id = mergedInto.get(id)!;
    return id;
  };
  const schemaOf = new Map<number, string>();

  for (const e of entities) {
    const { schema, legalForm } = schemaOfKind(e.kind);
    schemaOf.set(e.id, schema);
    const idProps: Array<[string, string]> = [];
    for (const i of identifiers.get(e.id) ?? []) {
      const native = identifierProperties.find((p) => p.scheme === i.scheme && (!p.companyOnly || schema === 'Company'));
      // FtM has no property for this identifier on this schema (a person's CIK): generic idNumber, prefixed.
      if (native) idProps.push([native.property, i.value]);
      else idProps.push(['idNumber', i.scheme === 'other' ? i.value : `${i.scheme}:${i.value}`]);
    }
    emit({
      id: entityId(e.id), schema,
      properties: props([
        ['name', e.name],
        ['alias', aliases.get(e.id) ?? []],
        ['legalForm', legalForm],
        ['jurisdiction', e.jurisdiction ? e.jurisdiction.toLowerCase() : null],
        ...idProps,
        ['notes', e.note],
      ]),
    });
  }

  const affiliations = db.prepare(`SELECT id, subject_id, object_id, kind, role, equity_pct, voting_pct, direct, valid_from, valid_to, note FROM affiliations ORDER BY id`).all() as AffiliationRow[];
  for (const a of affiliations) {
    const subject = entityId(live(a.subject_id));
    const object = entityId(live(a.object_id));
    const objectSchema = schemaOf.get(live(a.object_id));
    const subjectSchema = schemaOf.get(live(a.subject_id));
    const interval: Array<[string, string | null]> = [['startDate', a.valid_from], ['endDate', a.valid_to]];
    const summary: string[] = [];
    if (a.direct === 0) summary.push('indirect');
    let schema: string;
    let ends: Array<[string, string]>;
    let role: string | null = a.role;
    let extra: Array<[string, string | null]> = [];
    if (a.kind === 'ownership' && objectSchema === 'Company') {
      // Ownership's asset must be an Asset (Company is one; a person or public body is not).
      schema = 'Ownership';
      ends = [['owner', subject], ['asset', object]];
      const pct = a.equity_pct ?? a.voting_pct;
      extra = [['percentage', pct === null ? null : pctText(pct)]];
      if (a.equity_pct === null && a.voting_pct !== null) extra.push(['ownershipType', 'voting rights']);
      else if (a.voting_pct !== null) summary.push(`voting rights: ${pctText(a.voting_pct)}%`);
    } else if (a.kind === 'role' && objectSchema !== 'Person') {
      if (subjectSchema === 'Person' && isOfficerRole(a.role)) {
        schema = 'Employment';
        ends = [['employee', subject], ['employer', object]];
      } else {
        schema = 'Directorship';
        ends = [['director', subject], ['organization', object]];
      }
    } else {
      // Control and family ties (and the rare ownership of, or role towards, a person): FtM's
      // standard schemata have no general link for these (Family is person-to-person only), so
      // UnknownLink with the ledger's kind named in the role: "control: owner".
      // (Employment needs a Person employee; Directorship and Ownership an Organization / Asset.)
      schema = 'UnknownLink';
      ends = [['subject', subject], ['object', object]];
      role = `${a.kind}: ${a.role ?? ''}`.trim();
      if (a.kind === 'ownership') {
        if (a.equity_pct !== null) summary.push(`equity: ${pctText(a.equity_pct)}%`);
        if (a.voting_pct !== null) summary.push(`voting rights: ${pctText(a.voting_pct)}%`);
      }
    }
    emit({
      id: `${FTM_ID_PREFIX}-affiliation-${a.id}`, schema,
      properties: props([...ends, ['role', role], ...extra, ...interval, ['summary', summary.join('; ') || null], ['description', a.note]]),
    });
  }

  const transfers = db.prepare(`SELECT id, from_id, to_id, intended_for_id, resource_type, resource, quantity, unit, amount_minor, currency,
      occurred_on, date_precision, status, description FROM transfers ORDER BY id`).all() as TransferRow[];
  for (const t of transfers) {
    const summary = [`resource type: ${t.resource_type}`];
    if (t.status !== 'executed') summary.push(`status: ${t.status}`);
    if (t.quantity !== null) summary.push(`quantity: ${t.quantity}${t.unit ? ` ${t.unit}` : ''}`);
    if (t.intended_for_id !== null) summary.push(`intended for: ${byId.get(live(t.intended_for_id))!.name}`);
    const date = ftmDate(t.occurred_on, t.date_precision);
    const common: Array<[string, string | null]> = [['summary', summary.join('; ')], ['description', t.description]];
    if (t.amount_minor !== null && t.currency !== null) {
      emit({
        id: `${FTM_ID_PREFIX}-transfer-${t.id}`, schema: 'Payment',
        properties: props([
          ['payer', entityId(live(t.from_id))], ['beneficiary', entityId(live(t.to_id))],
          ['amount', minorToDecimalString(t.amount_minor, t.currency)], ['currency', t.currency],
          ['date', date], ['purpose', t.resource], ...common,
        ]),
      });
    } else {
      emit({
        id: `${FTM_ID_PREFIX}-transfer-${t.id}`, schema: 'UnknownLink',
        properties: props([
          ['subject', entityId(live(t.from_id))], ['object', entityId(live(t.to_id))],
          ['role', `transfer: ${t.resource}`], ['date', date], ...common,
        ]),
      });
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
