// Strings of the Overview, English and German.
export const overviewMessages = {
  en: {
    title: 'Overview', loading: 'Adding up the ledger…', retry: 'Try again',
    empty: 'This ledger has no transfers yet.', emptyHint: 'Import a file, or open the built-in sample to see an overview.', import: 'Import a file', openSample: 'Open the sample',
    byMonth: 'By month', byQuarter: 'By quarter', granularity: 'Timeline periods',
    currencyNote: (c: string) => `Amounts in ${c} where a rate converts them (at each transfer's date); other currencies are listed separately, never added in.`,
    transfers: 'Transfers', value: 'Value', flags: 'Flags', entities: 'Entities', documents: 'Documents', withoutAmount: (n: string) => `${n} without an amount`,
    flagged: 'Flagged transfers', flaggedNote: 'with a flag that is not dismissed',
    flagStates: (open: string, confirmed: string, dismissed: string) => `${open} open · ${confirmed} confirmed · ${dismissed} dismissed`,
    byRule: 'Amount at stake by rule', bySeverity: 'Amount at stake by severity', rule: 'Rule', regime: 'Regime', severity: 'Severity', atStake: 'At stake',
    noFlags: 'No open or confirmed flags.', perFlag: 'A transfer with several flags counts once for each of them.', showFlags: (rule: string) => `Show the flags of rule ${rule}`,
    pairs: 'Related pairs by flagged value', pair: 'Parties', noPairs: 'No flagged transfers between related parties.',
    timeline: 'Transfers and flags over time', noDatedTransfers: 'No transfer is dated to a month or day.',
    timelineLabel: (periods: number, transfers: number, flags: number, first: string, last: string) =>
      `Timeline of ${periods} periods from ${first} to ${last}: ${transfers} transfers, ${flags} open or confirmed flags`,
    timelineCaption: (c: string) => `Bars: value in ${c}; number under a bar: transfers; ▲ n: open or confirmed flags; + : amounts in other currencies.`,
    asTable: 'Show as a table', period: 'Period', transfersN: (n: number) => (n === 1 ? '1 transfer' : `${n} transfers`), flagsN: (n: number) => (n === 1 ? '1 flag' : `${n} flags`),
    yearOnly: 'Known only to the year', quarter: (q: number, y: string) => `Q${q} ${y}`,
  },
  de: {
    title: 'Übersicht', loading: 'Das Register wird summiert…', retry: 'Erneut versuchen',
    empty: 'Dieses Register enthält noch keine Übertragungen.', emptyHint: 'Importieren Sie eine Datei oder öffnen Sie das mitgelieferte Beispiel.', import: 'Datei importieren', openSample: 'Beispiel öffnen',
    byMonth: 'Nach Monat', byQuarter: 'Nach Quartal', granularity: 'Zeiträume der Zeitleiste',
    currencyNote: (c: string) => `Beträge in ${c}, wo ein Kurs sie umrechnet (zum Datum jeder Übertragung); andere Währungen stehen getrennt und werden nie addiert.`,
    transfers: 'Übertragungen', value: 'Wert', flags: 'Hinweise', entities: 'Beteiligte', documents: 'Dokumente', withoutAmount: (n: string) => `${n} ohne Betrag`,
    flagged: 'Markierte Übertragungen', flaggedNote: 'mit einem nicht verworfenen Hinweis',
    flagStates: (open: string, confirmed: string, dismissed: string) => `${open} offen · ${confirmed} bestätigt · ${dismissed} verworfen`,
    byRule: 'Betroffener Betrag nach Regel', bySeverity: 'Betroffener Betrag nach Schwere', rule: 'Regel', regime: 'Rechtsrahmen', severity: 'Schwere', atStake: 'Betroffen',
    noFlags: 'Keine offenen oder bestätigten Hinweise.', perFlag: 'Eine Übertragung mit mehreren Hinweisen zählt bei jedem von ihnen.', showFlags: (rule: string) => `Hinweise der Regel ${rule} zeigen`,
    pairs: 'Verbundene Paare nach markiertem Wert', pair: 'Parteien', noPairs: 'Keine markierten Übertragungen zwischen verbundenen Parteien.',
    timeline: 'Übertragungen und Hinweise im Zeitverlauf', noDatedTransfers: 'Keine Übertragung ist auf Monat oder Tag datiert.',
    timelineLabel: (periods: number, transfers: number, flags: number, first: string, last: string) =>
      `Zeitleiste mit ${periods} Zeiträumen von ${first} bis ${last}: ${transfers} Übertragungen, ${flags} offene oder bestätigte Hinweise`,
    timelineCaption: (c: string) => `Balken: Wert in ${c}; Zahl unter dem Balken: Übertragungen; ▲ n: offene oder bestätigte Hinweise; + : Beträge in anderen Währungen.`,
    asTable: 'Als Tabelle zeigen', period: 'Zeitraum', transfersN: (n: number) => (n === 1 ? '1 Übertragung' : `${n} Übertragungen`), flagsN: (n: number) => (n === 1 ? '1 Hinweis' : `${n} Hinweise`),
    yearOnly: 'Nur das Jahr bekannt', quarter: (q: number, y: string) => `Q${q} ${y}`,
  },
};
