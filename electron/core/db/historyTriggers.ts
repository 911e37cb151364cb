// Bitemporal history: before a fact row is changed or deleted, its old version is copied into
// fact_history with the time it was recorded and the time it stopped being the ledger's view.
// Inserts cost nothing extra, so bulk imports stay fast.

export const historyColumns: Record<string, string[]> = {
  entities: ['id', 'kind', 'name', 'norm_name', 'jurisdiction', 'note', 'merged_into_id', 'batch_id', 'recorded_at'],
  entity_identifiers: ['id', 'entity_id', 'scheme', 'value', 'jurisdiction', 'recorded_at'],
  entity_aliases: ['id', 'entity_id', 'alias', 'norm_alias', 'recorded_at'],
  affiliations: ['id', 'subject_id', 'object_id', 'kind', 'role', 'equity_pct', 'voting_pct', 'direct', 'valid_from', 'valid_to', 'note', 'recorded_at'],
  transfers: ['id', 'from_id', 'to_id', 'intended_for_id', 'resource_type', 'resource', 'resource_key', 'quantity', 'unit', 'amount_minor',
    'currency', 'occurred_on', 'date_precision', 'status', 'description', 'batch_id', 'source_line', 'source_start', 'source_end', 'recorded_at'],
  transfer_links: ['id', 'a_id', 'b_id', 'kind', 'note', 'recorded_at'],
  documents: ['id', 'name', 'kind', 'sha256', 'issuer', 'filed_on', 'source_url', 'recorded_at'],
  evidence: ['id', 'document_id', 'locator', 'excerpt', 'transfer_id', 'affiliation_id', 'entity_id', 'page', 'element_id', 'line',
    'char_start', 'char_end', 'recorded_at'],
  price_bands: ['id', 'resource_key', 'label', 'unit', 'currency', 'low_minor', 'base_minor', 'high_minor', 'valid_from', 'valid_to', 'source', 'recorded_at'],
  fx_rates: ['id', 'base', 'quote', 'day', 'rate_micro', 'source', 'recorded_at'],
  disclosures: ['id', 'document_id', 'issuer_id', 'counterparty_id', 'counterparty_label', 'concept', 'direction', 'period_start', 'period_end',
    'amount_minor', 'currency', 'description', 'locator', 'excerpt', 'batch_id', 'recorded_at'],
};

const nowExpr = `strftime('%Y-%m-%dT%H:%M:%fZ','now')`;

function rowJson(table: string, alias: 'OLD' | 'NEW'): string {
  return `json_object(${historyColumns[table]!.map((c) => `'${c}', ${alias}.${c}`).join(', ')})`;
}

export function historyTriggersSql(table: string): string {
  return `
    CREATE TRIGGER ${table}_history_update AFTER UPDATE ON ${table} BEGIN
      INSERT INTO fact_history (table_name, row_id, row_json, recorded_at, retired_at)
      VALUES ('${table}', OLD.id, ${rowJson(table, 'OLD')}, OLD.recorded_at,
              CASE WHEN NEW.recorded_at IS NOT NULL AND NEW.recorded_at IS NOT OLD.recorded_at THEN NEW.recorded_at ELSE ${nowExpr} END);
    END;
    CREATE TRIGGER ${table}_history_delete AFTER DELETE ON ${table} BEGIN
      INSERT INTO fact_history (table_name, row_id, row_json, recorded_at, retired_at)
      VALUES ('${table}', OLD.id, ${rowJson(table, 'OLD')}, OLD.recorded_at, ${nowExpr});
    END;`;
}
