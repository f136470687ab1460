import KasaneCore

/// A small municipality for scheduler tests: the two bodies of the system, two existing bodies
/// (R5), and helpers that build sessions, triggers and case files directly.
enum SchedulerCity {
    static func day(_ iso: String) -> LocalDate {
        guard let date = LocalDate(iso: iso) else { preconditionFailure("bad test date \(iso)") }
        return date
    }

    static func time(_ text: String) -> TimeOfDay {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), let time = TimeOfDay(hour: h, minute: m)
        else { preconditionFailure("bad test time \(text)") }
        return time
    }

    static let agencies: [Agency] = [
        Agency(id: "fukushi", name: "福祉総務課", field: .general, kind: .municipal, mailbox: "fukushi@example.jp",
               roles: [.municipality]),
        Agency(id: "takikan", name: "多機関協働事業者", field: .general, kind: .contracted,
               mailbox: "takikan@example.jp", roles: [.coordinator]),
        Agency(id: "houkatsu", name: "地域包括支援センター", field: .elderly, kind: .contracted,
               mailbox: "houkatsu@example.jp"),
        Agency(id: "konkyu", name: "生活困窮者自立相談支援", field: .poverty, kind: .contracted,
               mailbox: "konkyu@example.jp"),
        Agency(id: "kodomo", name: "こども家庭センター", field: .children, kind: .municipal, mailbox: "kodomo@example.jp"),
        Agency(id: "kyoiku", name: "教育委員会", field: .education, kind: .municipal, mailbox: "kyoiku@example.jp"),
    ]

    static let people: [Person] = [
        Person(id: "p-fukushi", name: "金城", mailbox: "kinjo@example.jp", agency: "fukushi", title: "主査"),
        Person(id: "p-takikan", name: "比嘉", mailbox: "higa@example.jp", agency: "takikan", title: "相談支援包括化推進員"),
        Person(id: "p-houkatsu", name: "新垣", mailbox: "arakaki@example.jp", agency: "houkatsu", title: "社会福祉士"),
        Person(id: "p-konkyu", name: "知念", mailbox: "chinen@example.jp", agency: "konkyu", title: "主任相談支援員"),
        Person(id: "p-kodomo", name: "上原", mailbox: "uehara@example.jp", agency: "kodomo", title: "保健師"),
        Person(id: "p-kyoiku", name: "当山", mailbox: "toyama@example.jp", agency: "kyoiku", title: "SSW"),
    ]

    /// 重層的支援会議 `jusou`, 支援会議 `shien`, 地域ケア会議 `chiiki-care` (elderly and poverty
    /// agencies) and 要保護児童対策地域協議会 `youtaikyo` (children and school, the appointment of
    /// the school's member ending on 2026-11-30).
    static let registry = Registry(agencies: agencies, people: people, bodies: [
        MeetingBody(id: "jusou", name: "重層的支援会議", kind: .multiAgency,
                    members: [BodyMember(person: "p-fukushi"), BodyMember(person: "p-takikan")]),
        MeetingBody(id: "shien", name: "支援会議", kind: .supportMeeting,
                    members: [BodyMember(person: "p-fukushi", appointedOn: day("2026-04-01"),
                                         confidentialityAcknowledgedOn: day("2026-04-01"))]),
        MeetingBody(id: "chiiki-care", name: "地域ケア個別会議", kind: .communityCare, members: [
            BodyMember(person: "p-houkatsu"), BodyMember(person: "p-konkyu"), BodyMember(person: "p-fukushi"),
        ]),
        MeetingBody(id: "youtaikyo", name: "要対協個別ケース検討会議", kind: .childProtection, members: [
            BodyMember(person: "p-kodomo"),
            BodyMember(person: "p-kyoiku", appointedOn: day("2026-04-01"), appointmentEndsOn: day("2026-11-30")),
        ]),
    ])

    /// A session of `bodies` on `date` from `start`, `capacity` items of `minutes` each.
    static func session(_ id: String, _ bodies: [BodyID], on date: String, at start: String = "14:00",
                        capacity: Int = 2, minutes: Int = 30) -> Session {
        let from = time(start)
        return Session(id: id, kind: .regular, seriesUID: "series-\(bodies.joined(separator: "+"))", title: id,
                       bodies: bodies, date: day(date), start: from, end: from.adding(minutes: capacity * minutes),
                       capacity: capacity, minutesPerItem: minutes, location: "本庁舎 3階会議室", onlineURL: nil)
    }

    /// The 重層的支援会議 on the 2nd Wednesday of November and December 2026.
    static let jusouNov = session("jusou-2026-11-11", ["jusou"], on: "2026-11-11")
    static let jusouDec = session("jusou-2026-12-09", ["jusou"], on: "2026-12-09")

    /// A trigger of case `caseNumber` raised by event `seq`.
    static func trigger(_ caseNumber: CaseNumber, seq: Int = 5, kind: TriggerKind = .planDrafted,
                        meeting: MeetingKind = .multiAgency, raised: String = "2026-11-02",
                        notBefore: String? = nil, due: String = "2026-12-10", urgent: Bool = false) -> Trigger {
        Trigger(caseNumber: caseNumber, kind: kind, planKind: .multiAgency, planVersion: 1, meetingKind: meeting,
                meetingBasis: meeting == .multiAgency ? .consent : .noConsent, raisedOn: day(raised),
                notBefore: notBefore.map(day), dueOn: day(due), urgent: urgent, sourceEvent: seq)
    }

    /// A case file opened with `agencies` involved.
    static func caseFile(_ number: CaseNumber, agencies: [AgencyID]) -> CaseFile {
        let opened = CaseEvent.Opened(number: number, openedOn: day("2026-04-01"), referredBy: agencies.first ?? "fukushi",
                                      fields: [.elderly], involvedAgencies: agencies)
        guard let file = CaseFile(replaying: [RecordedEvent(seq: 1, event: .opened(opened),
                                                            recordedAt: "2026-04-01T00:00:00Z")])
        else { preconditionFailure("opening must replay") }
        return file
    }

    /// Municipal staff and the coordinator attend every item (R10, R11).
    static let staff: @Sendable (Trigger, Session) -> Set<PersonID> = { _, _ in ["p-fukushi", "p-takikan"] }

    static func input(_ triggers: [Trigger], sessions: [Session], existing: [ScheduledItem] = [],
                      caseFiles: [CaseNumber: CaseFile] = [:], today: String = "2026-11-02", until: String? = nil,
                      reschedule: Bool = false,
                      requiredPeople: @escaping @Sendable (Trigger, Session) -> Set<PersonID> = staff) -> ScheduleInput {
        ScheduleInput(triggers: triggers, sessions: sessions, existing: existing, registry: registry,
                      caseFiles: caseFiles, calendar: BusinessCalendar(), today: day(today), until: until.map(day),
                      reschedule: reschedule, requiredPeople: requiredPeople)
    }

    /// The input of the next run: this run's items on record and its proposals among the sessions.
    static func rerun(_ input: ScheduleInput, after result: ScheduleResult) -> ScheduleInput {
        var next = input
        next.existing = result.items
        next.sessions += result.newSessions
        return next
    }
}

extension ScheduleResult {
    /// The placement of `triggerID`, if any.
    func item(_ triggerID: String) -> ScheduledItem? { items.first { $0.triggerID == triggerID } }
}

extension PlacementReason {
    /// The rule id of the moment that placed the item, through a carry-over.
    var rule: String? {
        switch self {
        case .earliestRegular(_, _, let rule, _): rule
        case .adHoc(let placement): placement.rule
        case .carriedOver(_, _, let reason): reason.rule
        case .acceptedJointHolding, .legacy: nil
        }
    }

    /// The ad hoc placement, when the item went to an ad hoc session.
    var adHoc: AdHocPlacement? {
        switch self {
        case .adHoc(let placement): placement
        case .carriedOver(_, _, let reason): reason.adHoc
        default: nil
        }
    }

    /// The slots and sessions the ad hoc search named as skipped.
    var skipped: [SkippedSlot] {
        adHoc?.notes.flatMap { note -> [SkippedSlot] in
            if case .skipped(let few) = note { return few.first }
            return []
        } ?? []
    }
}
