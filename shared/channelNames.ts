// The channel names alone, for the preload script: it checks names without pulling in zod.
// contract.ts asserts at compile time that this list and the contract agree.
export const channelNames = [
  'ledger:info', 'ledger:list', 'ledger:create', 'ledger:switch', 'ledger:openSample',
  'transfers:page', 'transfer:get', 'flags:list', 'flags:run', 'flag:review', 'report:pdf',
  'entity:create', 'affiliation:create', 'transfer:create', 'transfer:update', 'transfer:delete', 'entities:merge',
  'imports:list', 'import:undo', 'audit:list', 'audit:verify', 'ledger:asOf', 'priceBand:create', 'fx:import', 'candidates:list', 'candidate:accept', 'candidate:reject', 'document:preview', 'document:import', 'export:ftm',
  'settings:get', 'settings:set', 'entity:relatedParties',
] as const;
export const eventNames = ['ledger:changed'] as const;

export function isKnownChannel(name: unknown): boolean {
  return typeof name === 'string' && (channelNames as readonly string[]).includes(name);
}
export function isKnownEvent(name: unknown): boolean {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}
