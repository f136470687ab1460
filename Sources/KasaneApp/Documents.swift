public import KasaneCore
public import KasaneDocuments
public import KasaneStore

/// Which document of a meeting.
public enum MeetingDocumentKind: String, Hashable, Sendable, CaseIterable {
    /// 次第 (R15).
    case agenda
    /// 議事録, from the decisions recorded in the case files.
    case minutes
}

/// One rendered copy: for whom, the file name it is written under, and its text.
public struct RenderedDocument: Hashable, Sendable {
    public var reader: Reader
    /// `jusou-2026-12-09-agenda-master.md`: the meeting id, the kind and the reader's id (never a
    /// name): `master`, a person id or `agency-<agency id>` (`DocumentsLocation.fileName`).
    public var fileName: String
    public var text: String
}

/// A refused document request, worded by the catalogue.
public enum DocumentRequestError: Error, Hashable, Sendable {
    /// No meeting has this id.
    case noMeeting(String)
    /// The reader names no registered person.
    case unknownPerson(PersonID)
    /// The reader names no registered agency.
    case unknownAgency(AgencyID)
    /// Two readers' copies would have this file name (a person id `master` or `agency-…`).
    case sameFileName(String)
}

/// A meeting with what its documents need (its items, the cases, the registry and the chain
/// heads printed in the minutes), loaded once; renders the agenda and the minutes per reader.
public struct MeetingDocuments: Sendable {
    public let session: Session
    public let placements: [ScheduledItem]
    public let files: [CaseNumber: CaseFile]
    public let registry: Registry
    /// The heads of the event chains of the meeting's cases (printed in the minutes).
    public let chainHeads: [ChainHead]
    /// 出欠 by calendar key, then person (#14.4), for the master agenda and the chair's copy;
    /// empty on a store that keeps no replies.
    public let answers: [String: [PersonID: AgendaAnswer]]

    /// Loads meeting `meeting` from `store`.
    /// - Throws: `DocumentRequestError.noMeeting`, or the store's error.
    public init(meeting: String, store: any WorkspaceStore) throws {
        // One meeting's rows, not the city's (#13.4).
        guard let session = try store.session(meeting) else { throw DocumentRequestError.noMeeting(meeting) }
        self.session = session
        placements = try store.scheduledItems(inSession: meeting)
        registry = try store.registry()
        files = Dictionary(try store.caseFiles(placements.map(\.caseNumber)).map { ($0.number, $0) },
                           uniquingKeysWith: { a, _ in a })
        // The chain at the last decision recorded at this meeting, per case: later events do not
        // change it, so the minutes of a held meeting stay the same at any later date (R20).
        let decided = files.values.compactMap { file -> (number: CaseNumber, seq: Int)? in
            file.decisions.filter { $0.decision.meeting == meeting }.map(\.eventSeq).max().map { (file.number, $0) }
        }
        chainHeads = try store.chainHeads(at: decided.sorted { $0.number < $1.number })
        // Answers are kept by the SQLite store only so far: a PostgreSQL tenant shows none.
        let keys = Set(placements.map(\.calendarKey))
        answers = try (store as? any WorkspaceStore & ReplyStore).map {
            try Replies.answers(store: $0, triggerIDs: keys).mapValues { byPerson in
                byPerson.mapValues { AgendaAnswer(state: $0.state, deputy: $0.deputy, answeredAt: $0.answeredAt) }
            }
        } ?? [:]
    }

    /// Every person who attends at least one item, in the order they first appear (for `--all`).
    public var attendees: [PersonID] {
        var seen: [PersonID] = []
        for item in placements {
            guard let file = files[item.caseNumber],
                  let attendance = session.attendance(of: item, caseFile: file, registry: registry) else { continue }
            for a in attendance.attendees where !seen.contains(a.person) { seen.append(a.person) }
        }
        return seen
    }

    /// Checks that `reader` names someone registered.
    /// - Throws: `DocumentRequestError.unknownPerson` / `.unknownAgency`.
    public func check(_ reader: Reader) throws(DocumentRequestError) {
        switch reader {
        case .person(let id) where registry.person(id) == nil: throw .unknownPerson(id)
        case .agency(let id) where registry.agency(id) == nil: throw .unknownAgency(id)
        default: break
        }
    }

    /// The `kind` document for `reader`, rendered by `renderer` in `format`.
    /// - Throws: `DocumentRequestError` for an unknown reader; `DocumentError` for a broken template.
    public func render(_ kind: MeetingDocumentKind, for reader: Reader, format: DocumentFormat,
                       renderer: DocumentRenderer) throws -> String {
        try check(reader)
        switch kind {
        case .agenda:
            return try renderer.render(AgendaDocument(session: session, placements: placements, caseFiles: files,
                                                      registry: registry, reader: reader, answers: answers), format: format)
        case .minutes:
            return try renderer.render(MinutesDocument(session: session, placements: placements, caseFiles: files,
                                                       registry: registry, reader: reader, chainHeads: chainHeads),
                                       format: format)
        }
    }

    /// Every agency one of whose people attends at least one item, in the order they first appear.
    public var attendingAgencies: [AgencyID] {
        var seen: [AgencyID] = []
        for person in attendees {
            if let agency = registry.person(person)?.agency, !seen.contains(agency) { seen.append(agency) }
        }
        return seen
    }

    /// The master copy, one copy per attendee and one per attending agency (#14.7: what an
    /// agency's feed links to), each with its file name (`DocumentsLocation.fileName`).
    /// - Throws: `DocumentRequestError.sameFileName` when two readers' names meet (nothing is
    ///   rendered); `DocumentError` for a broken template.
    public func renderAll(_ kind: MeetingDocumentKind, format: DocumentFormat, renderer: DocumentRenderer) throws
        -> [RenderedDocument] {
        let readers: [(Reader, String)] = [(Reader.master, DocumentsLocation.masterKey)]
            + attendees.map { (Reader.person($0), DocumentsLocation.readerKey(person: $0)) }
            + attendingAgencies.map { (Reader.agency($0), DocumentsLocation.readerKey(agency: $0)) }
        let named = readers.map { reader, key in
            (reader, DocumentsLocation.fileName(meeting: session.id, kind: kind.rawValue, reader: key,
                                                fileExtension: format.fileExtension))
        }
        var names: Set<String> = []
        for (_, name) in named where !names.insert(name).inserted { throw DocumentRequestError.sameFileName(name) }
        return try named.map { reader, name in
            RenderedDocument(reader: reader, fileName: name, text: try render(kind, for: reader, format: format, renderer: renderer))
        }
    }
}
