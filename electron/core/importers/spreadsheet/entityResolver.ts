// Finds or creates the entity for a party name during a bulk import: the ledger's names and
// aliases are loaded once, and each distinct spelling in the file is looked at once (byRaw).
// Matching mirrors the preview (../entityMatch.ts matchEntities): an exact name, then an alias;
// a spelling that is only similar to an entity already in the ledger, or a name several entities
// share, is never decided here: the person's decision is used, or the party is left undecided.
import type { Db } from '../../db/open';
import { AppError } from '../../errors';
import type { LedgerWriter } from '../../ledger/write';
import { normalizeName } from '../../ledger/names';
import { coreName } from '../entityMatch';
import { decisionMap, MAX_LISTED_PARTIES, type PartyCandidate, type PartyDecision, type PartyDecisions, type UncertainParty, type UndecidedParties } from './partyDecisions';

export interface ResolverSetup {
  fileName: string;
  batchId: number;
  decisions?: PartyDecisions;
  undecided: UndecidedParties;
}

/** How a spelling not seen before resolves: an entity, a new one, or a question for the person. */
type Outcome = { id: number; decided?: PartyDecision } | { create: string; decided?: 'new' } | { undecided: true };

export class EntityResolver {
  private readonly byName = new Map<string, number>();
  /** Normalised names that several live entities share: their ids. */
  private readonly sharedNames = new Map<string, number[]>();
  private readonly byAlias = new Map<string, number>();
  private readonly ambiguousAliases = new Set<string>();
  private readonly byRaw = new Map<string, number>();
  /** Entities this import created, by normalised name: the same name later in the file reuses them. */
  private readonly createdByNorm = new Map<string, number>();
  /** Core names (no legal form) of the entities in the ledger before this import; built when first needed. */
  private cores: Map<string, number[]> | null = null;
  private readonly lastIdBefore: number;
  private readonly decisions: Map<string, PartyDecision>;
  private readonly checked = new Set<string>();
  private readonly stmts;
  /** Spellings that may be entities already in the ledger, decided or not (the first MAX_LISTED_PARTIES). */
  readonly uncertain: UncertainParty[] = [];
  uncertainCount = 0;
  /** Uncertain spellings without a decision. */
  readonly undecided = new Set<string>();
  /** The decisions this import used, for its audit entry. */
  readonly used = new Map<string, PartyDecision>();
  created = 0;
  aliasesAdded = 0;

  constructor(db: Db, private readonly w: LedgerWriter, private readonly s: ResolverSetup) {
    for (const r of db.prepare(`SELECT id, norm_name AS norm FROM entities WHERE merged_into_id IS NULL ORDER BY id`).iterate() as Iterable<{ id: number; norm: string }>) {
      const first = this.byName.get(r.norm);
      const shared = this.sharedNames.get(r.norm);
      if (shared) shared.push(r.id);
      else if (first !== undefined) { this.sharedNames.set(r.norm, [first, r.id]); this.byName.delete(r.norm); }
      else this.byName.set(r.norm, r.id);
    }
    const aliases = db.prepare(`SELECT a.entity_id AS id, a.norm_alias AS norm FROM entity_aliases a JOIN entities e ON e.id = a.entity_id
      WHERE e.merged_into_id IS NULL ORDER BY a.entity_id`).iterate() as Iterable<{ id: number; norm: string }>;
    for (const r of aliases) {
      if (this.ambiguousAliases.has(r.norm)) continue;
      if (this.byAlias.has(r.norm)) { this.byAlias.delete(r.norm); this.ambiguousAliases.add(r.norm); }
      else this.byAlias.set(r.norm, r.id);
    }
    this.lastIdBefore = (db.prepare(`SELECT ifnull(max(id), 0) FROM entities`).pluck().get() as number);
    this.decisions = decisionMap(s.decisions);
    this.stmts = {
      live: db.prepare(`SELECT id, name, norm_name AS norm, merged_into_id AS mergedInto FROM entities WHERE id = ?`),
      // A learned alias belongs to the batch, so undoing the import takes it away again.
      alias: db.prepare(`INSERT OR IGNORE INTO entity_aliases (entity_id, alias, norm_alias, recorded_at, batch_id) VALUES (?, ?, ?, ?, ?)`),
      ledgerEntities: db.prepare(`SELECT id, name FROM entities WHERE merged_into_id IS NULL AND id <= ?`),
    };
  }

  /** True once a party waits for a decision: the import will be refused, so nothing more need be written. */
  get waiting(): boolean {
    return this.s.undecided === 'refuse' && this.undecided.size > 0;
  }

  /** The entity for this party (created if new); null while it is an uncertain party without a decision. */
  resolve(name: string): number | null {
    const known = this.byRaw.get(name);
    if (known !== undefined) return known;
    if (this.undecided.has(name) && this.s.undecided === 'refuse') return null;
    const o = this.outcome(name);
    let id: number;
    if ('undecided' in o) {
      if (this.s.undecided === 'refuse') return null;
      id = this.createOrReuse(name, normalizeName(name));
    } else if ('create' in o) {
      id = this.createOrReuse(name, o.create);
    } else {
      id = o.id;
      if (o.decided !== undefined) this.learnAlias(id, name);
    }
    this.byRaw.set(name, id);
    return id;
  }

  /** Look at a party without writing anything (the import is already refused): records whether it is undecided. */
  check(name: string): void {
    if (this.byRaw.has(name) || this.undecided.has(name) || this.checked.has(name)) return;
    this.checked.add(name);
    this.outcome(name);
  }

  private outcome(name: string): Outcome {
    const norm = normalizeName(name);
    const exact = this.byName.get(norm);
    if (exact !== undefined) return { id: exact };
    const shared = this.sharedNames.get(norm);
    if (shared) return this.ask(name, norm, shared, 'several entities have this name');
    const alias = this.byAlias.get(norm);
    if (alias !== undefined) return { id: alias };
    const similar = this.similarTo(name);
    if (similar.length > 0) return this.ask(name, norm, similar, 'same name apart from its legal form');
    return { create: norm };
  }

  private ask(name: string, norm: string, ids: number[], why: string): Outcome {
    if (this.uncertain.length < MAX_LISTED_PARTIES) this.uncertain.push({ name, candidates: ids.map((id): PartyCandidate => ({ entityId: id, entityName: this.entity(id)!.name, why })) });
    this.uncertainCount++;
    const decision = this.decisions.get(name);
    if (decision === undefined) {
      this.undecided.add(name);
      return { undecided: true };
    }
    this.used.set(name, decision);
    if (decision === 'new') return { create: norm, decided: 'new' };
    const e = this.entity(decision);
    if (!e || e.mergedInto !== null) {
      const why = !e ? 'is not in the ledger' : `was merged into entity #${e.mergedInto}`;
      throw new AppError('invalid_input', `${this.s.fileName}: the decision for the party "${name}" names entity #${decision}, which ${why}; choose one of ${ids.map((id) => `#${id}`).join(', ')} or a new entity.`,
        [`party "${name}": entity #${decision} ${why}`]);
    }
    return { id: decision, decided: decision };
  }

  /** Live entities from before this import whose name is the same apart from its legal form. */
  private similarTo(name: string): number[] {
    if (this.cores === null) {
      this.cores = new Map();
      for (const e of this.stmts.ledgerEntities.iterate(this.lastIdBefore) as Iterable<{ id: number; name: string }>) {
        const c = coreName(e.name);
        if (!c) continue;
        const ids = this.cores.get(c);
        if (ids) ids.push(e.id); else this.cores.set(c, [e.id]);
      }
    }
    const c = coreName(name);
    return c ? this.cores.get(c) ?? [] : [];
  }

  private entity(id: number): { id: number; name: string; norm: string; mergedInto: number | null } | undefined {
    return this.stmts.live.get(id) as { id: number; name: string; norm: string; mergedInto: number | null } | undefined;
  }

  private createOrReuse(name: string, norm: string): number {
    let id = this.createdByNorm.get(norm);
    if (id === undefined) {
      id = this.w.entity({ kind: 'company', name, batchId: this.s.batchId });
      this.createdByNorm.set(norm, id);
      this.created++;
    }
    return id;
  }

  /** A spelling a person said is this entity: kept as its alias, so the next import matches it without asking. */
  private learnAlias(entityId: number, name: string): void {
    const norm = normalizeName(name);
    if (norm === '' || norm === this.entity(entityId)!.norm) return;
    this.aliasesAdded += this.stmts.alias.run(entityId, name.trim(), norm, this.w.recordedAt, this.s.batchId).changes;
  }
}
