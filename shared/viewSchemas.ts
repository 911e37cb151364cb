// Schemas for the read-only channels behind the Entities, Graph, Flows and Documents views.
// Kept apart from contract.ts so that file stays a list of channels; contract.ts imports these.
import { z } from 'zod';
import { Document, EntityRef, Evidence, TransferRow, entityKinds, resourceTypes } from './domain';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const id = z.number().int().positive();
const currency = z.string().regex(/^[A-Z]{3}$/);

// ---- entities ----

export const EntitySearchInput = z.object({
  query: z.string().max(200).default(''),
  kind: z.enum(entityKinds).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** Keyset: the last row's normalised name and id. */
  after: z.tuple([z.string().max(400), z.number().int()]).nullable().default(null),
});
export const EntitySearchRow = EntityRef.extend({
  jurisdiction: z.string().nullable(),
  /** What matched when it was not the name itself: an alias or an identifier. */
  matched: z.string().nullable(),
});
export const EntitySearchOutput = z.object({
  rows: z.array(EntitySearchRow),
  next: z.tuple([z.string(), z.number().int()]).nullable(),
});

export const EntityAffiliation = z.object({
  id: z.number().int(),
  /** 'out': this entity holds/leads the other; 'in': the other holds/leads this one. */
  direction: z.enum(['out', 'in']),
  other: EntityRef,
  kind: z.string(),
  role: z.string().nullable(),
  equityPct: z.number().nullable(),
  votingPct: z.number().nullable(),
  label: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  evidence: z.array(Evidence),
});
export type EntityAffiliation = z.infer<typeof EntityAffiliation>;

export const EntityPage = z.object({
  entity: EntityRef.extend({ jurisdiction: z.string().nullable(), note: z.string().nullable(), mergedInto: EntityRef.nullable() }),
  aliases: z.array(z.string()),
  identifiers: z.array(z.object({ scheme: z.string(), value: z.string(), jurisdiction: z.string().nullable() })),
  affiliations: z.array(EntityAffiliation),
  transfersIn: z.array(TransferRow),
  transfersOut: z.array(TransferRow),
  countIn: z.number().int(),
  countOut: z.number().int(),
  /** Sums per currency of everything in and out (all statuses), in minor units. */
  totals: z.array(z.object({ currency, inMinor: z.number().int(), outMinor: z.number().int() })),
});
export type EntityPage = z.infer<typeof EntityPage>;

// ---- graph ----

export const GraphInput = z.object({
  entityId: id.optional(),
  flagId: id.optional(),
  hops: z.number().int().min(1).max(4).default(2),
  asOf: isoDate.optional(),
  maxNodes: z.number().int().min(5).max(1000).default(400),
}).refine((v) => v.entityId !== undefined || v.flagId !== undefined, { message: 'name an entityId or a flagId', path: ['entityId'] });

export const GraphNode = EntityRef.extend({ hop: z.number().int(), centre: z.boolean(), onPath: z.boolean() });
export const GraphEdge = z.object({
  /** 'a<affiliation id>' or 't<transfer id>'. */
  id: z.string(),
  source: z.number().int(),
  target: z.number().int(),
  kind: z.string(),
  label: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  onPath: z.boolean(),
});
export type GraphNode = z.infer<typeof GraphNode>;
export type GraphEdge = z.infer<typeof GraphEdge>;
export const GraphOutput = z.object({
  nodes: z.array(GraphNode),
  edges: z.array(GraphEdge),
  asOf: z.string().nullable(),
  hops: z.number().int(),
  /** Entities reached within the hops but left out to keep the graph readable. */
  leftOut: z.number().int(),
  /** leftOut is a lower bound: entities left out were not followed to their own neighbours. */
  leftOutApprox: z.boolean(),
  /** Affiliations of the shown entities not valid on asOf. */
  outsideDate: z.number().int(),
  flag: z.object({ id: z.number().int(), title: z.string(), transferId: z.number().int(), date: z.string() }).nullable(),
});
export type GraphOutput = z.infer<typeof GraphOutput>;

// ---- flows ----

export const FlowsInput = z.object({
  from: isoDate,
  to: isoDate,
  resourceTypes: z.array(z.enum(resourceTypes)).max(resourceTypes.length).default([]),
  topN: z.number().int().min(2).max(50).default(10),
  /** Net each pair's opposite flows into one link (A→B minus B→A). */
  net: z.boolean().default(false),
}).refine((v) => v.from <= v.to, { message: 'the period ends before it starts', path: ['to'] });

export const FlowParty = z.object({ key: z.string(), entityId: z.number().int().nullable(), name: z.string(), members: z.number().int() });
export const FlowLink = z.object({
  source: z.string(), target: z.string(),
  valueMinor: z.number().int(),
  /** Before netting: what went each way. */
  grossMinor: z.number().int(), reverseMinor: z.number().int(),
  transfers: z.number().int(),
  byType: z.array(z.object({ resourceType: z.enum(resourceTypes), valueMinor: z.number().int() })),
});
export type FlowLink = z.infer<typeof FlowLink>;
export const FlowsOutput = z.object({
  currency,
  from: isoDate, to: isoDate,
  /** Senders (left column) and receivers (right column): a firm can be both, so no cycle can form. */
  senders: z.array(FlowParty),
  receivers: z.array(FlowParty),
  links: z.array(FlowLink),
  totalMinor: z.number().int(),
  transfers: z.number().int(),
  unconverted: z.array(z.object({ currency: z.string(), amountMinor: z.number().int(), transfers: z.number().int(), reason: z.string() })),
  withoutAmount: z.number().int(),
  reciprocal: z.array(z.object({ a: z.string(), b: z.string() })),
  firms: z.number().int(),
});
export type FlowsOutput = z.infer<typeof FlowsOutput>;

// ---- documents ----

export const DocumentListInput = z.object({
  search: z.string().max(200).default(''),
  limit: z.number().int().min(1).max(200).default(100),
  afterId: z.number().int().nullable().default(null),
});
export const DocumentListRow = Document.extend({ held: z.boolean(), sizeBytes: z.number().int().nullable(), addedAt: z.string().nullable() });
export const DocumentListOutput = z.object({ rows: z.array(DocumentListRow), next: z.number().int().nullable() });

/** What to highlight: a stored fact of the document, a character range of its text, or a locator string. */
export const DocumentTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('evidence'), id: z.number().int() }),
  z.object({ kind: z.literal('transfer'), id }),
  z.object({ kind: z.literal('candidate'), id }),
  z.object({ kind: z.literal('disclosure'), id }),
  z.object({ kind: z.literal('finding'), id }),
  z.object({ kind: z.literal('range'), charStart: z.number().int().min(0), charEnd: z.number().int().min(0) }),
  z.object({ kind: z.literal('locator'), locator: z.string().max(500) }),
]);
export type DocumentTarget = z.infer<typeof DocumentTarget>;

export const DocumentGetInput = z.object({
  id,
  target: DocumentTarget.optional(),
  /** Start of the text window when nothing is highlighted (paging). */
  offset: z.number().int().min(0).default(0),
  windowChars: z.number().int().min(1000).max(200_000).default(20_000),
});

const FactRef = z.object({ transferId: z.number().int().nullable(), label: z.string(), locator: z.string(), excerpt: z.string() });
export const DocumentFact = FactRef.extend({
  kind: z.enum(['evidence', 'transfer', 'candidate', 'disclosure', 'finding', 'figure']),
  /** The target to pass back to document:get to see it highlighted. */
  target: DocumentTarget.nullable(),
});
export type DocumentFact = z.infer<typeof DocumentFact>;

export const DocumentGetOutput = z.object({
  document: DocumentListRow.extend({ textKind: z.enum(['csv', 'html', 'text', 'binary']).nullable() }),
  /** A window of the readable text, or null when the file is not stored or has no text. */
  text: z.object({ offset: z.number().int(), text: z.string(), totalChars: z.number().int() }).nullable(),
  highlight: z.object({ charStart: z.number().int(), charEnd: z.number().int(), how: z.string() }).nullable(),
  /** The excerpt asked for, shown when the text is not held or the excerpt was not found in it. */
  excerpt: z.string().nullable(),
  note: z.string().nullable(),
  facts: z.array(DocumentFact),
  factsTotal: z.number().int(),
});
export type DocumentGetOutput = z.infer<typeof DocumentGetOutput>;
