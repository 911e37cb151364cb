// The channel names alone, for the preload script: it checks names without pulling in zod.
// contract.ts asserts at compile time that this list and the contract agree.
export const channelNames = [
  'ledger:info', 'ledger:list', 'ledger:create', 'ledger:switch', 'ledger:openSample',
  'transfers:page', 'transfer:get', 'flags:list', 'flags:page', 'flag:get', 'flags:run', 'flag:review', 'report:pdf', 'report:html', 'report:export', 'report:print',
  'entity:create', 'affiliation:create', 'transfer:create', 'transfer:update', 'transfer:delete', 'entities:merge',
  'imports:list', 'import:undo', 'audit:list', 'audit:verify', 'ledger:asOf', 'priceBand:create', 'fx:import', 'candidates:list', 'candidate:accept', 'candidate:reject', 'document:preview', 'document:import', 'export:ftm',
  'settings:get', 'settings:set', 'entity:relatedParties',
  'spreadsheet:preview', 'spreadsheet:import', 'import:cancel', 'importPresets:list', 'importPresets:delete',
  'search:global', 'overview:get',
  'entities:search', 'entity:get', 'graph:neighbourhood', 'flows:summary', 'documents:list', 'document:get',
  'entity:lookThrough', 'rules:profile:get', 'rules:profile:set', 'valuation:assumptions:get', 'valuation:assumptions:set', 'valuation:detail', 'valuation:sensitivity', 'disclosures:unexplained',
  'priceBands:list', 'fx:currencies',
] as const;
export const eventNames = ['ledger:changed', 'import:progress'] as const;

export function isKnownChannel(name: unknown): boolean {
  return typeof name === 'string' && (channelNames as readonly string[]).includes(name);
}
export function isKnownEvent(name: unknown): boolean {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}
