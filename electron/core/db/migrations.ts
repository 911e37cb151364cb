// Ordered schema migrations. Each runs in its own transaction; the applied set must be a
// prefix of this list, so a ledger written by a newer version is refused, never damaged.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const now = `(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'ledger core: entities, affiliations, transfers, documents, evidence, price bands, flags',
    sql: `
      CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        sha256 TEXT CHECK (sha256 IS NULL OR (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*')),
        issuer TEXT,
        filed_on TEXT,
        source_url TEXT,
        content BLOB,
        added_at TEXT NOT NULL DEFAULT ${now}
      );
      CREATE UNIQUE INDEX documents_by_sha256 ON documents(sha256) WHERE sha256 IS NOT NULL;

      CREATE TABLE import_batches (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        format TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        created_at TEXT NOT NULL DEFAULT ${now}
      );

      CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('company','person','fund','trust','public_body')),
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        norm_name TEXT NOT NULL,
        jurisdiction TEXT,
        note TEXT,
        created_at TEXT NOT NULL DEFAULT ${now}
      );
      CREATE INDEX entities_by_norm_name ON entities(norm_name);

      CREATE TABLE affiliations (
        id INTEGER PRIMARY KEY,
        subject_id INTEGER NOT NULL REFERENCES entities(id),
        object_id INTEGER NOT NULL REFERENCES entities(id),
        kind TEXT NOT NULL CHECK (kind IN ('ownership','control','role','family')),
        role TEXT,
        equity_pct REAL CHECK (equity_pct IS NULL OR (equity_pct >= 0 AND equity_pct <= 100)),
        voting_pct REAL CHECK (voting_pct IS NULL OR (voting_pct >= 0 AND voting_pct <= 100)),
        valid_from TEXT,
        valid_to TEXT,
        note TEXT,
        CHECK (subject_id <> object_id),
        CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_to >= valid_from)
      );
      CREATE INDEX affiliations_by_object ON affiliations(object_id);
      CREATE INDEX affiliations_by_subject ON affiliations(subject_id);

      CREATE TABLE transfers (
        id INTEGER PRIMARY KEY,
        from_id INTEGER NOT NULL REFERENCES entities(id),
        to_id INTEGER NOT NULL REFERENCES entities(id),
        intended_for_id INTEGER REFERENCES entities(id),
        resource_type TEXT NOT NULL CHECK (resource_type IN ('cash','goods','gpu','compute','data','services','staff','ip','equity','allocation')),
        resource TEXT NOT NULL,
        resource_key TEXT,
        quantity REAL CHECK (quantity IS NULL OR quantity >= 0),
        unit TEXT,
        amount_minor INTEGER CHECK (amount_minor IS NULL OR amount_minor >= 0),
        currency TEXT CHECK (currency IS NULL OR (length(currency) = 3 AND currency = upper(currency))),
        occurred_on TEXT NOT NULL,
        date_precision TEXT NOT NULL DEFAULT 'day' CHECK (date_precision IN ('day','month','year')),
        status TEXT NOT NULL DEFAULT 'executed' CHECK (status IN ('proposed','executed','redirected','reversed')),
        description TEXT NOT NULL DEFAULT '',
        related_transfer_id INTEGER REFERENCES transfers(id),
        batch_id INTEGER REFERENCES import_batches(id),
        CHECK (from_id <> to_id),
        CHECK ((amount_minor IS NULL) = (currency IS NULL))
      );
      CREATE INDEX transfers_by_date ON transfers(occurred_on, id);
      CREATE INDEX transfers_by_amount ON transfers(ifnull(amount_minor, -1), id);
      CREATE INDEX transfers_by_from ON transfers(from_id);
      CREATE INDEX transfers_by_to ON transfers(to_id);
      CREATE INDEX transfers_by_batch ON transfers(batch_id) WHERE batch_id IS NOT NULL;

      -- A pointer from one fact to the place in a document that supports it.
      CREATE TABLE evidence (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        locator TEXT NOT NULL,
        excerpt TEXT NOT NULL,
        transfer_id INTEGER REFERENCES transfers(id) ON DELETE CASCADE,
        affiliation_id INTEGER REFERENCES affiliations(id) ON DELETE CASCADE,
        entity_id INTEGER REFERENCES entities(id) ON DELETE CASCADE,
        CHECK ((transfer_id IS NOT NULL) + (affiliation_id IS NOT NULL) + (entity_id IS NOT NULL) = 1)
      );
      CREATE INDEX evidence_by_transfer ON evidence(transfer_id) WHERE transfer_id IS NOT NULL;
      CREATE INDEX evidence_by_affiliation ON evidence(affiliation_id) WHERE affiliation_id IS NOT NULL;
      CREATE INDEX evidence_by_entity ON evidence(entity_id) WHERE entity_id IS NOT NULL;

      CREATE TABLE price_bands (
        id INTEGER PRIMARY KEY,
        resource_key TEXT NOT NULL,
        label TEXT NOT NULL,
        unit TEXT NOT NULL,
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        low_minor INTEGER NOT NULL,
        base_minor INTEGER NOT NULL,
        high_minor INTEGER NOT NULL,
        valid_from TEXT NOT NULL,
        valid_to TEXT NOT NULL,
        source TEXT NOT NULL,
        document_id INTEGER REFERENCES documents(id),
        CHECK (0 <= low_minor AND low_minor <= base_minor AND base_minor <= high_minor),
        CHECK (valid_to >= valid_from)
      );
      CREATE INDEX price_bands_by_key ON price_bands(resource_key, valid_from);

      CREATE TABLE flags (
        id INTEGER PRIMARY KEY,
        rule_id TEXT NOT NULL,
        rule_version INTEGER NOT NULL,
        transfer_id INTEGER NOT NULL REFERENCES transfers(id) ON DELETE CASCADE,
        severity TEXT NOT NULL CHECK (severity IN ('low','medium','high')),
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        paths_json TEXT NOT NULL,
        at_stake_minor INTEGER,
        at_stake_currency TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','confirmed','dismissed')),
        status_reason TEXT,
        status_changed_at TEXT,
        computed_at TEXT NOT NULL DEFAULT ${now},
        UNIQUE (rule_id, transfer_id)
      );
      CREATE INDEX flags_by_transfer ON flags(transfer_id);

      CREATE TABLE ledger_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
