// Which CSV header names map to which transfer field. Headers are compared after folding
// accents (Währung -> wahrung), lower-casing and turning anything that is not a letter or digit
// into "_". English names first, then German and a few French spellings seen in bank exports.

export const transferFields = [
  'date', 'from', 'to', 'resource', 'resource_type', 'resource_key', 'quantity', 'unit',
  'amount', 'currency', 'description', 'status', 'intended_for',
] as const;
export type TransferField = (typeof transferFields)[number];

export const requiredFields: TransferField[] = ['date', 'from', 'to', 'resource'];

const aliases: Record<TransferField, string[]> = {
  date: ['date', 'event_date', 'transfer_date', 'occurred_on', 'value_date', 'transaction_date', 'booking_date',
    'datum', 'buchungsdatum', 'valuta', 'wertstellung', 'buchungstag', 'date_operation'],
  from: ['from', 'from_entity', 'payer', 'sender', 'source_entity', 'transferor',
    'zahler', 'absender', 'auftraggeber', 'von', 'payeur', 'emetteur'],
  to: ['to', 'to_entity', 'payee', 'recipient', 'beneficiary', 'transferee',
    'empfanger', 'empfaenger', 'zahlungsempfanger', 'begunstigter', 'an', 'beneficiaire', 'destinataire'],
  resource: ['resource', 'item', 'asset', 'what', 'gegenstand', 'leistung', 'ressource', 'objet'],
  resource_type: ['resource_type', 'type', 'category', 'kind', 'art', 'typ', 'kategorie'],
  resource_key: ['resource_key', 'price_key', 'price_book_key'],
  quantity: ['quantity', 'qty', 'units', 'count', 'menge', 'anzahl', 'stuck', 'quantite'],
  unit: ['unit', 'uom', 'unit_of_measure', 'einheit', 'unite'],
  amount: ['amount', 'value', 'reported_amount', 'reported_value', 'betrag', 'summe', 'wert', 'montant'],
  currency: ['currency', 'ccy', 'cur', 'currency_code', 'wahrung', 'waehrung', 'devise'],
  description: ['description', 'memo', 'purpose', 'note', 'notes', 'beschreibung', 'verwendungszweck', 'bemerkung', 'libelle'],
  status: ['status', 'zustand'],
  intended_for: ['intended_for', 'meant_for', 'allocated_to', 'bestimmt_fur'],
};

/** Names that say "the other party" without saying which side: suggested as "to", with low confidence. */
const counterpartyNames = ['counterparty', 'gegenpartei', 'gegenseite', 'contrepartie', 'partner'];

export function headerKey(header: string): string {
  return header.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase()
    .replace(/ß/g, 'ss').replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

export function aliasesOf(field: TransferField): string[] {
  return aliases[field];
}

export interface ColumnSuggestion {
  column: number;
  header: string;
  field: TransferField | null;
  /** 1 the field's own name, 0.9 a known alias, 0.6 a header containing an alias, 0.4 a guess. */
  confidence: number;
  why: string;
}

/** A suggestion per column, each field given to at most one column (the most confident). */
export function suggestMapping(headers: string[]): ColumnSuggestion[] {
  const guesses = headers.map((header, column): ColumnSuggestion => {
    const key = headerKey(header);
    const none = { column, header, field: null, confidence: 0, why: 'no known name' };
    if (!key) return none;
    const exact = transferFields.find((f) => f === key);
    if (exact) return { column, header, field: exact, confidence: 1, why: "the field's own name" };
    const alias = transferFields.find((f) => aliases[f].includes(key));
    if (alias) return { column, header, field: alias, confidence: 0.9, why: `a known name for ${alias}` };
    if (counterpartyNames.includes(key)) return { column, header, field: 'to', confidence: 0.4, why: 'names the other party without saying which side; check it' };
    const words = key.split('_');
    const partial = transferFields.find((f) => aliases[f].some((a) => a.length >= 4 && (words.includes(a) || key.includes(a))));
    if (partial) return { column, header, field: partial, confidence: 0.6, why: `contains a name for ${partial}` };
    return none;
  });
  const taken = new Map<TransferField, ColumnSuggestion>();
  for (const g of [...guesses].sort((a, b) => b.confidence - a.confidence)) {
    if (!g.field) continue;
    if (taken.has(g.field)) Object.assign(g, { field: null, confidence: 0, why: `"${taken.get(g.field)!.header}" already gives ${g.field}` });
    else taken.set(g.field, g);
  }
  return guesses;
}

/** The problems of a mapping (one field or null per column) before any row is read. */
export function mappingProblems(headers: string[], mapping: Array<TransferField | null>): string[] {
  const problems: string[] = [];
  if (mapping.length !== headers.length) problems.push(`the mapping has ${mapping.length} columns, the file has ${headers.length}`);
  const seen = new Map<TransferField, number>();
  mapping.forEach((f, i) => {
    if (!f) return;
    if (seen.has(f)) problems.push(`columns "${headers[seen.get(f)!]}" and "${headers[i]}" both give ${f}`);
    else seen.set(f, i);
  });
  // Named for those without the mapping wizard (CLI, document import): which headers would do.
  for (const f of requiredFields) if (!seen.has(f)) problems.push(`no column gives "${f}" (a header named one of: ${aliases[f].join(', ')}; or choose one in the mapping)`);
  if (seen.has('amount') && !seen.has('currency')) problems.push('column "amount" needs a "currency" column beside it');
  return problems;
}
