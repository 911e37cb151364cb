// The import views' words (file import, spreadsheet wizard, import history), English and German.
// Counts arrive already formatted for the locale; ids (batch numbers) stay plain.
import type { Messages } from '../../i18n';

const en = {
  // Import view
  title: 'Import',
  intro: 'Spreadsheets of transfers (CSV, TSV, XLSX: encoding, separators, number and date styles detected, columns mapped by you), XBRL and Inline XBRL filings (10-K, 10-Q, 20-F, ESEF), proxy statements and prospectuses (HTML or text), SEC XBRL JSON (companyfacts, companyconcept) and FollowTheMoney entity files. The format is read from the file\'s content. Nothing is written until you import, and an import can be undone as a whole from the history below.',
  chooseFile: 'Choose or drop a file',
  fileLabel: 'File to import',
  working: 'Working…',
  formatNames: {
    csv: 'CSV ledger of transfers', xlsx: 'XLSX workbook', 'sec-json': 'SEC XBRL JSON', ftm: 'FollowTheMoney entities',
    xbrl: 'XBRL instance', ixbrl: 'Inline XBRL filing', 'proxy-html': 'Proxy statement (HTML)', 'proxy-text': 'Proxy statement (text)',
  } as Record<string, string>,
  previewLabel: 'Import preview',
  alreadyImported: (batch: number) => `This exact file was already imported (batch ${batch}); importing it again would add nothing.`,
  wouldAddDocument: (transfers: string, disclosures: string, figures: string, candidates: string, affiliations: string, parties: string) =>
    `Would add: ${transfers} transfers, ${disclosures} disclosures, ${figures} issuer figures, ${candidates} proposed transfers for review, ${affiliations} affiliations; ${parties} parties.`,
  statesNoTransactions: (quote: string) => `The document states there were no related-party transactions: “${quote}”`,
  partyInFile: 'Party in the file',
  inLedger: 'In the ledger',
  newEntity: 'new entity',
  aNewEntity: 'A new entity',
  whichEntity: (name: string) => `Which entity is ${name}?`,
  problemsDocument: (n: number, count: string, csv: boolean) =>
    `${count} problem${n === 1 ? '' : 's'}${csv ? '; a CSV ledger imports only when every row is valid' : ''}:`,
  validPart: 'Import the valid part and leave these out (recorded with the import)',
  importButton: 'Import',
  importedDocument: (batch: number, transfers: string, disclosures: string, candidates: string, entitiesNew: string, leftOut: string | null) =>
    `Imported batch ${batch}: ${transfers} transfers, ${disclosures} disclosures, ${candidates} proposed transfers, ${entitiesNew} new entities${leftOut ? `; left out ${leftOut} problems` : ''}. Flags were re-run.`,
  importedSheet: (batch: number, transfers: string, newEntities: string, leftOut: string | null, skipped: string | null) =>
    `Imported batch ${batch}: ${transfers} transfers, ${newEntities} new entities${leftOut ? `; left out ${leftOut} problems (recorded with the batch)` : ''}${skipped ? `; skipped ${skipped} rows already in the ledger` : ''}. Flags were re-run.`,
  // Spreadsheet wizard
  sheetTitle: (xlsx: boolean): string => (xlsx ? 'XLSX workbook of transfers' : 'CSV ledger of transfers'),
  reading: 'Reading…',
  encoding: 'Encoding', separator: 'Separator', numbers: 'Numbers', rows: 'Rows',
  numbersFrom: (example: string) => ` (from “${example}”)`,
  numbersAssumed: ' (assumed: no value decided it)',
  datesIn: (header: string) => `Dates in “${header}”`,
  datesAmbiguous: 'ambiguous: choose below',
  fieldLabels: {
    date: 'date', from: 'from (payer)', to: 'to (recipient)', resource: 'resource', resource_type: 'resource type', resource_key: 'price-book key',
    quantity: 'quantity', unit: 'unit', amount: 'amount', currency: 'currency', description: 'description', status: 'status', intended_for: 'intended for',
  } as Record<string, string>,
  dateFormatLabels: { iso: 'ISO (2024-12-31)', dmy: 'day first (31.12.2024, 31/12/2024)', mdy: 'month first (12/31/2024)' } as Record<string, string>,
  sheet: 'Sheet',
  dateFormat: 'Date format',
  dateFormatChoose: 'Choose: the dates fit more than one format',
  decimal: 'Decimal separator', decimalPoint: 'point (1,234.56)', decimalComma: 'comma (1.234,56)',
  preset: 'Preset', presetNone: 'none matched',
  presetUsed: (name: string) => `Mapping from the preset “${name}” (its header row matches).`,
  columnsLabel: 'Columns and first rows',
  line: 'Line', field: 'Field',
  columnN: (n: number) => `column ${n}`,
  fieldFor: (column: string) => `Field for column "${column}"`,
  ignore: 'ignore', guess: 'guess',
  wouldAddSheet: (transfers: string, newParties: string, undecided: string | null, duplicates: string | null) =>
    `Would add: ${transfers} transfers; ${newParties} new parties${undecided ? ` (counting ${undecided} not yet decided as new)` : ''}${duplicates ? `; skips ${duplicates} rows already in the ledger` : ''}.`,
  maybeKnownLabel: 'Parties that may already be in the ledger',
  askParties: (n: number, count: string) => (n === 1
    ? 'This party may already be in the ledger under another name. Say which entity it is, or that it is new:'
    : `These ${count} parties may already be in the ledger under another name. Say which entity each one is, or that it is new:`),
  choose: 'Choose…',
  notShown: (count: string) => `${count} more parties may already be in the ledger but are not listed here; the import will name them.`,
  duplicateRows: (count: string) => `Rows already in the ledger (${count})`,
  partiesInFile: (count: string) => `Parties in the file (${count})`,
  matches: (name: string) => `matches ${name}`,
  maybe: (names: string[]) => `maybe ${names.join(' or ')}`,
  decideAbove: '(decide above)',
  problemsSheet: (n: number, count: string) =>
    `${count} problem${n === 1 ? '' : 's'}; a spreadsheet imports only when every row is valid, unless you import its valid part:`,
  savePreset: 'Save mapping as preset', presetPlaceholder: 'e.g. Bank export',
  decideFor: (n: number, count: string) => `Decide for ${count} ${n === 1 ? 'party' : 'parties'} that may already be in the ledger`,
  progressLabel: 'Import progress',
  progressRows: (rows: string) => `${rows} rows`,
  cancel: 'Cancel',
  // Import history
  historyTitle: 'Import history',
  historyEmpty: 'Nothing has been imported into this ledger yet.',
  colBatch: 'Batch', colFile: 'File', colImported: 'Imported', colRows: 'Rows', colHash: 'SHA-256',
  undoneOn: (date: string) => `undone ${date}`,
  undoReasonLabel: (batch: number) => `Reason to undo batch ${batch}`,
  undoReason: 'Reason (optional)',
  undoBatch: (batch: number) => `Undo batch ${batch}`,
  undoAsk: 'Undo…',
  undid: (batch: number, transfers: string, entities: string) => `Undid batch ${batch}: removed ${transfers} transfers and ${entities} entities.`,
};

const de: typeof en = {
  title: 'Import',
  intro: 'Tabellen mit Übertragungen (CSV, TSV, XLSX: Zeichenkodierung, Trennzeichen, Zahlen- und Datumsformat werden erkannt, die Spalten ordnen Sie selbst zu), XBRL- und Inline-XBRL-Berichte (10-K, 10-Q, 20-F, ESEF), Proxy Statements und Prospekte (HTML oder Text), SEC-XBRL-JSON (companyfacts, companyconcept) und FollowTheMoney-Dateien mit Beteiligten. Das Format wird aus dem Inhalt der Datei erkannt. Erst beim Importieren wird etwas gespeichert, und jeder Import lässt sich unten im Verlauf als Ganzes rückgängig machen.',
  chooseFile: 'Datei wählen oder hier ablegen',
  fileLabel: 'Zu importierende Datei',
  working: 'Wird verarbeitet…',
  formatNames: {
    csv: 'CSV-Liste mit Übertragungen', xlsx: 'XLSX-Arbeitsmappe', 'sec-json': 'SEC-XBRL-JSON', ftm: 'FollowTheMoney-Beteiligte',
    xbrl: 'XBRL-Instanz', ixbrl: 'Inline-XBRL-Bericht', 'proxy-html': 'Proxy Statement (HTML)', 'proxy-text': 'Proxy Statement (Text)',
  },
  previewLabel: 'Importvorschau',
  alreadyImported: (batch) => `Genau diese Datei wurde bereits importiert (Import Nr. ${batch}); ein erneuter Import würde nichts hinzufügen.`,
  wouldAddDocument: (transfers, disclosures, figures, candidates, affiliations, parties) =>
    `Würde hinzufügen: ${transfers} Übertragungen, ${disclosures} Offenlegungen, ${figures} Kennzahlen des Emittenten, ${candidates} vorgeschlagene Übertragungen zur Prüfung, ${affiliations} Verbindungen; ${parties} Beteiligte.`,
  statesNoTransactions: (quote) => `Laut Dokument gab es keine Geschäfte mit nahestehenden Personen: „${quote}“`,
  partyInFile: 'Beteiligte in der Datei',
  inLedger: 'Im Register',
  newEntity: 'neu',
  aNewEntity: 'Neu anlegen',
  whichEntity: (name) => `Welcher Beteiligte im Register ist ${name}?`,
  problemsDocument: (n, count, csv) =>
    `${count} ${n === 1 ? 'Problem' : 'Probleme'}${csv ? '; eine CSV-Liste wird nur importiert, wenn jede Zeile gültig ist' : ''}:`,
  validPart: 'Den gültigen Teil importieren und diese auslassen (wird mit dem Import vermerkt)',
  importButton: 'Importieren',
  importedDocument: (batch, transfers, disclosures, candidates, entitiesNew, leftOut) =>
    `Import Nr. ${batch} abgeschlossen: ${transfers} Übertragungen, ${disclosures} Offenlegungen, ${candidates} vorgeschlagene Übertragungen, ${entitiesNew} neue Beteiligte${leftOut ? `; ${leftOut} Probleme ausgelassen` : ''}. Die Hinweise wurden neu ermittelt.`,
  importedSheet: (batch, transfers, newEntities, leftOut, skipped) =>
    `Import Nr. ${batch} abgeschlossen: ${transfers} Übertragungen, ${newEntities} neue Beteiligte${leftOut ? `; ${leftOut} Probleme ausgelassen (mit dem Import vermerkt)` : ''}${skipped ? `; ${skipped} Zeilen übersprungen, die schon im Register stehen` : ''}. Die Hinweise wurden neu ermittelt.`,
  sheetTitle: (xlsx) => (xlsx ? 'XLSX-Arbeitsmappe mit Übertragungen' : 'CSV-Liste mit Übertragungen'),
  reading: 'Wird gelesen…',
  encoding: 'Zeichenkodierung', separator: 'Trennzeichen', numbers: 'Zahlen', rows: 'Zeilen',
  numbersFrom: (example) => ` (erkannt an „${example}“)`,
  numbersAssumed: ' (angenommen: kein Wert war eindeutig)',
  datesIn: (header) => `Datumsangaben in „${header}“`,
  datesAmbiguous: 'mehrdeutig: bitte unten wählen',
  fieldLabels: {
    date: 'Datum', from: 'von (Zahler)', to: 'an (Empfänger)', resource: 'Ressource', resource_type: 'Ressourcenart', resource_key: 'Preisbuch-Schlüssel',
    quantity: 'Menge', unit: 'Einheit', amount: 'Betrag', currency: 'Währung', description: 'Beschreibung', status: 'Status', intended_for: 'bestimmt für',
  },
  dateFormatLabels: { iso: 'ISO (2024-12-31)', dmy: 'Tag zuerst (31.12.2024, 31/12/2024)', mdy: 'Monat zuerst (12/31/2024)' },
  sheet: 'Tabellenblatt',
  dateFormat: 'Datumsformat',
  dateFormatChoose: 'Bitte wählen: Die Datumsangaben passen zu mehr als einem Format',
  decimal: 'Dezimaltrennzeichen', decimalPoint: 'Punkt (1,234.56)', decimalComma: 'Komma (1.234,56)',
  preset: 'Vorlage', presetNone: 'keine passende',
  presetUsed: (name) => `Zuordnung aus der Vorlage „${name}“ (ihre Kopfzeile passt).`,
  columnsLabel: 'Spalten und erste Zeilen',
  line: 'Zeile', field: 'Feld',
  columnN: (n) => `Spalte ${n}`,
  fieldFor: (column) => `Feld für Spalte „${column}“`,
  ignore: 'ignorieren', guess: 'geschätzt',
  wouldAddSheet: (transfers, newParties, undecided, duplicates) =>
    `Würde hinzufügen: ${transfers} Übertragungen; ${newParties} neue Beteiligte${undecided ? ` (davon ${undecided} noch nicht entschieden und als neu gezählt)` : ''}${duplicates ? `; überspringt ${duplicates} Zeilen, die schon im Register stehen` : ''}.`,
  maybeKnownLabel: 'Beteiligte, die vielleicht schon im Register stehen',
  askParties: (n, count) => (n === 1
    ? 'Dieser Beteiligte steht vielleicht schon unter einem anderen Namen im Register. Geben Sie an, wer es ist oder dass er neu ist:'
    : `Diese ${count} Beteiligten stehen vielleicht schon unter einem anderen Namen im Register. Geben Sie für jeden an, wer es ist oder dass er neu ist:`),
  choose: 'Bitte wählen…',
  notShown: (count) => `${count} weitere Beteiligte stehen vielleicht schon im Register, sind hier aber nicht aufgeführt; der Import nennt sie.`,
  duplicateRows: (count) => `Zeilen, die schon im Register stehen (${count})`,
  partiesInFile: (count) => `Beteiligte in der Datei (${count})`,
  matches: (name) => `entspricht ${name}`,
  maybe: (names) => `vielleicht ${names.join(' oder ')}`,
  decideAbove: '(oben entscheiden)',
  problemsSheet: (n, count) =>
    `${count} ${n === 1 ? 'Problem' : 'Probleme'}; eine Tabelle wird nur importiert, wenn jede Zeile gültig ist, es sei denn, Sie importieren ihren gültigen Teil:`,
  savePreset: 'Zuordnung als Vorlage speichern', presetPlaceholder: 'z. B. Bankexport',
  decideFor: (n, count) => (n === 1
    ? `Entscheiden Sie über ${count} Beteiligten, der vielleicht schon im Register steht`
    : `Entscheiden Sie über ${count} Beteiligte, die vielleicht schon im Register stehen`),
  progressLabel: 'Importfortschritt',
  progressRows: (rows) => `${rows} Zeilen`,
  cancel: 'Abbrechen',
  historyTitle: 'Importverlauf',
  historyEmpty: 'In dieses Register wurde noch nichts importiert.',
  colBatch: 'Nr.', colFile: 'Datei', colImported: 'Importiert', colRows: 'Zeilen', colHash: 'SHA-256',
  undoneOn: (date) => `rückgängig gemacht am ${date}`,
  undoReasonLabel: (batch) => `Grund, Import Nr. ${batch} rückgängig zu machen`,
  undoReason: 'Grund (optional)',
  undoBatch: (batch) => `Import Nr. ${batch} rückgängig machen`,
  undoAsk: 'Rückgängig machen…',
  undid: (batch, transfers, entities) => `Import Nr. ${batch} rückgängig gemacht: ${transfers} Übertragungen und ${entities} Beteiligte entfernt.`,
};

export const importerMessages: Messages<typeof en> = { en, de };
export type ImporterMessages = typeof en;
