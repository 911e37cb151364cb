// Strings of the flags board's "Disclosures no transfer explains" tab and the rules-run line.
export const unexplainedMessages = {
  en: {
    tabs: 'Flags board sections', flagsTab: 'Flags', unexplainedTab: 'Disclosures no transfer explains',
    title: 'Disclosures no transfer explains', note: 'Amounts the filings disclose that the ledger\'s transfers between the same parties, in the period, do not add up to (within the disclosure tolerance of the rule profile).',
    loading: 'Checking the disclosures…', empty: 'Every disclosed amount is explained by transfers in the ledger, or no filing with disclosures has been imported.',
    count: (n: number) => (n === 1 ? '1 disclosure' : `${n} disclosures`),
    document: 'Document', parties: 'Issuer ↔ counterparty', period: 'Period', disclosed: 'Disclosed', found: 'Transfers found', why: 'Why',
    openDocument: (doc: string, loc: string) => `Open ${doc} at ${loc}`, unknown: 'unknown', transfers: (n: number, total: string) => `${n} (${total})`,
    runRules: 'Run the rules now', running: 'Running the rules…',
    lastRun: (mode: string, n: number | null, reason: string) => `Last run: ${mode}${n === null ? '' : `, ${n} transfers evaluated`}. ${reason}`,
    modes: { full: 'full', incremental: 'incremental' } as Record<string, string>,
    runTotals: (created: number, updated: number, removed: number, total: number) => `${created} new, ${updated} updated, ${removed} removed; ${total} flags.`,
  },
  de: {
    tabs: 'Bereiche der Hinweisübersicht', flagsTab: 'Hinweise', unexplainedTab: 'Offenlegungen ohne passende Übertragung',
    title: 'Offenlegungen ohne passende Übertragung', note: 'Beträge, die Berichte offenlegen und die die Übertragungen zwischen denselben Parteien im Zeitraum nicht ergeben (innerhalb der Offenlegungstoleranz des Regelprofils).',
    loading: 'Offenlegungen werden geprüft…', empty: 'Jeder offengelegte Betrag wird durch Übertragungen im Register erklärt, oder es wurde kein Bericht mit Offenlegungen importiert.',
    count: (n: number) => (n === 1 ? '1 Offenlegung' : `${n} Offenlegungen`),
    document: 'Dokument', parties: 'Emittent ↔ Gegenpartei', period: 'Zeitraum', disclosed: 'Offengelegt', found: 'Gefundene Übertragungen', why: 'Warum',
    openDocument: (doc: string, loc: string) => `${doc} an Stelle ${loc} öffnen`, unknown: 'unbekannt', transfers: (n: number, total: string) => `${n} (${total})`,
    runRules: 'Regeln jetzt ausführen', running: 'Regeln laufen…',
    lastRun: (mode: string, n: number | null, reason: string) => `Letzter Lauf: ${mode}${n === null ? '' : `, ${n} Übertragungen geprüft`}. ${reason}`,
    modes: { full: 'vollständig', incremental: 'inkrementell' } as Record<string, string>,
    runTotals: (created: number, updated: number, removed: number, total: number) => `${created} neu, ${updated} geändert, ${removed} entfernt; ${total} Hinweise.`,
  },
};
