import Foundation

/// The PostgreSQL schema (issue 16). Like the SQLite migrations, each one is literal SQL and never
/// edited once landed: add a new one instead (STYLE.md §5). The invariants are the schema's own:
/// NOT NULL, CHECK, foreign keys, unique case numbers per municipality, and a case-event log that
/// refuses UPDATE and DELETE (a trigger, whoever asks). Every row belongs to one municipality
/// (`tenant`), and row-level security shows a connection only the rows of the tenant it set for
/// the transaction (`SET LOCAL kasane.tenant`): the application role `kasane_app` owns no table,
/// so the policies apply to it; the owner (`kasane_owner`) migrates and adds tenants.
enum PostgresMigrations {
    /// The migrations in order: (version, name, SQL).
    static let all: [(version: Int, name: String, sql: String)] = [
        (1, "v1: tenants, registry, cases, schedule, calendar objects, feed tokens and audit", v1),
        (2, "v2: details_erased event kind (retention and erasure)", v2),
    ]

    /// `sql` cut into its statements (postgres-nio sends one statement per query): at each `;`
    /// outside quotes ('…'), dollar quotes ($$…$$) and `--` comments; empty ones left out.
    static func statements(_ sql: String) -> [String] {
        var statements: [String] = [], current = ""
        var quoted = false, dollar = false, comment = false
        let characters = Array(sql)
        var i = 0
        while i < characters.count {
            let c = characters[i], next: Character? = i + 1 < characters.count ? characters[i + 1] : nil
            if comment {
                if c == "\n" { comment = false }
            } else if quoted {
                if c == "'" { quoted = false }
            } else if dollar {
                if c == "$" && next == "$" { dollar = false; current.append(c); i += 1; current.append("$"); i += 1; continue }
            } else if c == "-" && next == "-" {
                comment = true
            } else if c == "'" {
                quoted = true
            } else if c == "$" && next == "$" {
                dollar = true; current.append(c); i += 1; current.append("$"); i += 1; continue
            } else if c == ";" {
                let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !statement.isEmpty { statements.append(statement) }
                current = ""; i += 1; continue
            }
            current.append(c)
            i += 1
        }
        let last = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !last.isEmpty && !last.split(separator: "\n").allSatisfy({ $0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }) {
            statements.append(last)
        }
        return statements
    }

    /// The version this build writes.
    static var current: Int { all.last?.version ?? 0 }

    /// The table that records which migrations ran (created before any migration).
    static let bookkeeping = """
        CREATE TABLE IF NOT EXISTS kasane_migration (
          version INTEGER PRIMARY KEY,
          name TEXT NOT NULL,
          applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        """

    /// The tables that belong to a tenant (every one has `tenant` and a tenant policy).
    static let tenantTables = ["tenant_state", "agency", "agency_role", "person", "body", "body_member", "case_file",
                               "household_member", "case_event", "session", "session_item", "joint_acceptance",
                               "deputy", "item_calendar", "invitation", "feed_token", "feed_audit"]

    static let v1 = """
        -- A municipality. Its id is what `--tenant` names; the app sets it per transaction.
        CREATE TABLE tenant (
          id TEXT PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,31}$'),
          name TEXT NOT NULL CHECK (length(name) > 0),
          created_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        -- The tenant a transaction works for; NULL (no row is visible) when none was set.
        CREATE FUNCTION kasane_tenant() RETURNS TEXT LANGUAGE sql STABLE
          AS $$ SELECT nullif(current_setting('kasane.tenant', true), '') $$;
        -- A real day written YYYY-MM-DD ('2027-02-29' is not one).
        CREATE FUNCTION kasane_is_day(t TEXT) RETURNS BOOLEAN LANGUAGE plpgsql IMMUTABLE AS $$
        BEGIN
          RETURN t ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND to_char(t::date, 'YYYY-MM-DD') = t;
        EXCEPTION WHEN others THEN RETURN false;
        END $$;
        CREATE FUNCTION kasane_is_json(t TEXT) RETURNS BOOLEAN LANGUAGE plpgsql IMMUTABLE AS $$
        BEGIN
          RETURN t::jsonb IS NOT NULL;
        EXCEPTION WHEN others THEN RETURN false;
        END $$;
        -- Per tenant: the chain key's fingerprint and the change counters (`version`: what documents
        -- and feeds are made from; `commits`: every commit, feed tokens and audit included).
        CREATE TABLE tenant_state (
          tenant TEXT PRIMARY KEY REFERENCES tenant(id) DEFAULT kasane_tenant(),
          fingerprint TEXT CHECK (fingerprint IS NULL OR length(fingerprint) = 64),
          version BIGINT NOT NULL DEFAULT 0,
          commits BIGINT NOT NULL DEFAULT 0
        );
        CREATE TABLE agency (
          tenant TEXT NOT NULL REFERENCES tenant(id) DEFAULT kasane_tenant(),
          id TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
          name TEXT NOT NULL CHECK (length(name) > 0),
          field TEXT NOT NULL CHECK (field IN ('高齢', '障がい', '子ども', '困窮', '生活保護', '保健・医療', '教育', '住宅',
            '環境', '就労', '司法', '地域', '包括')),
          kind TEXT NOT NULL CHECK (kind IN ('庁内', '委託', '外部')),
          mailbox TEXT NOT NULL CHECK (mailbox LIKE '_%@_%'),
          position INTEGER NOT NULL,
          PRIMARY KEY (tenant, id)
        );
        CREATE TABLE agency_role (
          tenant TEXT NOT NULL DEFAULT kasane_tenant(),
          agency_id TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('多機関協働事業者', 'アウトリーチ等事業者', '参加支援事業者', '自治体')),
          PRIMARY KEY (tenant, agency_id, role),
          FOREIGN KEY (tenant, agency_id) REFERENCES agency(tenant, id) ON DELETE CASCADE
        );
        CREATE TABLE person (
          tenant TEXT NOT NULL DEFAULT kasane_tenant(),
          id TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
          name TEXT NOT NULL CHECK (length(name) > 0),
          mailbox TEXT NOT NULL CHECK (mailbox LIKE '_%@_%'),
          agency_id TEXT NOT NULL,
          title TEXT NOT NULL,
          position INTEGER NOT NULL,
          PRIMARY KEY (tenant, id),
          FOREIGN KEY (tenant, agency_id) REFERENCES agency(tenant, id)
        );
        CREATE TABLE body (
          tenant TEXT NOT NULL REFERENCES tenant(id) DEFAULT kasane_tenant(),
          id TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
          name TEXT NOT NULL CHECK (length(name) > 0),
          kind TEXT NOT NULL CHECK (kind IN ('重層的支援会議', '支援会議', '地域ケア会議', '要保護児童対策地域協議会',
            '障害者自立支援協議会', '支援調整会議', 'その他の会議体')),
          position INTEGER NOT NULL,
          PRIMARY KEY (tenant, id)
        );
        CREATE TABLE body_member (
          tenant TEXT NOT NULL DEFAULT kasane_tenant(),
          body_id TEXT NOT NULL,
          person_id TEXT NOT NULL,
          position INTEGER NOT NULL,
          appointed_on TEXT CHECK (appointed_on IS NULL OR kasane_is_day(appointed_on)),
          confidentiality_acknowledged_on TEXT
            CHECK (confidentiality_acknowledged_on IS NULL OR kasane_is_day(confidentiality_acknowledged_on)),
          appointment_ends_on TEXT CHECK (appointment_ends_on IS NULL OR kasane_is_day(appointment_ends_on)),
          temporary BOOLEAN NOT NULL DEFAULT false,
          PRIMARY KEY (tenant, body_id, person_id),
          FOREIGN KEY (tenant, body_id) REFERENCES body(tenant, id) ON DELETE CASCADE,
          FOREIGN KEY (tenant, person_id) REFERENCES person(tenant, id),
          CHECK (appointment_ends_on IS NULL OR appointed_on IS NULL OR appointment_ends_on >= appointed_on)
        );
        CREATE TABLE case_file (
          tenant TEXT NOT NULL REFERENCES tenant(id) DEFAULT kasane_tenant(),
          id BIGSERIAL PRIMARY KEY,
          number TEXT NOT NULL CHECK (length(number) BETWEEN 1 AND 32),
          opened_on TEXT NOT NULL CHECK (kasane_is_day(opened_on)),
          UNIQUE (tenant, number),
          UNIQUE (tenant, id)
        );
        -- Personal data of household members: only here, never in events or anything exported.
        CREATE TABLE household_member (
          tenant TEXT NOT NULL DEFAULT kasane_tenant(),
          case_id BIGINT NOT NULL,
          key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 32),
          name TEXT NOT NULL CHECK (length(name) > 0),
          birth_date TEXT CHECK (birth_date IS NULL OR kasane_is_day(birth_date)),
          address TEXT,
          circumstances TEXT,
          PRIMARY KEY (tenant, case_id, key),
          FOREIGN KEY (tenant, case_id) REFERENCES case_file(tenant, id)
        );
        CREATE TABLE case_event (
          tenant TEXT NOT NULL DEFAULT kasane_tenant(),
          case_id BIGINT NOT NULL,
          seq INTEGER NOT NULL CHECK (seq >= 1),
          kind TEXT NOT NULL CHECK (kind IN ('opened', 'member_added', 'agency_joined', 'agency_left',
            'consent_granted', 'consent_withdrawn', 'plan_drafted', 'plan_revised', 'contact_logged',
            'end_proposed', 'decision_recorded', 'principal_attendance', 'reopened', 'support_decided')),
          payload TEXT NOT NULL CHECK (kasane_is_json(payload)),
          recorded_at TEXT NOT NULL,
          -- Tamper evidence: HMAC-SHA256 over the previous hash and this event (EventChain).
          hash TEXT NOT NULL CHECK (length(hash) = 64),
          PRIMARY KEY (tenant, case_id, seq),
          FOREIGN KEY (tenant, case_id) REFERENCES case_file(tenant, id)
        );
        CREATE FUNCTION kasane_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'case events are append-only: record a superseding event' USING ERRCODE = 'KS001';
        END $$;
        CREATE TRIGGER case_event_append_only BEFORE UPDATE OR DELETE ON case_event
          FOR EACH ROW EXECUTE FUNCTION kasane_append_only();
        CREATE TRIGGER case_event_no_truncate BEFORE TRUNCATE ON case_event
          FOR EACH STATEMENT EXECUTE FUNCTION kasane_append_only();
        CREATE TABLE session (
          tenant TEXT NOT NULL REFERENCES tenant(id) DEFAULT kasane_tenant(),
          id TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 96),
          kind TEXT NOT NULL CHECK (kind IN ('定例', '随時')),
          series_uid TEXT,
          title TEXT NOT NULL,
          bodies TEXT NOT NULL CHECK (kasane_is_json(bodies) AND jsonb_typeof(bodies::jsonb) = 'array'
            AND jsonb_array_length(bodies::jsonb) >= 1),
          date TEXT NOT NULL CHECK (kasane_is_day(date)),
          start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
          end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
          capacity INTEGER NOT NULL CHECK (capacity >= 1),
          minutes_per_item INTEGER NOT NULL CHECK (minutes_per_item >= 1),
          location TEXT,
          online_url TEXT,
          note TEXT,
          state TEXT NOT NULL DEFAULT '予定' CHECK (state IN ('予定', '開催済', '議事録確定')),
          PRIMARY KEY (tenant, id),
          CHECK (end_minute > start_minute),
          CHECK (kind = '随時' OR series_uid IS NOT NULL)
        );
        CREATE INDEX session_date ON session(tenant, date);
        CREATE TABLE session_item (
          tenant TEXT NOT NULL DEFAULT kasane_tenant(),
          session_id TEXT NOT NULL,
          trigger_id TEXT NOT NULL,
          calendar_key TEXT NOT NULL,
          case_number TEXT NOT NULL,
          position INTEGER NOT NULL CHECK (position >= 0),
          start_minute INTEGER NOT NULL,
          end_minute INTEGER NOT NULL,
          meeting_kind TEXT NOT NULL CHECK (meeting_kind IN ('重層的支援会議', '支援会議')),
          due_on TEXT NOT NULL CHECK (kasane_is_day(due_on)),
          reason TEXT NOT NULL,
          invited BOOLEAN NOT NULL DEFAULT false,
          carried_from TEXT,
          joint_body TEXT,
          PRIMARY KEY (tenant, session_id, trigger_id),
          UNIQUE (tenant, calendar_key),
          UNIQUE (tenant, session_id, position),
          FOREIGN KEY (tenant, session_id) REFERENCES session(tenant, id),
          FOREIGN KEY (tenant, case_number) REFERENCES case_file(tenant, number),
          CHECK (end_minute > start_minute)
        );
        CREATE INDEX session_item_case ON session_item(tenant, case_number);
        -- R5: joint-holding offers the secretariat accepted, one per item.
        CREATE TABLE joint_acceptance (
          tenant TEXT NOT NULL DEFAULT kasane_tenant(),
          trigger_id TEXT NOT NULL,
          session_id TEXT NOT NULL CHECK (length(session_id) BETWEEN 1 AND 96),
          body_id TEXT NOT NULL,
          accepted_on TEXT NOT NULL CHECK (kasane_is_day(accepted_on)),
          PRIMARY KEY (tenant, trigger_id),
          FOREIGN KEY (tenant, body_id) REFERENCES body(tenant, id)
        );
        -- 代理出席: an agency sends another of its people to a session.
        CREATE TABLE deputy (
          tenant TEXT NOT NULL DEFAULT kasane_tenant(),
          session_id TEXT NOT NULL,
          agency_id TEXT NOT NULL,
          person_id TEXT NOT NULL,
          PRIMARY KEY (tenant, session_id, agency_id),
          FOREIGN KEY (tenant, agency_id) REFERENCES agency(tenant, id),
          FOREIGN KEY (tenant, person_id) REFERENCES person(tenant, id)
        );
        -- One calendar object (UID) per case item; what was last published for it.
        CREATE TABLE item_calendar (
          tenant TEXT NOT NULL REFERENCES tenant(id) DEFAULT kasane_tenant(),
          trigger_id TEXT NOT NULL,
          uid TEXT NOT NULL,
          sequence INTEGER NOT NULL CHECK (sequence >= 0),
          content_hash TEXT NOT NULL,
          changed_at BIGINT NOT NULL,
          cancelled_at BIGINT,
          event TEXT NOT NULL CHECK (kasane_is_json(event)),
          PRIMARY KEY (tenant, trigger_id),
          UNIQUE (tenant, uid)
        );
        -- What each person was last sent for an item (REQUEST or CANCEL, and its SEQUENCE).
        CREATE TABLE invitation (
          tenant TEXT NOT NULL DEFAULT kasane_tenant(),
          trigger_id TEXT NOT NULL,
          person_id TEXT NOT NULL,
          method TEXT NOT NULL CHECK (method IN ('REQUEST', 'CANCEL')),
          sequence INTEGER NOT NULL CHECK (sequence >= 0),
          sent_at BIGINT NOT NULL,
          PRIMARY KEY (tenant, trigger_id, person_id),
          FOREIGN KEY (tenant, trigger_id) REFERENCES item_calendar(tenant, trigger_id)
        );
        -- Capability URLs for agency feeds: only the SHA-256 of a token is stored.
        CREATE TABLE feed_token (
          tenant TEXT NOT NULL DEFAULT kasane_tenant(),
          id TEXT NOT NULL CHECK (length(id) BETWEEN 8 AND 32),
          agency_id TEXT NOT NULL,
          token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
          issued_at BIGINT NOT NULL,
          revoked_at BIGINT,
          PRIMARY KEY (tenant, id),
          FOREIGN KEY (tenant, agency_id) REFERENCES agency(tenant, id)
        );
        -- Every feed read: which token id (never the token), when, from where, what was served.
        CREATE TABLE feed_audit (
          tenant TEXT NOT NULL REFERENCES tenant(id) DEFAULT kasane_tenant(),
          id BIGSERIAL PRIMARY KEY,
          at BIGINT NOT NULL,
          agency_id TEXT,
          token_id TEXT,
          client TEXT NOT NULL,
          status INTEGER NOT NULL,
          etag TEXT
        );
        CREATE INDEX feed_audit_at ON feed_audit(tenant, at);
        -- The change counters: every statement that changes a tenant's rows moves `commits`; those on
        -- what documents and feeds are made from move `version` too (audit and tokens do not).
        -- SECURITY DEFINER: the application role cannot write the counters itself.
        CREATE FUNCTION kasane_count_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
          SET search_path = public AS $$
        BEGIN
          UPDATE tenant_state SET commits = commits + 1,
            version = version + CASE WHEN TG_ARGV[0] = 'content' THEN 1 ELSE 0 END
            WHERE tenant = kasane_tenant();
          RETURN NULL;
        END $$;
        DO $$
        DECLARE t TEXT;
        BEGIN
          FOREACH t IN ARRAY ARRAY['agency', 'agency_role', 'person', 'body', 'body_member', 'case_file',
            'household_member', 'case_event', 'session', 'session_item', 'joint_acceptance', 'deputy',
            'item_calendar', 'invitation'] LOOP
            EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
              FOR EACH STATEMENT EXECUTE FUNCTION kasane_count_change(''content'')', t || '_version', t);
          END LOOP;
          FOREACH t IN ARRAY ARRAY['feed_token', 'feed_audit'] LOOP
            EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
              FOR EACH STATEMENT EXECUTE FUNCTION kasane_count_change(''commit'')', t || '_commit', t);
          END LOOP;
        END $$;
        -- Row-level security: a transaction sees and writes only its tenant's rows.
        ALTER TABLE tenant ENABLE ROW LEVEL SECURITY;
        CREATE POLICY tenant_only ON tenant USING (id = kasane_tenant());
        DO $$
        DECLARE t TEXT;
        BEGIN
          FOREACH t IN ARRAY ARRAY['tenant_state', 'agency', 'agency_role', 'person', 'body', 'body_member',
            'case_file', 'household_member', 'case_event', 'session', 'session_item', 'joint_acceptance',
            'deputy', 'item_calendar', 'invitation', 'feed_token', 'feed_audit'] LOOP
            EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
            EXECUTE format('CREATE POLICY tenant_only ON %I USING (tenant = kasane_tenant())
              WITH CHECK (tenant = kasane_tenant())', t);
          END LOOP;
        END $$;
        -- What the application role may do: no DDL, no TRUNCATE, and on the event log and the
        -- tenants only what the invariants allow.
        GRANT USAGE ON SCHEMA public TO kasane_app;
        GRANT SELECT ON tenant, kasane_migration TO kasane_app;
        GRANT SELECT, INSERT ON case_event TO kasane_app;
        GRANT SELECT, INSERT, UPDATE (fingerprint) ON tenant_state TO kasane_app;
        GRANT SELECT, INSERT, UPDATE, DELETE ON agency, agency_role, person, body, body_member, case_file,
          household_member, session, session_item, joint_acceptance, deputy, item_calendar, invitation,
          feed_token TO kasane_app;
        GRANT SELECT, INSERT ON feed_audit TO kasane_app;
        GRANT USAGE ON SEQUENCE case_file_id_seq, feed_audit_id_seq TO kasane_app;
        """

    /// Issue 17: an erasure of personal details is a case event ('details_erased'); the log's kind
    /// list gains it, so a workspace erased on SQLite can be exported to a PostgreSQL tenant.
    static let v2 = """
        ALTER TABLE case_event DROP CONSTRAINT case_event_kind_check;
        ALTER TABLE case_event ADD CONSTRAINT case_event_kind_check CHECK (kind IN ('opened', 'member_added',
          'agency_joined', 'agency_left', 'consent_granted', 'consent_withdrawn', 'plan_drafted', 'plan_revised',
          'contact_logged', 'end_proposed', 'decision_recorded', 'principal_attendance', 'reopened', 'support_decided',
          'details_erased'));
        """
}
