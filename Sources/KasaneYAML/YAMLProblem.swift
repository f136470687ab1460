public import KasaneCore
public import KasaneWording

/// What is wrong in a hand-edited YAML file (registry, case import, closures, policy), typed;
/// `YAMLInputError` adds where. Worded in Japanese and English, each saying how to fix it.
public enum YAMLProblem: Hashable, Sendable {
    /// Where libyaml noticed an unclosed construct: what it is and the lines it spans.
    public struct Construct: Hashable, Sendable {
        public var text: String
        public var startLine: Int
        public var noticedLine: Int

        public init(text: String, startLine: Int, noticedLine: Int) {
            self.text = text
            self.startLine = startLine
            self.noticedLine = noticedLine
        }
    }

    /// The vocabularies a value must come from.
    public enum Vocabulary: String, Hashable, Sendable, CaseIterable {
        case field, programmeRole, agencyKind, bodyKind, planKind, contactMethod
    }

    /// What an id names.
    public enum IDKind: String, Hashable, Sendable, CaseIterable {
        case agency, person, body
    }

    /// The file has nothing in it.
    case emptyFile
    /// The YAML does not parse: libyaml's `problem` (English, as libyaml words it) and the construct.
    case malformed(String, construct: Construct?)
    /// A key appears twice in one mapping.
    case duplicatedKey([String])
    /// A mapping (`key: value`) was expected.
    case expectedMapping
    /// A key is not plain text.
    case keysMustBeText
    /// A key the reader does not know, with the keys it accepts.
    case unknownKey(String, allowed: [String])
    /// A list was expected.
    case expectedList
    /// Text was expected.
    case expectedText
    /// The value must not be empty.
    case empty
    /// `true` or `false` was expected.
    case expectedBool(found: String)
    /// Not a real date of the form YYYY-MM-DD.
    case invalidDate(String)
    /// Not a valid id (`IdentifierRule`).
    case invalidID(String)
    /// A value outside its vocabulary, with the allowed values.
    case unknownValue(String, of: Vocabulary, allowed: [String])
    /// Not a mail address; `problem` says why (`Mailbox.problem`, Japanese).
    case invalidMailbox(String, problem: String)
    /// A required key is missing.
    case missingKey(String)
    /// Not a valid case number.
    case invalidCaseNumber(String)
    /// The same case number twice in the file.
    case caseTwice(CaseNumber)
    /// Not a valid member key.
    case invalidMemberKey(String)
    /// `key` (monitoring, support_decision_by) given on a plan without `confirmed`.
    case needsConfirmed(String)
    /// An event entry that is not exactly one of the event kinds.
    case notOneEvent(allowed: [String])
    /// A whole number was expected.
    case expectedWholeNumber
    /// Not a number of days.
    case notADayCount(String)
    /// Not a number of years a retention rule may keep details for (#17.4).
    case notRetentionYears(String, allowed: ClosedRange<Int>)
    /// Not a URL the documents can be published at (`documents.baseURL`, #14.7).
    case notDocumentsURL(String, DocumentsURLProblem)
    /// An id used twice.
    case idTwice(IDKind, String)
    /// A person's agency is not under `agencies`.
    case unknownAgency(String)
    /// A body member is not under `people`.
    case unknownPerson(String)
    /// A person listed twice in one body.
    case personTwiceInBody(person: String, body: String)
    /// A 支援会議 member without an appointment date (R2).
    case supportMemberNeedsAppointment
    /// The appointment ends before it starts.
    case appointmentEndsBeforeStart(ends: LocalDate, starts: LocalDate)
    /// An alias used as a mapping key.
    case aliasAsKey(String)
    /// Aliases expanding to more than `limit` values.
    case aliasExpansion(limit: Int)
    /// A control character in a string.
    case controlCharacter(UInt8)
    /// A list or mapping used as a key.
    case collectionAsKey
    /// A rule of the domain refused the value, in that rule's own words.
    case refused(String)
}

extension YAMLProblem.Vocabulary: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.field, .ja): "分野"
        case (.field, .en): "field (分野)"
        case (.programmeRole, .ja): "事業の役割"
        case (.programmeRole, .en): "programme role"
        case (.agencyKind, .ja): "機関の種類"
        case (.agencyKind, .en): "agency kind"
        case (.bodyKind, .ja): "会議体の種類"
        case (.bodyKind, .en): "body kind"
        case (.planKind, .ja): "プランの種類"
        case (.planKind, .en): "plan kind"
        case (.contactMethod, .ja): "連絡の方法"
        case (.contactMethod, .en): "contact method"
        }
    }
}

extension YAMLProblem.IDKind: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.agency, .ja): "機関"
        case (.agency, .en): "agency"
        case (.person, .ja): "職員"
        case (.person, .en): "person"
        case (.body, .ja): "会議体"
        case (.body, .en): "body"
        }
    }
}

extension YAMLProblem: Worded {
    public func words(in language: Language) -> String {
        let c = Catalogue(language)
        switch (self, language) {
        case (.emptyFile, .ja): return "ファイルが空です: 内容を書いてください"
        case (.emptyFile, .en): return "the file is empty: write its content"
        case (.malformed(let problem, let construct), .ja):
            let detail = construct.map { "（\($0.startLine) 行目から始まる \($0.text)、\($0.noticedLine) 行目で検出）" } ?? ""
            return "YAML として読めません: \(problem)\(detail)。括弧・引用符・字下げを確かめてください"
        case (.malformed(let problem, let construct), .en):
            let detail = construct.map { " (\($0.text) starting on line \($0.startLine), noticed on line \($0.noticedLine))" } ?? ""
            return "malformed YAML: \(problem)\(detail); check brackets, quotes and indentation"
        case (.duplicatedKey(let keys), .ja): return "キー \(c.list(keys)) が重複しています: 一つにまとめてください"
        case (.duplicatedKey(let keys), .en): return "duplicated key \(c.list(keys)): keep one"
        case (.expectedMapping, .ja): return "マッピング（キー: 値）を書いてください"
        case (.expectedMapping, .en): return "expected a mapping (key: value)"
        case (.keysMustBeText, .ja): return "キーは文字列で書いてください"
        case (.keysMustBeText, .en): return "keys must be plain text"
        case (.unknownKey(let key, let allowed), .ja):
            return "キー '\(key)' は使えません（使えるキー: \(c.list(allowed))）: 綴りを直すか削除してください"
        case (.unknownKey(let key, let allowed), .en):
            return "unknown key '\(key)' (allowed: \(c.list(allowed))): fix the spelling or remove it"
        case (.expectedList, .ja): return "リスト（- で始まる行）を書いてください"
        case (.expectedList, .en): return "expected a list"
        case (.expectedText, .ja): return "文字列を書いてください"
        case (.expectedText, .en): return "expected text"
        case (.empty, .ja): return "空にはできません: 値を書いてください"
        case (.empty, .en): return "must not be empty"
        case (.expectedBool(let found), .ja): return "true か false を書いてください（'\(found)' と書かれています）"
        case (.expectedBool(let found), .en): return "expected true or false, found '\(found)'"
        case (.invalidDate(let s), .ja): return "'\(s)' は実在する日付ではありません: YYYY-MM-DD の形で書いてください"
        case (.invalidDate(let s), .en): return "'\(s)' is not a real date of the form YYYY-MM-DD"
        case (.invalidID(let s), .ja): return "'\(s)' は id に使えません: \(IdentifierRule.summary)"
        case (.invalidID(let s), .en): return "'\(s)' is not a valid id: 1–64 ASCII letters, digits, '-', '_' or '.', "
            + "starting with a letter, digit or '_' (not '.' or '..')"
        case (.unknownValue(let s, let what, let allowed), .ja):
            return "\(c(what)) '\(s)' は使えません（次のいずれか: \(c.list(allowed))）"
        case (.unknownValue(let s, let what, let allowed), .en):
            return "unknown \(c(what)) '\(s)' (one of: \(c.list(allowed)))"
        case (.invalidMailbox(let s, let problem), .ja):
            return "'\(s)' は name@example.jp のようなメールアドレスではありません: \(problem)"
        case (.invalidMailbox(let s, let problem), .en): return "'\(s)' is not a mail address like name@example.jp: \(problem)"
        case (.missingKey(let key), .ja): return "キー '\(key)' がありません: 書き足してください"
        case (.missingKey(let key), .en): return "missing key '\(key)'"
        case (.invalidCaseNumber(let s), .ja): return "'\(s)' は事例番号に使えません: 英数字と - で書いてください（例: R8-3）"
        case (.invalidCaseNumber(let s), .en): return "'\(s)' is not a valid case number: use letters, digits and '-', e.g. R8-3"
        case (.caseTwice(let n), .ja): return "事例 \(n) がファイルに2回あります: 一つにまとめてください"
        case (.caseTwice(let n), .en): return "case \(n) appears twice in the file"
        case (.invalidMemberKey(let s), .ja):
            return "'\(s)' は世帯員のキーに使えません: 英数字と - で書いてください（名前は書かないでください）"
        case (.invalidMemberKey(let s), .en): return "'\(s)' is not a valid member key: use letters, digits and '-' (never a name)"
        case (.needsConfirmed(let key), .ja): return "'\(key)' を書くには 'confirmed'（承認日）も必要です"
        case (.needsConfirmed(let key), .en): return "'\(key)' needs 'confirmed'"
        case (.notOneEvent(let allowed), .ja): return "記録は次のいずれか一つのキーで書いてください: \(c.list(allowed))"
        case (.notOneEvent(let allowed), .en): return "each event is one of: \(c.list(allowed))"
        case (.expectedWholeNumber, .ja): return "整数を書いてください"
        case (.expectedWholeNumber, .en): return "expected a whole number"
        case (.notADayCount(let s), .ja): return "'\(s)' は日数ではありません: 0 以上の整数で書いてください"
        case (.notADayCount(let s), .en): return "'\(s)' is not a number of days: write a whole number, 0 or more"
        case (.notRetentionYears(let s, let allowed), .ja):
            return "'\(s)' は保存年数として使えません: 支援終結から何年保存するかを \(allowed.lowerBound)〜\(allowed.upperBound) の整数で書いてください（例 yearsAfterEnd: 5）"
        case (.notRetentionYears(let s, let allowed), .en):
            return "'\(s)' is not a retention period: write the years kept after the case ends as a whole number "
                + "from \(allowed.lowerBound) to \(allowed.upperBound) (e.g. yearsAfterEnd: 5)"
        case (.notDocumentsURL(let url, let problem), .ja):
            let why = switch problem {
            case .notWebURL: "https:// で始まり、空白や日本語を含まない絶対 URL にしてください"
            case .notHTTPS: "https:// にしてください（http:// はこの機械の localhost、127.0.0.1、[::1] だけに使えます）"
            case .query: "? 以降（クエリ）は使えません: 文書を置くフォルダの URL だけを書いてください"
            case .fragment: "# 以降（フラグメント）は使えません: 文書を置くフォルダの URL だけを書いてください"
            case .userInfo: "利用者名やパスワード（…@）を URL に書かないでください"
            case .port: "ポート番号は 1〜65535 の数にしてください"
            }
            return "'\(TextRule.printable(url))' は文書の公開先（baseURL）に使えません: \(why)（例 baseURL: https://kasane.example.jp/documents/）"
        case (.notDocumentsURL(let url, let problem), .en):
            let why = switch problem {
            case .notWebURL: "give an absolute https:// URL without spaces or non-ASCII characters"
            case .notHTTPS: "use https:// (http:// only to localhost, 127.0.0.1 or [::1])"
            case .query: "no query (?): give the URL of the folder the documents are in"
            case .fragment: "no fragment (#): give the URL of the folder the documents are in"
            case .userInfo: "no user name or password (…@) in the URL"
            case .port: "the port must be a number from 1 to 65535"
            }
            return "'\(TextRule.printable(url))' cannot be the documents' base URL: \(why) (e.g. baseURL: https://kasane.example.jp/documents/)"
        case (.idTwice(let kind, let id), .ja): return "\(c(kind))の id '\(id)' が2回使われています: 別の id にしてください"
        case (.idTwice(let kind, let id), .en): return "\(c(kind)) id '\(id)' is used twice"
        case (.unknownAgency(let id), .ja): return "機関 '\(id)' がありません: agencies に書き足すか id を直してください"
        case (.unknownAgency(let id), .en): return "unknown agency '\(id)': add it under agencies or fix the id"
        case (.unknownPerson(let id), .ja): return "職員 '\(id)' がいません: people に書き足すか id を直してください"
        case (.unknownPerson(let id), .en): return "unknown person '\(id)': add them under people or fix the id"
        case (.personTwiceInBody(let person, let body), .ja):
            return "職員 '\(person)' が会議体 '\(body)' に2回あります: 一つにまとめてください"
        case (.personTwiceInBody(let person, let body), .en): return "person '\(person)' is listed twice in body '\(body)'"
        case (.supportMemberNeedsAppointment, .ja): return "支援会議の構成員には 'appointed'（任命日）が必要です (R2)"
        case (.supportMemberNeedsAppointment, .en): return "a 支援会議 member needs 'appointed' (the appointment date, R2)"
        case (.appointmentEndsBeforeStart(let ends, let starts), .ja):
            return "任命の終了日（\(ends)）が開始日（\(starts)）より前です: 日付を直してください"
        case (.appointmentEndsBeforeStart(let ends, let starts), .en):
            return "the appointment ends (\(ends)) before it starts (\(starts))"
        case (.aliasAsKey(let name), .ja): return "エイリアス *\(name) はマッピングのキーに使えません: キーは文字列で書いてください"
        case (.aliasAsKey(let name), .en): return "the alias *\(name) cannot be a mapping key: write keys as plain text"
        case (.aliasExpansion(let limit), .ja):
            return "エイリアスを展開すると \(limit) 個を超える値になります: アンカー (&) とエイリアス (*) を使わずに書いてください"
        case (.aliasExpansion(let limit), .en):
            return "the aliases expand to more than \(limit) values: write the file without anchors (&) and aliases (*)"
        case (.controlCharacter(let b), .ja):
            return "文字列に制御文字 (0x\(String(b, radix: 16, uppercase: true))) があります: 取り除いてください（タブと改行だけが使えます）"
        case (.controlCharacter(let b), .en):
            return "a string holds the control character 0x\(String(b, radix: 16, uppercase: true)): remove it "
                + "(only tab and newline are allowed)"
        case (.collectionAsKey, .ja): return "マッピングのキーにリストやマッピングは使えません: キーは文字列で書いてください"
        case (.collectionAsKey, .en): return "a list or mapping cannot be a mapping key: write keys as plain text"
        case (.refused(let words), .ja): return "値が受け付けられません: \(words)"
        case (.refused(let words), .en): return "the value is refused: \(words)"
        }
    }
}
