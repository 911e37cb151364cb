// Ids of the sample's entities and flags by name, for the view tests.
import type { Db } from '../../electron/core/db/open';

export const entityId = (db: Db, name: string) => db.prepare(`SELECT id FROM entities WHERE name = ?`).pluck().get(name) as number;

/** The common-control flag on the H100 redirect. */
export const h100FlagId = (db: Db) => db.prepare(`SELECT f.id FROM flags f JOIN transfers t ON t.id = f.transfer_id
  WHERE t.resource = 'Nvidia H100 GPU' AND t.status = 'redirected' AND f.rule_id LIKE 'common-control%'`).pluck().get() as number;
