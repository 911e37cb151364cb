// Column mappings saved per source ("Deutsche Bank export"), found again for a new file from the
// same source by its header row.
import type { Db } from '../../db/open';
import { AppError } from '../../errors';
import { appendAudit } from '../../ledger/auditLog';
import { headerKey, transferFields, type TransferField } from '../csvColumns';
import type { ColumnMapping, SpreadsheetOptions } from './sheetRow';

export interface ImportPreset {
  id: number; name: string; format: string; headerSignature: string | null; headers: string[];
  mapping: ColumnMapping; options: SpreadsheetOptions; createdAt: string; updatedAt: string;
}

/** The header row, folded the way headers are compared, as one string. */
export function headerSignature(headers: string[]): string {
  return headers.map(headerKey).join('|');
}

interface PresetRow { id: number; name: string; format: string; header_signature: string | null; options_json: string; mapping_json: string; created_at: string; updated_at: string }

const fieldSet = new Set<string>(transferFields);

function toPreset(r: PresetRow): ImportPreset {
  const stored = JSON.parse(r.mapping_json) as { headers?: string[]; mapping?: Array<string | null> };
  const mapping = (stored.mapping ?? []).map((f) => (f !== null && fieldSet.has(f) ? (f as TransferField) : null));
  return {
    id: r.id, name: r.name, format: r.format, headerSignature: r.header_signature, headers: stored.headers ?? [], mapping,
    options: JSON.parse(r.options_json) as SpreadsheetOptions, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export function listPresets(db: Db): ImportPreset[] {
  return (db.prepare(`SELECT * FROM import_presets ORDER BY name`).all() as PresetRow[]).map(toPreset);
}

/** The preset saved for a file with this header row, most recently updated first. */
export function presetForHeaders(db: Db, headers: string[]): ImportPreset | null {
  const r = db.prepare(`SELECT * FROM import_presets WHERE header_signature = ? ORDER BY updated_at DESC, id DESC LIMIT 1`).get(headerSignature(headers)) as PresetRow | undefined;
  return r ? toPreset(r) : null;
}

export function presetByName(db: Db, name: string): ImportPreset | null {
  const r = db.prepare(`SELECT * FROM import_presets WHERE name = ?`).get(name.trim()) as PresetRow | undefined;
  return r ? toPreset(r) : null;
}

/** Save (or replace, by name) a mapping with its format choices. Runs inside the caller's transaction if any. */
export function savePreset(db: Db, p: { name: string; format: string; headers: string[]; mapping: ColumnMapping; options: SpreadsheetOptions }): number {
  const name = p.name.trim();
  if (!name) throw new AppError('invalid_input', 'a preset needs a name (the source of the file, e.g. "Bank export")');
  const existing = presetByName(db, name);
  const mappingJson = JSON.stringify({ headers: p.headers, mapping: p.mapping });
  const optionsJson = JSON.stringify(p.options);
  const now = new Date().toISOString();
  let id: number;
  if (existing) {
    db.prepare(`UPDATE import_presets SET format = ?, header_signature = ?, options_json = ?, mapping_json = ?, updated_at = ? WHERE id = ?`)
      .run(p.format, headerSignature(p.headers), optionsJson, mappingJson, now, existing.id);
    id = existing.id;
  } else {
    id = Number(db.prepare(`INSERT INTO import_presets (name, format, header_signature, options_json, mapping_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(name, p.format, headerSignature(p.headers), optionsJson, mappingJson, now, now).lastInsertRowid);
  }
  appendAudit(db, { action: 'importPreset.save', summary: `${existing ? 'updated' : 'saved'} import preset "${name}"`, details: { id, name, format: p.format, headers: p.headers, mapping: p.mapping, options: p.options } });
  return id;
}

export function deletePreset(db: Db, id: number): void {
  db.transaction(() => {
    const r = db.prepare(`SELECT name FROM import_presets WHERE id = ?`).get(id) as { name: string } | undefined;
    if (!r) throw new AppError('not_found', `There is no import preset ${id}.`);
    db.prepare(`DELETE FROM import_presets WHERE id = ?`).run(id);
    appendAudit(db, { action: 'importPreset.delete', summary: `deleted import preset "${r.name}"`, details: { id, name: r.name } });
  })();
}
