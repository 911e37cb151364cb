// The audit log's words, English and German. The chain's problem text comes from core as is.
import type { Messages } from '../../i18n';

const en = {
  title: 'Audit log',
  verify: 'Verify the chain',
  intact: (entries: string, head: string) => `✓ Intact: ${entries} entries, head ${head}…`,
  broken: (entry: number, problem: string) => `✗ Broken at entry ${entry}: ${problem}`,
  colSeq: '#', colWhen: 'When', colWho: 'Who', colWhat: 'What', colHash: 'Hash',
};

const de: typeof en = {
  title: 'Prüfprotokoll',
  verify: 'Kette prüfen',
  intact: (entries, head) => `✓ Unversehrt: ${entries} Einträge, letzter Hash ${head}…`,
  broken: (entry, problem) => `✗ Unterbrochen bei Eintrag ${entry}: ${problem}`,
  colSeq: 'Nr.', colWhen: 'Wann', colWho: 'Wer', colWhat: 'Was', colHash: 'Hash',
};

export const auditMessages: Messages<typeof en> = { en, de };
