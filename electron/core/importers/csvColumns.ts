// Which CSV header names map to which transfer field. Headers are compared after lower-casing
// and turning anything that is not a letter or digit into "_".

export const transferFields = [
  'date', 'from', 'to', 'resource', 'resource_type', 'resource_key', 'quantity', 'unit',
  'amount', 'currency', 'description', 'status', 'intended_for',
] as const;
export type TransferField = (typeof transferFields)[number];

export const requiredFields: TransferField[] = ['date', 'from', 'to', 'resource'];

const aliases: Record<TransferField, string[]> = {
  date: ['date', 'event_date', 'transfer_date', 'occurred_on', 'value_date', 'transaction_date'],
  from: ['from', 'from_entity', 'payer', 'sender', 'source_entity', 'transferor'],
  to: ['to', 'to_entity', 'payee', 'recipient', 'beneficiary', 'transferee'],
  resource: ['resource', 'item', 'asset', 'what'],
  resource_type: ['resource_type', 'type', 'category', 'kind'],
  resource_key: ['resource_key', 'price_key', 'price_book_key'],
  quantity: ['quantity', 'qty', 'units', 'count'],
  unit: ['unit', 'uom', 'unit_of_measure'],
  amount: ['amount', 'value', 'reported_amount', 'reported_value'],
  currency: ['currency', 'ccy', 'cur', 'currency_code'],
  description: ['description', 'memo', 'purpose', 'note', 'notes'],
  status: ['status'],
  intended_for: ['intended_for', 'meant_for', 'allocated_to'],
};

export function headerKey(header: string): string {
  return header.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

export function aliasesOf(field: TransferField): string[] {
  return aliases[field];
}

/** Map each field to a column index; unknown headers are ignored, duplicates are an error. */
export function mapColumns(headers: string[]): { columns: Partial<Record<TransferField, number>>; problems: string[] } {
  const columns: Partial<Record<TransferField, number>> = {};
  const problems: string[] = [];
  headers.forEach((h, index) => {
    const key = headerKey(h);
    const field = transferFields.find((f) => aliases[f].includes(key));
    if (!field) return;
    if (columns[field] !== undefined) problems.push(`columns "${headers[columns[field]!]}" and "${h}" both give ${field}`);
    else columns[field] = index;
  });
  for (const f of requiredFields) {
    if (columns[f] === undefined) problems.push(`missing column "${f}" (a header named one of: ${aliases[f].join(', ')})`);
  }
  if (columns.amount !== undefined && columns.currency === undefined) problems.push('column "amount" needs a "currency" column beside it');
  return { columns, problems };
}
