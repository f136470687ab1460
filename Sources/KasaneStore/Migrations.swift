import Foundation
import GRDB
import KasaneCore

/// The schema. Migrations are never edited once landed: add a new one instead (STYLE.md §5).
/// Invariants live in the schema (NOT NULL, CHECK, foreign keys, unique case numbers), and the
/// case-event log refuses UPDATE and DELETE.
enum Migrations {
    /// The migrator; `chainKey` is the key file migration v6 creates (or reads) to seal the chain.
    static func migrator(chainKey: ChainKeySource) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: registry and case files") { db in
            // Frozen lists (issue 13): what v1 means never changes with the code's enums. A new
            // enum case needs a new migration (MigrationTests checks every case is allowed).
            let fields = sqlList(["高齢", "障がい", "子ども", "困窮", "生活保護", "保健・医療", "教育", "住宅", "環境", "就労",
                                  "司法", "地域", "包括"])
            let kinds = sqlList(["庁内", "委託", "外部"])
            let roles = sqlList(["多機関協働事業者", "アウトリーチ等事業者", "参加支援事業者", "自治体"])
            let bodyKinds = sqlList(["重層的支援会議", "支援会議", "地域ケア会議", "要保護児童対策地域協議会", "障害者自立支援協議会",
                                     "支援調整会議", "その他の会議体"])
            let eventKinds = sqlList(["opened", "member_added", "agency_joined", "agency_left", "consent_granted",
                                      "consent_withdrawn", "plan_drafted", "plan_revised", "contact_logged",
                                      "end_proposed", "decision_recorded", "principal_attendance", "reopened"])
            // date(x, '+0 days') normalises impossible days (date('2027-02-29') alone does not).
            try db.execute(sql: """
                CREATE TABLE agency (
                  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
                  name TEXT NOT NULL CHECK (length(name) > 0),
                  field TEXT NOT NULL CHECK (field IN (\(fields))),
                  kind TEXT NOT NULL CHECK (kind IN (\(kinds))),
                  mailbox TEXT NOT NULL CHECK (mailbox LIKE '_%@_%'),
                  position INTEGER NOT NULL
                ) STRICT;
                CREATE TABLE agency_role (
                  agency_id TEXT NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
                  role TEXT NOT NULL CHECK (role IN (\(roles))),
                  PRIMARY KEY (agency_id, role)
                ) STRICT;
                CREATE TABLE person (
                  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
                  name TEXT NOT NULL CHECK (length(name) > 0),
                  mailbox TEXT NOT NULL CHECK (mailbox LIKE '_%@_%'),
                  agency_id TEXT NOT NULL REFERENCES agency(id),
                  title TEXT NOT NULL,
                  position INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX person_agency ON person(agency_id);
                CREATE TABLE body (
                  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
                  name TEXT NOT NULL CHECK (length(name) > 0),
                  kind TEXT NOT NULL CHECK (kind IN (\(bodyKinds))),
                  position INTEGER NOT NULL
                ) STRICT;
                CREATE TABLE body_member (
                  body_id TEXT NOT NULL REFERENCES body(id) ON DELETE CASCADE,
                  person_id TEXT NOT NULL REFERENCES person(id),
                  position INTEGER NOT NULL,
                  appointed_on TEXT CHECK (appointed_on IS NULL OR date(appointed_on, '+0 days') = appointed_on),
                  confidentiality_acknowledged_on TEXT
                    CHECK (confidentiality_acknowledged_on IS NULL
                           OR date(confidentiality_acknowledged_on, '+0 days') = confidentiality_acknowledged_on),
                  appointment_ends_on TEXT
                    CHECK (appointment_ends_on IS NULL OR date(appointment_ends_on, '+0 days') = appointment_ends_on),
                  temporary INTEGER NOT NULL DEFAULT 0 CHECK (temporary IN (0, 1)),
                  PRIMARY KEY (body_id, person_id),
                  CHECK (appointment_ends_on IS NULL OR appointed_on IS NULL OR appointment_ends_on >= appointed_on)
                ) STRICT;
                CREATE TABLE case_file (
                  id INTEGER PRIMARY KEY,
                  number TEXT NOT NULL UNIQUE CHECK (length(number) BETWEEN 1 AND 32),
                  opened_on TEXT NOT NULL CHECK (date(opened_on, '+0 days') = opened_on)
                ) STRICT;
                -- Personal data of household members: only here, never in events or anything exported.
                CREATE TABLE household_member (
                  case_id INTEGER NOT NULL REFERENCES case_file(id),
                  key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 32),
                  name TEXT NOT NULL CHECK (length(name) > 0),
                  birth_date TEXT CHECK (birth_date IS NULL OR date(birth_date, '+0 days') = birth_date),
                  address TEXT,
                  circumstances TEXT,
                  PRIMARY KEY (case_id, key)
                ) STRICT;
                CREATE TABLE case_event (
                  case_id INTEGER NOT NULL REFERENCES case_file(id),
                  seq INTEGER NOT NULL CHECK (seq >= 1),
                  kind TEXT NOT NULL CHECK (kind IN (\(eventKinds))),
                  payload TEXT NOT NULL CHECK (json_valid(payload)),
                  recorded_at TEXT NOT NULL,
                  -- Tamper evidence: SHA-256 over the previous hash and this event (see EventChain).
                  hash TEXT NOT NULL CHECK (length(hash) = 64),
                  PRIMARY KEY (case_id, seq)
                ) STRICT;
                CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event
                BEGIN SELECT RAISE(ABORT, 'case events are append-only: record a superseding event'); END;
                CREATE TRIGGER case_event_no_delete BEFORE DELETE ON case_event
                BEGIN SELECT RAISE(ABORT, 'case events are append-only: record a superseding event'); END;
                """)
        }
        migrator.registerMigration("v2: sessions and scheduled items") { db in
            let meetingKinds = sqlList(["重層的支援会議", "支援会議"])
            try db.execute(sql: """
                CREATE TABLE session (
                  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 96),
                  kind TEXT NOT NULL CHECK (kind IN ('定例', '随時')),
                  series_uid TEXT,
                  title TEXT NOT NULL,
                  bodies TEXT NOT NULL CHECK (json_valid(bodies) AND json_array_length(bodies) >= 1),
                  date TEXT NOT NULL CHECK (date(date, '+0 days') = date),
                  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
                  end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
                  capacity INTEGER NOT NULL CHECK (capacity >= 1),
                  minutes_per_item INTEGER NOT NULL CHECK (minutes_per_item >= 1),
                  location TEXT,
                  online_url TEXT,
                  note TEXT,
                  CHECK (end_minute > start_minute),
                  CHECK (kind = '随時' OR series_uid IS NOT NULL)
                ) STRICT;
                CREATE INDEX session_date ON session(date);
                CREATE TABLE session_item (
                  trigger_id TEXT PRIMARY KEY NOT NULL,
                  case_number TEXT NOT NULL REFERENCES case_file(number),
                  session_id TEXT NOT NULL REFERENCES session(id),
                  position INTEGER NOT NULL CHECK (position >= 0),
                  start_minute INTEGER NOT NULL,
                  end_minute INTEGER NOT NULL,
                  meeting_kind TEXT NOT NULL CHECK (meeting_kind IN (\(meetingKinds))),
                  due_on TEXT NOT NULL CHECK (date(due_on, '+0 days') = due_on),
                  reason TEXT NOT NULL,
                  invited INTEGER NOT NULL DEFAULT 0 CHECK (invited IN (0, 1)),
                  UNIQUE (session_id, position),
                  CHECK (end_minute > start_minute)
                ) STRICT;
                CREATE INDEX session_item_case ON session_item(case_number);
                """)
        }
        migrator.registerMigration("v3: calendar objects, invitations, feed tokens and audit") { db in
            try db.execute(sql: """
                -- One calendar object (UID) per case item; what was last published for it.
                CREATE TABLE item_calendar (
                  trigger_id TEXT PRIMARY KEY NOT NULL,
                  uid TEXT NOT NULL UNIQUE,
                  sequence INTEGER NOT NULL CHECK (sequence >= 0),
                  content_hash TEXT NOT NULL,
                  changed_at INTEGER NOT NULL,
                  cancelled_at INTEGER,
                  event TEXT NOT NULL CHECK (json_valid(event))
                ) STRICT;
                -- What each person was last sent for an item (REQUEST or CANCEL, and its SEQUENCE).
                CREATE TABLE invitation (
                  trigger_id TEXT NOT NULL REFERENCES item_calendar(trigger_id),
                  person_id TEXT NOT NULL,
                  method TEXT NOT NULL CHECK (method IN ('REQUEST', 'CANCEL')),
                  sequence INTEGER NOT NULL CHECK (sequence >= 0),
                  sent_at INTEGER NOT NULL,
                  PRIMARY KEY (trigger_id, person_id)
                ) STRICT;
                -- Capability URLs for agency feeds: only the SHA-256 of a token is stored.
                CREATE TABLE feed_token (
                  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 8 AND 32),
                  agency_id TEXT NOT NULL REFERENCES agency(id),
                  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
                  issued_at INTEGER NOT NULL,
                  revoked_at INTEGER
                ) STRICT;
                CREATE INDEX feed_token_agency ON feed_token(agency_id);
                -- Every feed read: which token id (never the token), when, from where, what was served.
                CREATE TABLE feed_audit (
                  id INTEGER PRIMARY KEY,
                  at INTEGER NOT NULL,
                  agency_id TEXT,
                  token_id TEXT,
                  client TEXT NOT NULL,
                  status INTEGER NOT NULL,
                  etag TEXT
                ) STRICT;
                CREATE INDEX feed_audit_at ON feed_audit(at);
                """)
        }
        migrator.registerMigration("v4: deputies") { db in
            try db.execute(sql: """
                -- 代理出席: an agency sends another of its people to a session.
                CREATE TABLE deputy (
                  session_id TEXT NOT NULL,
                  agency_id TEXT NOT NULL REFERENCES agency(id),
                  person_id TEXT NOT NULL REFERENCES person(id),
                  PRIMARY KEY (session_id, agency_id)
                ) STRICT;
                """)
        }
        migrator.registerMigration("v5: workspace version") { db in
            // A counter every change to what documents and feeds are made from increments, so a
            // long-running server knows cheaply whether to render again (audit rows do not count).
            try db.execute(sql: """
                CREATE TABLE workspace_version (
                  id INTEGER PRIMARY KEY CHECK (id = 1),
                  version INTEGER NOT NULL
                ) STRICT;
                INSERT INTO workspace_version (id, version) VALUES (1, 0);
                """)
            for table in ["agency", "agency_role", "person", "body", "body_member", "case_file", "household_member",
                          "case_event", "session", "session_item", "deputy", "item_calendar", "invitation"] {
                for op in ["INSERT", "UPDATE", "DELETE"] {
                    try db.execute(sql: """
                        CREATE TRIGGER \(table)_\(op.lowercased())_version AFTER \(op) ON \(table)
                        BEGIN UPDATE workspace_version SET version = version + 1; END;
                        """)
                }
            }
        }
        migrator.registerMigration("v6: keyed event chain") { db in
            // The chain becomes HMAC-SHA256 under a key kept outside the database (EventChain).
            // Events recorded before stay as they are (the log is append-only): the last plain
            // SHA-256 hash of every case is sealed with the key here, once, and the keyed chain
            // continues from it. A case without an anchor is keyed from its first event.
            try db.execute(sql: """
                -- Recognises the key (its MAC of a fixed text), never the key itself.
                CREATE TABLE chain_key (
                  id INTEGER PRIMARY KEY CHECK (id = 1),
                  fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 64)
                ) STRICT;
                CREATE TABLE chain_anchor (
                  case_id INTEGER PRIMARY KEY REFERENCES case_file(id),
                  seq INTEGER NOT NULL CHECK (seq >= 1),
                  head TEXT NOT NULL CHECK (length(head) = 64),
                  seal TEXT NOT NULL CHECK (length(seal) = 64)
                ) STRICT;
                CREATE TRIGGER chain_anchor_no_update BEFORE UPDATE ON chain_anchor
                BEGIN SELECT RAISE(ABORT, 'chain anchors are permanent'); END;
                CREATE TRIGGER chain_anchor_no_delete BEFORE DELETE ON chain_anchor
                BEGIN SELECT RAISE(ABORT, 'chain anchors are permanent'); END;
                CREATE TRIGGER chain_key_no_update BEFORE UPDATE ON chain_key
                BEGIN SELECT RAISE(ABORT, 'the chain key is permanent'); END;
                CREATE TRIGGER chain_key_no_delete BEFORE DELETE ON chain_key
                BEGIN SELECT RAISE(ABORT, 'the chain key is permanent'); END;
                """)
            let key = try chainKey.loadOrCreate()
            try db.execute(sql: "INSERT INTO chain_key (id, fingerprint) VALUES (1, ?)",
                           arguments: [EventChain.fingerprint(key)])
            let heads = try Row.fetchAll(db, sql: """
                SELECT c.id, c.number, e.seq, e.hash FROM case_file c
                JOIN case_event e ON e.case_id = c.id
                WHERE e.seq = (SELECT max(seq) FROM case_event WHERE case_id = c.id)
                """)
            for row in heads {
                let seq: Int = row["seq"], head: String = row["hash"]
                try db.execute(sql: "INSERT INTO chain_anchor (case_id, seq, head, seal) VALUES (?, ?, ?, ?)",
                               arguments: [row["id"] as Int64, seq, head,
                                           EventChain.anchorSeal(key: key, caseNumber: row["number"], seq: seq, head: head)])
            }
        }
        migrator.registerMigration("v7: meetings as records, carried items, joint holding, 支援決定") { db in
            // Literal lists from here on (STYLE.md §5): what v7 means never changes with the code.
            try db.execute(sql: """
                -- R20: a session is planned, held, or minuted.
                ALTER TABLE session ADD COLUMN state TEXT NOT NULL DEFAULT '予定'
                  CHECK (state IN ('予定', '開催済', '議事録確定'));
                -- One row per item placed in a session: an item left undecided at a held session is
                -- carried over as a new row (its own calendar object), and the held row stays (R20).
                CREATE TABLE session_item_v6 (
                  session_id TEXT NOT NULL REFERENCES session(id),
                  trigger_id TEXT NOT NULL,
                  calendar_key TEXT NOT NULL UNIQUE,
                  case_number TEXT NOT NULL REFERENCES case_file(number),
                  position INTEGER NOT NULL CHECK (position >= 0),
                  start_minute INTEGER NOT NULL,
                  end_minute INTEGER NOT NULL,
                  meeting_kind TEXT NOT NULL CHECK (meeting_kind IN ('重層的支援会議', '支援会議')),
                  due_on TEXT NOT NULL CHECK (date(due_on, '+0 days') = due_on),
                  reason TEXT NOT NULL,
                  invited INTEGER NOT NULL DEFAULT 0 CHECK (invited IN (0, 1)),
                  carried_from TEXT,
                  joint_body TEXT,
                  PRIMARY KEY (session_id, trigger_id),
                  UNIQUE (session_id, position),
                  CHECK (end_minute > start_minute)
                ) STRICT;
                INSERT INTO session_item_v6 (session_id, trigger_id, calendar_key, case_number, position,
                  start_minute, end_minute, meeting_kind, due_on, reason, invited)
                  SELECT session_id, trigger_id, trigger_id, case_number, position, start_minute, end_minute,
                    meeting_kind, due_on, reason, invited FROM session_item;
                DROP TABLE session_item;
                ALTER TABLE session_item_v6 RENAME TO session_item;
                CREATE INDEX session_item_case ON session_item(case_number);
                CREATE INDEX session_item_trigger ON session_item(trigger_id);
                -- R5: joint-holding offers the secretariat accepted, one per item.
                CREATE TABLE joint_acceptance (
                  trigger_id TEXT PRIMARY KEY NOT NULL,
                  session_id TEXT NOT NULL CHECK (length(session_id) BETWEEN 1 AND 96),
                  body_id TEXT NOT NULL REFERENCES body(id),
                  accepted_on TEXT NOT NULL CHECK (date(accepted_on, '+0 days') = accepted_on)
                ) STRICT;
                -- The case-event log with a frozen list of kinds, 支援決定 (R16) added.
                CREATE TABLE case_event_v6 (
                  case_id INTEGER NOT NULL REFERENCES case_file(id),
                  seq INTEGER NOT NULL CHECK (seq >= 1),
                  kind TEXT NOT NULL CHECK (kind IN ('opened', 'member_added', 'agency_joined', 'agency_left',
                    'consent_granted', 'consent_withdrawn', 'plan_drafted', 'plan_revised', 'contact_logged',
                    'end_proposed', 'decision_recorded', 'principal_attendance', 'reopened', 'support_decided')),
                  payload TEXT NOT NULL CHECK (json_valid(payload)),
                  recorded_at TEXT NOT NULL,
                  hash TEXT NOT NULL CHECK (length(hash) = 64),
                  PRIMARY KEY (case_id, seq)
                ) STRICT;
                INSERT INTO case_event_v6 (case_id, seq, kind, payload, recorded_at, hash)
                  SELECT case_id, seq, kind, payload, recorded_at, hash FROM case_event;
                DROP TABLE case_event;
                ALTER TABLE case_event_v6 RENAME TO case_event;
                CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event
                BEGIN SELECT RAISE(ABORT, 'case events are append-only: record a superseding event'); END;
                CREATE TRIGGER case_event_no_delete BEFORE DELETE ON case_event
                BEGIN SELECT RAISE(ABORT, 'case events are append-only: record a superseding event'); END;
                """)
            for table in ["session_item", "joint_acceptance", "case_event"] {
                for op in ["INSERT", "UPDATE", "DELETE"] {
                    try db.execute(sql: """
                        CREATE TRIGGER \(table)_\(op.lowercased())_version AFTER \(op) ON \(table)
                        BEGIN UPDATE workspace_version SET version = version + 1; END;
                        """)
                }
            }
        }
        migrator.registerMigration("v8: replies and outbox") { db in
            // Issue 14. Literal lists (STYLE.md §5).
            try db.execute(sql: """
                -- Every message `invite` makes, recorded before it is sent (#14.5).
                CREATE TABLE outbox (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  message_id TEXT NOT NULL UNIQUE CHECK (length(message_id) BETWEEN 3 AND 200),
                  trigger_id TEXT NOT NULL,
                  person_id TEXT NOT NULL,
                  method TEXT NOT NULL CHECK (method IN ('REQUEST', 'CANCEL')),
                  sequence INTEGER NOT NULL CHECK (sequence >= 0),
                  sender TEXT NOT NULL CHECK (sender LIKE '_%@_%'),
                  recipient TEXT NOT NULL CHECK (recipient LIKE '_%@_%'),
                  path TEXT NOT NULL,
                  message TEXT NOT NULL,
                  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'written')),
                  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                  queued_at INTEGER NOT NULL,
                  last_attempt_at INTEGER,
                  server_reply TEXT,
                  failure TEXT,
                  CHECK (state <> 'sent' OR server_reply IS NOT NULL),
                  CHECK (state <> 'failed' OR failure IS NOT NULL)
                ) STRICT;
                CREATE INDEX outbox_state ON outbox(state);
                -- R21: the answer in force per person and item, with the SEQUENCE it answered.
                CREATE TABLE reply (
                  trigger_id TEXT NOT NULL,
                  person_id TEXT NOT NULL,
                  partstat TEXT NOT NULL CHECK (partstat IN ('ACCEPTED', 'DECLINED', 'TENTATIVE', 'DELEGATED')),
                  sequence INTEGER NOT NULL CHECK (sequence >= 0),
                  deputy_person_id TEXT,
                  -- The item's day, time and place when it was answered: a change resets the answer.
                  item_when TEXT NOT NULL,
                  answered_at INTEGER NOT NULL,
                  received_at INTEGER NOT NULL,
                  PRIMARY KEY (trigger_id, person_id)
                ) STRICT;
                -- Every reply read, applied or not; a refusal keeps only its reason and digest.
                CREATE TABLE reply_log (
                  id INTEGER PRIMARY KEY,
                  received_at INTEGER NOT NULL,
                  source TEXT NOT NULL,
                  digest TEXT NOT NULL CHECK (length(digest) = 64),
                  outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'stale', 'counter', 'delegation_kept', 'refused',
                    'duplicate')),
                  reason TEXT,
                  trigger_id TEXT,
                  person_id TEXT,
                  partstat TEXT,
                  sequence INTEGER,
                  proposal TEXT CHECK (proposal IS NULL OR json_valid(proposal))
                ) STRICT;
                CREATE INDEX reply_log_digest ON reply_log(digest);
                """)
            for op in ["INSERT", "UPDATE", "DELETE"] {
                try db.execute(sql: """
                    CREATE TRIGGER reply_\(op.lowercased())_version AFTER \(op) ON reply
                    BEGIN UPDATE workspace_version SET version = version + 1; END;
                    """)
            }
        }
        migrator.registerMigration("v9: console staff, sessions and reveal audit") { db in
            // The console's accounts (bcrypt hashes only), its sessions (SHA-256 of the cookie
            // token only) and the audit of every reveal of personal details (#15). None of these
            // tables moves workspace_version: documents and feeds are not made from them.
            try db.execute(sql: """
                CREATE TABLE console_staff (
                  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
                  role TEXT NOT NULL CHECK (role IN ('事務局', '議長', '閲覧')),
                  password_hash TEXT NOT NULL CHECK (password_hash LIKE '$2_$%'),
                  totp_secret TEXT CHECK (totp_secret IS NULL OR length(totp_secret) > 0),
                  disabled_at INTEGER,
                  created_at INTEGER NOT NULL,
                  updated_at INTEGER NOT NULL
                ) STRICT;
                CREATE TABLE console_session (
                  token_hash TEXT PRIMARY KEY NOT NULL CHECK (length(token_hash) = 64),
                  staff_id TEXT NOT NULL REFERENCES console_staff(id) ON DELETE CASCADE,
                  csrf_token TEXT NOT NULL CHECK (length(csrf_token) >= 32),
                  created_at INTEGER NOT NULL,
                  last_seen_at INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX console_session_staff ON console_session(staff_id);
                CREATE TABLE console_reveal_audit (
                  id INTEGER PRIMARY KEY,
                  staff_id TEXT NOT NULL REFERENCES console_staff(id),
                  case_number TEXT NOT NULL CHECK (length(case_number) > 0),
                  revealed_at INTEGER NOT NULL
                ) STRICT;
                CREATE TRIGGER console_reveal_audit_no_update BEFORE UPDATE ON console_reveal_audit
                BEGIN SELECT RAISE(ABORT, 'the reveal audit is append-only'); END;
                CREATE TRIGGER console_reveal_audit_no_delete BEFORE DELETE ON console_reveal_audit
                BEGIN SELECT RAISE(ABORT, 'the reveal audit is append-only'); END;
                """)
        }
        migrator.registerMigration("v10: retention and erasure") { db in
            // Issue 17. An erasure of personal details is itself a case event ('details_erased'):
            // the log is rebuilt with the kind added (as v7 did), keeping every row, the append-only
            // triggers and the version triggers. The details themselves stay in household_member,
            // whose rows an erasure deletes (with secure_delete), so the chain never covered them.
            try db.execute(sql: """
                CREATE TABLE case_event_v9 (
                  case_id INTEGER NOT NULL REFERENCES case_file(id),
                  seq INTEGER NOT NULL CHECK (seq >= 1),
                  kind TEXT NOT NULL CHECK (kind IN ('opened', 'member_added', 'agency_joined', 'agency_left',
                    'consent_granted', 'consent_withdrawn', 'plan_drafted', 'plan_revised', 'contact_logged',
                    'end_proposed', 'decision_recorded', 'principal_attendance', 'reopened', 'support_decided',
                    'details_erased')),
                  payload TEXT NOT NULL CHECK (json_valid(payload)),
                  recorded_at TEXT NOT NULL,
                  hash TEXT NOT NULL CHECK (length(hash) = 64),
                  PRIMARY KEY (case_id, seq)
                ) STRICT;
                INSERT INTO case_event_v9 (case_id, seq, kind, payload, recorded_at, hash)
                  SELECT case_id, seq, kind, payload, recorded_at, hash FROM case_event;
                DROP TABLE case_event;
                ALTER TABLE case_event_v9 RENAME TO case_event;
                CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event
                BEGIN SELECT RAISE(ABORT, 'case events are append-only: record a superseding event'); END;
                CREATE TRIGGER case_event_no_delete BEFORE DELETE ON case_event
                BEGIN SELECT RAISE(ABORT, 'case events are append-only: record a superseding event'); END;
                """)
            for op in ["INSERT", "UPDATE", "DELETE"] {
                try db.execute(sql: """
                    CREATE TRIGGER case_event_\(op.lowercased())_version AFTER \(op) ON case_event
                    BEGIN UPDATE workspace_version SET version = version + 1; END;
                    """)
            }
        }
        return migrator
    }

    private static func sqlList(_ values: [String]) -> String {
        values.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ")
    }
}
