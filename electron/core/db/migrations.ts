// Ordered schema migrations. Each runs in its own transaction; the applied set must be a
// prefix of this list, so a ledger written by a newer version is refused, never damaged.

import type Database from 'better-sqlite3';
import { historyColumns, historyTriggersSql } from './historyTriggers';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Work SQL alone cannot do (e.g. hashing), run in the same transaction after sql. */
  after?: (db: Database.Database) => void;
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
  {
    version: 2,
    name: 'full model: identifiers, aliases, merges, transfer links, locators, FX rates, disclosures, approvals, bitemporal history, audit log',
    sql: `
      -- When the ledger learned each fact. Rows from schema 1 get the time of this migration
      -- (or their document's time), as nothing better is known.
      ALTER TABLE entities ADD COLUMN merged_into_id INTEGER REFERENCES entities(id);
      ALTER TABLE entities ADD COLUMN batch_id INTEGER REFERENCES import_batches(id);
      ALTER TABLE entities ADD COLUMN recorded_at TEXT;
      UPDATE entities SET recorded_at = created_at;
      ALTER TABLE affiliations ADD COLUMN direct INTEGER NOT NULL DEFAULT 1 CHECK (direct IN (0, 1));
      ALTER TABLE affiliations ADD COLUMN recorded_at TEXT;
      UPDATE affiliations SET recorded_at = ${now};
      -- Where an imported transfer came from: line and byte range in its batch's stored document.
      ALTER TABLE transfers ADD COLUMN source_line INTEGER;
      ALTER TABLE transfers ADD COLUMN source_start INTEGER;
      ALTER TABLE transfers ADD COLUMN source_end INTEGER;
      ALTER TABLE transfers ADD COLUMN recorded_at TEXT;
      UPDATE transfers SET recorded_at = ifnull((SELECT b.created_at FROM import_batches b WHERE b.id = transfers.batch_id), ${now});
      ALTER TABLE documents ADD COLUMN recorded_at TEXT;
      UPDATE documents SET recorded_at = added_at;
      ALTER TABLE evidence ADD COLUMN page INTEGER;
      ALTER TABLE evidence ADD COLUMN element_id TEXT;
      ALTER TABLE evidence ADD COLUMN line INTEGER;
      ALTER TABLE evidence ADD COLUMN char_start INTEGER;
      ALTER TABLE evidence ADD COLUMN char_end INTEGER;
      ALTER TABLE evidence ADD COLUMN recorded_at TEXT;
      UPDATE evidence SET recorded_at = ${now};
      UPDATE evidence SET line = CAST(substr(locator, 6) AS INTEGER) WHERE locator GLOB 'line [0-9]*';
      ALTER TABLE price_bands ADD COLUMN recorded_at TEXT;
      UPDATE price_bands SET recorded_at = ${now};
      ALTER TABLE import_batches ADD COLUMN undone_at TEXT;
      ALTER TABLE import_batches ADD COLUMN entity_count INTEGER NOT NULL DEFAULT 0;

      CREATE TABLE entity_identifiers (
        id INTEGER PRIMARY KEY,
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        scheme TEXT NOT NULL CHECK (scheme IN ('cik','lei','ticker','isin','registration','other')),
        value TEXT NOT NULL CHECK (length(trim(value)) > 0),
        jurisdiction TEXT,
        recorded_at TEXT NOT NULL DEFAULT ${now}
      );
      CREATE UNIQUE INDEX entity_identifiers_unique ON entity_identifiers(scheme, value, ifnull(jurisdiction, ''));
      CREATE INDEX entity_identifiers_by_entity ON entity_identifiers(entity_id);

      CREATE TABLE entity_aliases (
        id INTEGER PRIMARY KEY,
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        alias TEXT NOT NULL CHECK (length(trim(alias)) > 0),
        norm_alias TEXT NOT NULL,
        recorded_at TEXT NOT NULL DEFAULT ${now},
        UNIQUE (entity_id, norm_alias)
      );
      CREATE INDEX entity_aliases_by_norm ON entity_aliases(norm_alias);

      -- A merge keeps both entities: the loser points at the winner and keeps its history.
      CREATE TABLE entity_merges (
        id INTEGER PRIMARY KEY,
        winner_id INTEGER NOT NULL REFERENCES entities(id),
        loser_id INTEGER NOT NULL REFERENCES entities(id),
        reason TEXT NOT NULL,
        moved_json TEXT NOT NULL,
        merged_at TEXT NOT NULL DEFAULT ${now},
        CHECK (winner_id <> loser_id)
      );

      CREATE TABLE transfer_links (
        id INTEGER PRIMARY KEY,
        a_id INTEGER NOT NULL REFERENCES transfers(id) ON DELETE CASCADE,
        b_id INTEGER NOT NULL REFERENCES transfers(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('swap_leg','replaces','related')),
        note TEXT,
        recorded_at TEXT NOT NULL DEFAULT ${now},
        CHECK (a_id <> b_id),
        UNIQUE (a_id, b_id, kind)
      );
      CREATE INDEX transfer_links_by_b ON transfer_links(b_id);
      INSERT INTO transfer_links (a_id, b_id, kind, note)
        SELECT id, related_transfer_id, 'related', 'from schema 1' FROM transfers
        WHERE related_transfer_id IS NOT NULL AND related_transfer_id <> id; -- schema 1 let a transfer point at itself
      UPDATE transfers SET related_transfer_id = NULL WHERE related_transfer_id IS NOT NULL; -- superseded by transfer_links

      CREATE TABLE fx_rates (
        id INTEGER PRIMARY KEY,
        base TEXT NOT NULL CHECK (length(base) = 3),
        quote TEXT NOT NULL CHECK (length(quote) = 3 AND quote <> base),
        day TEXT NOT NULL,
        rate_micro INTEGER NOT NULL CHECK (rate_micro > 0), -- units of quote per 1 base, in millionths
        source TEXT NOT NULL,
        recorded_at TEXT NOT NULL DEFAULT ${now},
        UNIQUE (base, quote, day, source)
      );
      CREATE INDEX fx_rates_lookup ON fx_rates(base, quote, day);

      -- What a filing said, kept apart from transfers observed elsewhere so the two can be compared.
      CREATE TABLE disclosures (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        issuer_id INTEGER REFERENCES entities(id),
        counterparty_id INTEGER REFERENCES entities(id),
        counterparty_label TEXT,
        concept TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('paid','received','payable','receivable','other')),
        period_start TEXT,
        period_end TEXT,
        amount_minor INTEGER,
        currency TEXT,
        description TEXT NOT NULL DEFAULT '',
        locator TEXT NOT NULL,
        excerpt TEXT NOT NULL DEFAULT '',
        batch_id INTEGER REFERENCES import_batches(id),
        recorded_at TEXT NOT NULL DEFAULT ${now},
        CHECK ((amount_minor IS NULL) = (currency IS NULL)),
        CHECK (period_start IS NULL OR period_end IS NULL OR period_end >= period_start)
      );
      CREATE INDEX disclosures_by_issuer ON disclosures(issuer_id, period_end);

      -- Review of a transfer by a board, committee or shareholders (for the approval rules).
      CREATE TABLE approvals (
        id INTEGER PRIMARY KEY,
        transfer_id INTEGER NOT NULL REFERENCES transfers(id) ON DELETE CASCADE,
        body TEXT NOT NULL,
        independent INTEGER NOT NULL CHECK (independent IN (0, 1)),
        decision TEXT NOT NULL CHECK (decision IN ('approved','ratified','rejected')),
        decided_on TEXT,
        document_id INTEGER REFERENCES documents(id),
        recorded_at TEXT NOT NULL DEFAULT ${now}
      );
      CREATE INDEX approvals_by_transfer ON approvals(transfer_id);

      CREATE TABLE fact_history (
        id INTEGER PRIMARY KEY,
        table_name TEXT NOT NULL,
        row_id INTEGER NOT NULL,
        row_json TEXT NOT NULL,
        recorded_at TEXT,
        retired_at TEXT NOT NULL
      );
      CREATE INDEX fact_history_by_row ON fact_history(table_name, row_id);
      CREATE INDEX fact_history_by_time ON fact_history(table_name, retired_at);

      -- Every change, chained by SHA-256 so an altered entry can be found (see ledger/auditLog.ts).
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        summary TEXT NOT NULL,
        details_json TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );

      -- Filtered, sorted pages of transfers (keyset), for the grid.
      DROP INDEX transfers_by_batch; -- undo scans by batch_id; one fewer index to maintain on import
      DROP INDEX transfers_by_from;
      DROP INDEX transfers_by_to;
      CREATE INDEX transfers_by_from ON transfers(from_id, occurred_on, id);
      CREATE INDEX transfers_by_to ON transfers(to_id, occurred_on, id);

      ${Object.keys(historyColumns).map(historyTriggersSql).join('\n')}
    `,
  },
  {
    version: 3,
    name: 'filing imports: review queue for proposed transfers, document findings, issuer figures, partial imports',
    sql: `
      -- Transfers a parser proposes from prose or tables; nothing enters the ledger until a person accepts.
      CREATE TABLE transfer_candidates (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        batch_id INTEGER REFERENCES import_batches(id),
        issuer_id INTEGER REFERENCES entities(id),
        counterparty TEXT,
        direction TEXT NOT NULL CHECK (direction IN ('from_issuer','to_issuer','unknown')),
        amount_minor INTEGER CHECK (amount_minor IS NULL OR amount_minor >= 0),
        currency TEXT,
        period_text TEXT,
        period_start TEXT,
        period_end TEXT,
        description TEXT NOT NULL,
        excerpt TEXT NOT NULL,
        locator TEXT NOT NULL,
        char_start INTEGER,
        char_end INTEGER,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','rejected')),
        transfer_id INTEGER REFERENCES transfers(id) ON DELETE SET NULL,
        decided_at TEXT,
        decided_reason TEXT,
        recorded_at TEXT NOT NULL DEFAULT ${now},
        CHECK ((amount_minor IS NULL) = (currency IS NULL))
      );
      CREATE INDEX transfer_candidates_by_status ON transfer_candidates(status, id);

      -- What a document says that is not a number: related-party text blocks, and statements that
      -- there were no related-party transactions (recorded as such, so silence is not mistaken for it).
      CREATE TABLE document_findings (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        batch_id INTEGER REFERENCES import_batches(id),
        kind TEXT NOT NULL CHECK (kind IN ('text_block','no_transactions')),
        concept TEXT,
        text TEXT NOT NULL,
        locator TEXT NOT NULL,
        recorded_at TEXT NOT NULL DEFAULT ${now}
      );
      CREATE INDEX document_findings_by_document ON document_findings(document_id);

      -- Issuer figures for materiality tests (revenue, total assets, equity), from filings or typed in.
      CREATE TABLE issuer_figures (
        id INTEGER PRIMARY KEY,
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        figure TEXT NOT NULL CHECK (figure IN ('revenue','totalAssets','equity')),
        concept TEXT,
        period_start TEXT,
        period_end TEXT NOT NULL,
        amount_minor INTEGER NOT NULL,
        currency TEXT NOT NULL,
        document_id INTEGER REFERENCES documents(id),
        batch_id INTEGER REFERENCES import_batches(id),
        locator TEXT,
        recorded_at TEXT NOT NULL DEFAULT ${now}
      );
      CREATE UNIQUE INDEX issuer_figures_unique ON issuer_figures(entity_id, figure, period_end, currency, ifnull(document_id, 0));

      -- A file with problems imports nothing unless the person chooses to import its valid part;
      -- that choice and the problems left out are recorded with the batch.
      ALTER TABLE import_batches ADD COLUMN valid_part_only INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE import_batches ADD COLUMN problems_json TEXT;
    `,
  },
  {
    version: 4,
    name: 'workspace: import mapping presets, report runs, flag checklists and regimes',
    sql: `
      -- A column mapping and format choices saved per source, so the next file from it maps itself.
      CREATE TABLE import_presets (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
        format TEXT NOT NULL,
        header_signature TEXT,
        options_json TEXT NOT NULL,
        mapping_json TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT ${now},
        updated_at TEXT NOT NULL DEFAULT ${now}
      );
      -- [spreadsheet schema]
      -- How a stored text file is encoded (utf-8, utf-8-bom, windows-1252), so its rows read back right as evidence.
      ALTER TABLE documents ADD COLUMN text_encoding TEXT;
      -- A file imported as a stream is stored in consecutive parts instead of documents.content,
      -- so it is never held whole in memory; byte offsets count from the start of the file.
      CREATE TABLE document_parts (
        document_id INTEGER NOT NULL REFERENCES documents(id),
        seq INTEGER NOT NULL,
        start_byte INTEGER NOT NULL,
        content BLOB NOT NULL,
        PRIMARY KEY (document_id, seq)
      );

      -- Each generated report's scope and summary, so the next report of the same scope can say what changed.
      CREATE TABLE report_runs (
        id INTEGER PRIMARY KEY,
        scope_key TEXT NOT NULL,
        scope_json TEXT NOT NULL,
        state_hash TEXT NOT NULL,
        summary_json TEXT NOT NULL,
        generated_at TEXT NOT NULL DEFAULT ${now}
      );
      CREATE INDEX report_runs_by_scope ON report_runs(scope_key, id);
      -- [reports schema]

      -- Flags carry their regime and a structured checklist (Broz factors, thresholds) with evidence per item.
      ALTER TABLE flags ADD COLUMN regime TEXT;
      ALTER TABLE flags ADD COLUMN checklist_json TEXT;
      ALTER TABLE flags ADD COLUMN status_by TEXT;
      -- [conflicts schema]
      -- What the last rule run saw (high-water marks, a fingerprint of its other inputs), so the next run evaluates only what changed.
      CREATE TABLE rule_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      -- Transfers meant for someone else (corporate opportunity) are found without a scan.
      CREATE INDEX transfers_by_intended ON transfers(intended_for_id) WHERE intended_for_id IS NOT NULL;
      -- A hash of a flag's computed content: a re-run compares hashes instead of reading every flag's text back.
      ALTER TABLE flags ADD COLUMN content_hash TEXT;

      -- The Documents view lists every fact drawn from one document: look them up by document.
      CREATE INDEX evidence_by_document ON evidence(document_id);
      CREATE INDEX disclosures_by_document ON disclosures(document_id);
      CREATE INDEX transfer_candidates_by_document ON transfer_candidates(document_id);
      CREATE INDEX issuer_figures_by_document ON issuer_figures(document_id) WHERE document_id IS NOT NULL;
      -- [views schema]
    `,
  },
  {
    version: 5,
    name: 'aliases learned from an import belong to its batch',
    sql: `
      -- A spelling a person said is an existing entity (a spreadsheet party) becomes its alias with the import's batch, so undoing the batch removes it.
      ALTER TABLE entity_aliases ADD COLUMN batch_id INTEGER REFERENCES import_batches(id);
      -- [schema 5]
      -- [rules speed] A flag's paths (~1 KB of JSON) are the same for every rule one transfer meets: kept
      -- once here by their SHA-1 (conflicts/flagPaths.ts) and referred to by flags.paths_id, with
      -- flags.paths_json left ''. Flags written before keep their paths inline (paths_id NULL).
      CREATE TABLE flag_paths (id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, paths_json TEXT NOT NULL);
      ALTER TABLE flags ADD COLUMN paths_id INTEGER REFERENCES flag_paths(id);
      CREATE INDEX flags_by_paths ON flags(paths_id) WHERE paths_id IS NOT NULL;
      -- Paths no flag refers to any more go with the last flag that did (removed by a run, rewritten,
      -- or deleted with its transfer), so none is left behind and no run has to look for them.
      CREATE TRIGGER flags_release_paths_delete AFTER DELETE ON flags WHEN OLD.paths_id IS NOT NULL BEGIN
        DELETE FROM flag_paths WHERE id = OLD.paths_id AND NOT EXISTS (SELECT 1 FROM flags WHERE paths_id = OLD.paths_id);
      END;
      CREATE TRIGGER flags_release_paths_update AFTER UPDATE OF paths_id ON flags WHEN OLD.paths_id IS NOT NULL AND OLD.paths_id IS NOT NEW.paths_id BEGIN
        DELETE FROM flag_paths WHERE id = OLD.paths_id AND NOT EXISTS (SELECT 1 FROM flags WHERE paths_id = OLD.paths_id);
      END;
      -- The Flags board sorts, filters and pages in SQL (conflicts/flagBoard.ts). A flag's row is
      -- large (its paths as JSON), so a scan of the table reads ~50 MB at 30k flags: each board
      -- order has an index that gives it without a sort step (the sort keys, then the flag id, the
      -- tie-breaker) and also holds the filter columns, so filters, counts and the rule/regime
      -- lists never read the table; only a page's own rows are. Same expressions as flagBoard.ts.
      CREATE INDEX IF NOT EXISTS flags_board_by_severity ON flags((CASE severity WHEN 'high' THEN 2 WHEN 'medium' THEN 1 ELSE 0 END), ifnull(at_stake_minor, -1), id, status, rule_id, regime, severity);
      CREATE INDEX IF NOT EXISTS flags_board_by_amount ON flags(ifnull(at_stake_minor, -1), id, status, rule_id, regime, severity);
      CREATE INDEX IF NOT EXISTS flags_board_by_rule ON flags(rule_id, id, status, regime, severity);
      CREATE INDEX IF NOT EXISTS flags_board_by_status ON flags((CASE status WHEN 'open' THEN 0 WHEN 'confirmed' THEN 1 ELSE 2 END), id, status, rule_id, regime, severity);
      -- The date order joins each flag to its transfer.
      CREATE INDEX IF NOT EXISTS flags_board_by_transfer ON flags(transfer_id, status, rule_id, regime, severity);
      -- [flags board schema]
    `,
  },
];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
