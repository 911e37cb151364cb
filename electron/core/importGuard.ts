// A streamed import holds one transaction open across the awaits between its chunks, on the
// ledger's only connection. A write made meanwhile would land inside that transaction (and vanish
// if the import is cancelled), a ledger switch would pull the file away under it, and a report
// would print half an import. So while a transaction is open at the start of a call, only
// reads that cannot mislead, and cancelling, are let through.
import type { Channel } from '../../shared/contract';
import type { Handlers } from './dispatch';
import { AppError } from './errors';

export const callsAllowedDuringImport: ReadonlySet<Channel> = new Set<Channel>([
  'ledger:info', 'ledger:list', 'import:cancel', 'imports:list', 'importPresets:list', 'settings:get',
  'audit:list', 'audit:verify', 'transfers:page', 'transfer:get', 'flags:list', 'flags:page', 'flag:get', 'candidates:list',
  'search:global', 'entities:search', 'entity:get', 'documents:list', 'document:get',
  'rules:profile:get', 'valuation:assumptions:get',
]);

export function guardDuringImport(handlers: Handlers, importing: () => boolean): Handlers {
  const guarded = { ...handlers } as Record<Channel, (input: never) => unknown>;
  for (const channel of Object.keys(handlers) as Channel[]) {
    if (callsAllowedDuringImport.has(channel)) continue;
    const run = handlers[channel] as (input: never) => unknown;
    guarded[channel] = (input: never) => {
      if (importing()) throw new AppError('ledger_refused', `An import is running, so ${channel} has to wait: let it finish or cancel it first.`);
      return run(input);
    };
  }
  return guarded as Handlers;
}
