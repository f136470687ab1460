public import KasaneStore
public import KasaneStorePostgres

extension PostgresStoreError: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.badURL(let url, let problem), .ja): "データベース URL \(url) は使えません: " + Self.ja(problem)
        case (.badURL(let url, let problem), .en): "the database URL \(url) cannot be used: " + Self.en(problem)
        case (.passwordFile(let path, let problem), _): Self.words(problem, path: path, language)
        case (.cannotConnect(let server, let reason), .ja):
            "PostgreSQL \(server) に接続できません: \(reason)（--db または KASANE_DB、パスワードファイル、サーバーが動いているかを確かめてください）"
        case (.cannotConnect(let server, let reason), .en):
            "cannot connect to PostgreSQL \(server): \(reason) (check --db or KASANE_DB, the password file, and that the server runs)"
        case (.connectionLost(let server, false), .ja):
            "PostgreSQL \(server) との接続が処理の途中で切れました: この操作は取り消され、何も書かれていません。サーバーが戻ったらやり直してください"
        case (.connectionLost(let server, false), .en):
            "the connection to PostgreSQL \(server) was lost midway: the operation was rolled back and nothing was written; "
                + "try again when the server is back"
        case (.connectionLost(let server, true), .ja):
            "PostgreSQL \(server) との接続が確定 (COMMIT) の最中に切れました: 書き込まれたかどうか分かりません。"
                + "サーバーが戻ったら内容を確かめてください（`kasane verify`、`kasane case show` など）"
        case (.connectionLost(let server, true), .en):
            "the connection to PostgreSQL \(server) was lost while committing: it is unknown whether the write took effect; "
                + "check when the server is back (`kasane verify`, `kasane case show`)"
        case (.noTenant, .ja):
            "PostgreSQL のワークスペースでは自治体（テナント）を --tenant または KASANE_TENANT で指定してください（一覧: `kasane tenant list`）"
        case (.noTenant, .en):
            "a PostgreSQL workspace needs a municipality (tenant): give --tenant or KASANE_TENANT (see `kasane tenant list`)"
        case (.badTenantID(let id), .ja):
            "テナント id '\(id)' は使えません: 英小文字・数字・ハイフンの 1〜32 文字（先頭はハイフン以外）です"
        case (.badTenantID(let id), .en):
            "the tenant id '\(id)' cannot be used: 1 to 32 lowercase letters, digits and hyphens, not starting with a hyphen"
        case (.unknownTenant(let id), .ja):
            "テナント '\(id)' はありません: `kasane tenant list` で確かめるか、`kasane tenant add \(id) --name 名前` で作ってください"
        case (.unknownTenant(let id), .en):
            "there is no tenant '\(id)': see `kasane tenant list`, or create it with `kasane tenant add \(id) --name NAME`"
        case (.duplicateTenant(let id), .ja): "テナント '\(id)' はすでにあります: 別の id を選んでください"
        case (.duplicateTenant(let id), .en): "the tenant '\(id)' already exists: choose another id"
        case (.needsMigration(let server, let at, let current), .ja):
            "PostgreSQL \(server) のスキーマは版 \(at) で、この Kasane は版 \(current) です: "
                + "テーブルの所有者ロールで `kasane migrate --db URL` を実行してください"
        case (.needsMigration(let server, let at, let current), .en):
            "the schema of PostgreSQL \(server) is at version \(at), this Kasane needs \(current): "
                + "run `kasane migrate --db URL` as the role that owns the tables"
        case (.newerSchema(let server, let at, let current), .ja):
            "PostgreSQL \(server) のスキーマ (版 \(at)) はこの Kasane (版 \(current)) より新しい版で作られています: 新しい版の kasane を使ってください"
        case (.newerSchema(let server, let at, let current), .en):
            "the schema of PostgreSQL \(server) (version \(at)) was made by a newer Kasane than this one (\(current)): use the newer kasane"
        }
    }

    private static func ja(_ problem: URLProblem) -> String {
        switch problem {
        case .scheme: "postgresql://ユーザー@ホスト/データベース の形で書いてください"
        case .noUser: "ユーザー名がありません（postgresql://ユーザー@ホスト/データベース）"
        case .noDatabase: "データベース名がありません（postgresql://ユーザー@ホスト/データベース）"
        case .passwordInURL:
            "URL にパスワードを書かないでください（履歴やプロセス一覧に残ります）: --db-password-file、KASANE_DB_PASSWORD_FILE または PGPASSFILE を使ってください"
        case .badPort: "ポート番号は 1〜65535 です"
        case .unknownParameter(let name): "パラメーター '\(name)' は使えません（使えるのは host=/ソケットのフォルダー と sslmode=disable）"
        }
    }

    private static func en(_ problem: URLProblem) -> String {
        switch problem {
        case .scheme: "write it as postgresql://USER@HOST/DATABASE"
        case .noUser: "it has no user name (postgresql://USER@HOST/DATABASE)"
        case .noDatabase: "it has no database name (postgresql://USER@HOST/DATABASE)"
        case .passwordInURL:
            "do not put a password in the URL (it stays in histories and process lists): use --db-password-file, "
                + "KASANE_DB_PASSWORD_FILE or PGPASSFILE"
        case .badPort: "the port is a number from 1 to 65535"
        case .unknownParameter(let name): "the parameter '\(name)' is not supported (only host=/socket/folder and sslmode=disable)"
        }
    }

    private static func words(_ problem: PasswordFileProblem, path: String, _ language: Language) -> String {
        switch (problem, language) {
        case (.unreadable, .ja): "パスワードファイル \(path) を読めません: パスと権限を確かめてください"
        case (.unreadable, .en): "cannot read the password file \(path): check the path and its permissions"
        case (.tooOpen, .ja): "パスワードファイル \(path) は持ち主以外も読めます: `chmod 600 \(path)` にしてください"
        case (.tooOpen, .en): "the password file \(path) is readable by others than its owner: `chmod 600 \(path)`"
        case (.noEntry, .ja): "パスワードファイル \(path) にこのホスト・ポート・データベース・ユーザーの行がありません"
        case (.noEntry, .en): "the password file \(path) has no line for this host, port, database and user"
        }
    }
}

extension WorkspaceDumpError: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.unknownFormat(let format), .ja):
            "このファイルの形式 '\(format)' はこの Kasane では読めません: 同じ版の kasane で書き出してください"
        case (.unknownFormat(let format), .en): "this Kasane cannot read the format '\(format)': export it with the same kasane"
        case (.targetNotEmpty, .ja):
            "取り込み先のワークスペースには既に名簿か事例があります: 空のワークスペース（新しいファイルか新しいテナント）に取り込んでください"
        case (.targetNotEmpty, .en):
            "the target workspace already holds a registry or cases: import into an empty one (a new file or a new tenant)"
        case (.otherChainKey, .ja):
            "取り込み先の記録の鍵が、書き出したワークスペースの鍵と違います: 元の鍵ファイルを --chain-key で指定してください"
        case (.otherChainKey, .en):
            "the target's chain key is not the key the exported records were sealed with: give the source's key file with --chain-key"
        case (.legacyAnchors(let n), .ja):
            "このワークスペースには鍵付きの連鎖より前の記録（アンカー \(n) 件）があり、PostgreSQL のテナントには移せません"
        case (.legacyAnchors(let n), .en):
            "this workspace has records from before the keyed chain (\(n) anchors), which a PostgreSQL tenant cannot hold"
        }
    }
}
