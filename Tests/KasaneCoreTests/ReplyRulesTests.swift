import KasaneCore
import Testing

/// Issue 14, points 1 and 2, in the rules: who may answer which item, and what each answer does
/// (R21, R15).
@Suite("ReplyRules: who may answer, and what an answer does (#14.1, #14.2)")
struct ReplyRulesTests {
    static let domain = "city.example.jp"
    static let registry = Registry(
        agencies: [
            Agency(id: "city", name: "福祉政策課", field: .general, kind: .municipal, mailbox: "jimu@city.example.jp",
                   roles: [.municipality]),
            Agency(id: "shakyo", name: "社会福祉協議会", field: .general, kind: .contracted, mailbox: "s@shakyo.example.jp",
                   roles: [.coordinator]),
        ],
        people: [
            Person(id: "p-city", name: "職員 一", mailbox: "one@city.example.jp", agency: "city", title: "係長"),
            Person(id: "p-city-2", name: "職員 二", mailbox: "two@city.example.jp", agency: "city", title: "主事"),
            Person(id: "p-shakyo", name: "職員 三", mailbox: "three@shakyo.example.jp", agency: "shakyo", title: "推進員"),
            Person(id: "p-gone", name: "職員 四", mailbox: "four@shakyo.example.jp", agency: "shakyo", title: "推進員"),
            Person(id: "p-shakyo-b", name: "職員 五", mailbox: "five@shakyo.example.jp", agency: "shakyo", title: "支援員"),
        ])
    static let uid = "kasane-R8-1-4@city.example.jp"

    static let item: PublishedItem = {
        let organizer = CalendarAddress(name: "事務局", mailbox: "jimu@city.example.jp")
        let event = CalendarEvent(
            uid: uid, sequence: 2, stamp: UTCTimestamp(seconds: 0), date: LocalDate(year: 2026, month: 12, day: 9)!,
            start: TimeOfDay(minutes: 840), end: TimeOfDay(minutes: 870), summary: "重層的支援会議 R8-1", description: "",
            location: nil, url: nil, status: .confirmed, organizer: organizer, attendees: [])
        return PublishedItem(triggerID: "R8-1#4", event: event, contentHash: "h", cancelledAt: nil, recipients: [
            "p-city": SentInvitation(method: .request, sequence: 2),
            "p-shakyo": SentInvitation(method: .request, sequence: 1),
            "p-gone": SentInvitation(method: .cancel, sequence: 2),
            "p-shakyo-b": SentInvitation(method: .request, sequence: 1),
        ])
    }()

    static func reply(_ partstat: String, from attendee: String = "one@city.example.jp", sequence: Int = 2,
                      method: ReceivedReply.Method = .reply, uid: String = uid, delegatedTo: String? = nil) -> ReceivedReply {
        ReceivedReply(method: method, uid: uid, sequence: sequence, attendee: attendee, partstat: partstat,
                      delegatedTo: delegatedTo, stamp: UTCTimestamp(seconds: 100))
    }

    static func judge(_ r: ReceivedReply, sender: String? = "one@city.example.jp") -> ReplyJudgement {
        ReplyRules.judge(r, from: sender, items: [item], registry: registry, uidDomain: domain)
    }

    @Test("#14.1: ACCEPTED, DECLINED and TENTATIVE apply to the invited person and item (any case)",
          arguments: [("ACCEPTED", AnswerState.accepted), ("declined", .declined), ("Tentative", .tentative)])
    func partstatApplies(_ partstat: String, _ state: AnswerState) {
        let j = Self.judge(Self.reply(partstat))
        #expect(j.outcome == .applied(state) && j.triggerID == "R8-1#4" && j.person == "p-city")
        #expect(j.deputy == nil)
    }

    @Test("#14.1: DELEGATED to a colleague of the same agency seats them as deputy (R15)")
    func delegatedSeatsDeputy() {
        let j = Self.judge(Self.reply("DELEGATED", delegatedTo: "TWO@city.example.jp"))
        #expect(j.outcome == .applied(.delegated))
        #expect(j.deputy?.agency == "city" && j.deputy?.person == "p-city-2")
    }

    @Test("#14.1: DELEGATED to someone who cannot be seated keeps the answer with the reason",
          arguments: [("nobody@example.jp", DelegationProblem.unknownDelegate), ("three@shakyo.example.jp", .otherAgency)])
    func delegationKept(_ to: String, _ problem: DelegationProblem) {
        let j = Self.judge(Self.reply("DELEGATED", delegatedTo: to))
        #expect(j.outcome == .delegationKept(problem) && j.person == "p-city" && j.deputy == nil)
    }

    @Test("#14.1: DELEGATED to someone already invited to the item keeps the answer, no deputy")
    func delegateAlreadyAttends() {
        let j = Self.judge(Self.reply("DELEGATED", from: "three@shakyo.example.jp", sequence: 1,
                                      delegatedTo: "five@shakyo.example.jp"), sender: "three@shakyo.example.jp")
        #expect(j.outcome == .delegationKept(.alreadyAttends) && j.person == "p-shakyo" && j.deputy == nil)
    }

    @Test("#14.1: a COUNTER is recorded as a proposal, never applied")
    func counter() {
        #expect(Self.judge(Self.reply("", method: .counter)).outcome == .counter)
    }

    @Test("#14.1: a reply to an older SEQUENCE than the person's invitation is stale")
    func stale() {
        #expect(Self.judge(Self.reply("ACCEPTED", sequence: 1)).outcome == .stale(answered: 1, current: 2))
        #expect(Self.judge(Self.reply("ACCEPTED", sequence: 3)).outcome == .applied(.accepted), "a newer one is fine")
    }

    @Test("#14.2: refusals: each is never applied and names no person",
          arguments: [
            ("unknown sender", reply("ACCEPTED"), "someone@else.example", ReplyRefusal.senderNotAttendee),
            ("answering for someone else", reply("DECLINED"), "three@shakyo.example.jp", .senderNotAttendee),
            ("UID of another municipality", reply("ACCEPTED", uid: "kasane-R8-1-4@other.example.jp"), "one@city.example.jp",
             .otherMunicipality),
            ("unknown item", reply("ACCEPTED", uid: "kasane-R8-9-1@city.example.jp"), "one@city.example.jp",
             .unknownItem(uid: "kasane-R8-9-1@city.example.jp")),
            ("not invited", reply("ACCEPTED", from: "two@city.example.jp"), "two@city.example.jp", .notInvited(uid: uid)),
            ("uninvited (sent a CANCEL)", reply("ACCEPTED", from: "four@shakyo.example.jp"), "four@shakyo.example.jp",
             .notInvited(uid: uid)),
            ("unknown PARTSTAT", reply("MAYBE"), "one@city.example.jp", .unknownPartstat("MAYBE")),
            ("NEEDS-ACTION is not an answer", reply("NEEDS-ACTION"), "one@city.example.jp", .unknownPartstat("NEEDS-ACTION")),
            ("DELEGATED without DELEGATED-TO", reply("DELEGATED"), "one@city.example.jp", .delegatedToMissing),
          ] as [(String, ReceivedReply, String, ReplyRefusal)])
    func refused(_ name: String, _ r: ReceivedReply, _ sender: String, _ refusal: ReplyRefusal) {
        let j = Self.judge(r, sender: sender)
        #expect(j.outcome == .refused(refusal), "\(name)")
        #expect(j.deputy == nil)
    }

    @Test("#14.1: a bare .ics file (no sender) is judged on its ATTENDEE alone")
    func bareFile() {
        #expect(Self.judge(Self.reply("ACCEPTED"), sender: nil).outcome == .applied(.accepted))
    }
}
