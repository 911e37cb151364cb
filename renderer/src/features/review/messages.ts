// The review queue's words, English and German. Excerpts, names and periods come from the documents as is.
import type { Messages } from '../../i18n';

const en = {
  title: 'Review proposed transfers',
  loading: 'Loading…',
  empty: 'No proposals wait for review.',
  emptyHint: 'Importing a proxy statement or prospectus proposes transfers from its related-person section.',
  directions: { from_issuer: 'issuer pays / gives', to_issuer: 'issuer receives', unknown: 'direction not stated' } as Record<string, string>,
  duplicate: (id: number) => `⚠ The ledger already has transfer #${id} with the same parties, amount and period; accepting this would count it twice.`,
  issuer: 'Issuer', unknownIssuer: 'unknown',
  counterparty: 'Counterparty', notNamed: 'not named',
  amount: 'Amount', direction: 'Direction', period: 'Period',
  whoPaid: 'Who paid whom?', issuerPaid: 'Issuer paid', issuerReceived: 'Issuer received',
  date: 'Date', datePlaceholder: 'Date (YYYY-MM-DD)',
  accept: 'Accept as transfer',
  rejectReason: 'Reason to reject',
  reject: 'Reject',
};

const de: typeof en = {
  title: 'Vorgeschlagene Übertragungen prüfen',
  loading: 'Wird geladen…',
  empty: 'Keine Vorschläge warten auf Prüfung.',
  emptyHint: 'Ein importiertes Proxy Statement oder ein Prospekt schlägt Übertragungen aus seinem Abschnitt über nahestehende Personen vor.',
  directions: { from_issuer: 'Emittent zahlt / gibt', to_issuer: 'Emittent erhält', unknown: 'Richtung nicht angegeben' },
  duplicate: (id) => `⚠ Das Register enthält bereits die Übertragung Nr. ${id} mit denselben Parteien, demselben Betrag und Zeitraum; wird dieser Vorschlag angenommen, zählt sie doppelt.`,
  issuer: 'Emittent', unknownIssuer: 'unbekannt',
  counterparty: 'Gegenpartei', notNamed: 'nicht genannt',
  amount: 'Betrag', direction: 'Richtung', period: 'Zeitraum',
  whoPaid: 'Wer hat wen bezahlt?', issuerPaid: 'Emittent hat gezahlt', issuerReceived: 'Emittent hat erhalten',
  date: 'Datum', datePlaceholder: 'Datum (JJJJ-MM-TT)',
  accept: 'Als Übertragung übernehmen',
  rejectReason: 'Grund der Ablehnung',
  reject: 'Ablehnen',
};

export const reviewMessages: Messages<typeof en> = { en, de };
