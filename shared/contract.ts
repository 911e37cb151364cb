// The one API between the renderer and core. Every channel has a zod schema for its input and
// its output; both transports (Electron IPC and the browser-mode bridge) validate against these.
import { z } from 'zod';
import { Flag, LedgerInfo, TransferDetail, TransferRow, transferSortKeys, flagStatuses } from './domain';

const ledgerName = z
  .string()
  .trim()
  .min(1, 'a ledger needs a name')
  .max(80)
  .regex(/^[\p{L}\p{N} _.-]+$/u, 'use letters, digits, spaces, dot, dash or underscore')
  .refine((s) => !s.startsWith('.'), 'a ledger name cannot start with a dot');

const cursor = z.object({ key: z.union([z.string(), z.number()]).nullable(), id: z.number().int() });

export const contract = {
  'ledger:info': { input: z.object({}), output: LedgerInfo },
  'ledger:list': {
    input: z.object({}),
    output: z.array(z.object({ name: z.string(), current: z.boolean() })),
  },
  'ledger:create': { input: z.object({ name: ledgerName }), output: LedgerInfo },
  'ledger:switch': { input: z.object({ name: ledgerName }), output: LedgerInfo },
  'ledger:openSample': { input: z.object({}), output: LedgerInfo },
  'transfers:page': {
    input: z.object({
      limit: z.number().int().min(1).max(500).default(100),
      sort: z.enum(transferSortKeys).default('date'),
      dir: z.enum(['asc', 'desc']).default('desc'),
      after: cursor.nullable().default(null),
      search: z.string().max(200).default(''),
    }),
    output: z.object({ rows: z.array(TransferRow), next: cursor.nullable(), total: z.number().int() }),
  },
  'transfer:get': { input: z.object({ id: z.number().int() }), output: TransferDetail },
  'flags:list': { input: z.object({}), output: z.array(Flag.extend({ transfer: TransferRow })) },
  'flags:run': {
    input: z.object({}),
    output: z.object({ created: z.number().int(), updated: z.number().int(), removed: z.number().int(), total: z.number().int() }),
  },
  'flag:review': {
    input: z.object({ id: z.number().int(), status: z.enum(flagStatuses), reason: z.string().trim().max(2000).default('') }),
    output: Flag,
  },
  'import:csv': {
    input: z.object({ fileName: z.string().min(1).max(260), content: z.string() }),
    output: z.object({ batchId: z.number().int(), documentId: z.number().int(), transfers: z.number().int(), newEntities: z.number().int() }),
  },
  'report:pdf': {
    input: z.object({ title: z.string().max(200).optional() }),
    output: z.object({ fileName: z.string(), pdfBase64: z.string(), pages: z.number().int().nullable() }),
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events core pushes to the renderer (no reply). */
export const events = {
  'ledger:changed': z.object({ reason: z.string() }),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** How an error crosses a transport: a code the UI can act on and a message a person can read. */
export const ApiErrorShape = z.object({
  code: z.enum(['invalid_input', 'not_found', 'import_rejected', 'ledger_refused', 'internal']),
  message: z.string(),
  details: z.array(z.string()).default([]),
});
export type ApiErrorShape = z.infer<typeof ApiErrorShape>;

export const Reply = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorShape }),
]);
export type Reply = z.infer<typeof Reply>;

// Compile-time check: channelNames.ts lists exactly the contract's channels and events.
import type { channelNames, eventNames } from './channelNames';
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelListMatches: Same<(typeof channelNames)[number], Channel> = true;
const eventListMatches: Same<(typeof eventNames)[number], EventName> = true;
void channelListMatches;
void eventListMatches;
