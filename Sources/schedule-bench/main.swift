// schedule-bench: full recomputation of the schedule for a synthetic city, beside the time to
// merely read the same rows from SQLite, in the same run (issue 3's benchmark).
//
// usage: schedule-bench [SIZES…]   (default 1000 10000 100000)
//        schedule-bench workspace CASES DIR   (a city for scripts/bench_commands.sh: DIR/kasane.sqlite
//                                              and DIR/calendars/ with one weekly series per area)
import Foundation
import KasaneCore
import KasaneStore
import PropertyBased

let today = LocalDate(iso: "2026-11-26")!
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "workspace", let size = Int(CommandLine.arguments[2]) {
    try writeWorkspace(cases: size, folder: CommandLine.arguments[3])
    exit(0)
}
let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let cities = sizes.isEmpty ? [1000, 10000, 100_000] : sizes

/// 200 agencies (two people each), the two bodies, ten existing bodies.
func makeRegistry() -> Registry {
    let fields = Field.allCases
    var agencies: [Agency] = []
    var people: [Person] = []
    for i in 0..<200 {
        var roles: Set<ProgrammeRole> = []
        if i == 0 { roles = [.municipality] }
        if i == 1 { roles = [.coordinator, .outreach] }
        if i == 2 { roles = [.participation] }
        agencies.append(Agency(id: "a\(i)", name: "機関\(i)", field: i < 2 ? .general : fields[i % fields.count],
                               kind: i % 3 == 0 ? .municipal : .contracted, mailbox: "a\(i)@bench.example.jp", roles: roles))
        for j in 0..<2 {
            people.append(Person(id: "p\(i)-\(j)", name: "職員\(i)-\(j)", mailbox: "p\(i)-\(j)@bench.example.jp",
                                 agency: "a\(i)", title: ""))
        }
    }
    let appointed = LocalDate(iso: "2026-04-01")!
    var bodies = [
        MeetingBody(id: "jusou", name: "重層的支援会議", kind: .multiAgency,
                    members: people.filter { $0.id.hasSuffix("-0") }.map { BodyMember(person: $0.id) }),
        MeetingBody(id: "shien", name: "支援会議", kind: .supportMeeting,
                    members: people.filter { $0.id.hasSuffix("-0") }.map {
                        BodyMember(person: $0.id, appointedOn: appointed, confidentialityAcknowledgedOn: appointed)
                    }),
    ]
    for b in 0..<10 {
        bodies.append(MeetingBody(id: "care\(b)", name: "地域ケア会議\(b)", kind: .communityCare,
                                  members: (0..<20).map { BodyMember(person: "p\(b * 20 + $0)-0") }))
    }
    return Registry(agencies: agencies, people: people, bodies: bodies)
}

/// `count` open cases: members, consent (80%) or none, and one open trigger each: a monitoring
/// review set for a day in the next 24 months (90%), or a plan drafted in the last 30 days.
func makeCases(_ count: Int, registry: Registry, rng: inout Xoshiro) -> [CaseImport] {
    (0..<count).map { n in
        let number = "B\(count)-\(n)"
        let opened = today.adding(days: -Int.random(in: 120...400, using: &rng))
        let involved = (0..<Int.random(in: 2...5, using: &rng)).map { _ in "a\(Int.random(in: 3..<200, using: &rng))" }
        let members = (0..<Int.random(in: 1...3, using: &rng)).map { m in
            NewMember(member: HouseholdMember(key: "m\(m)", relation: m == 0 ? "本人" : "家族", isPrincipal: m == 0),
                      details: MemberDetails(name: "架空\(n)-\(m)"))
        }
        var events: [SourcedEvent] = []
        let consented = Int.random(in: 0..<10, using: &rng) < 8
        if consented {
            for m in members {
                events.append(SourcedEvent(.consentGranted(.init(
                    member: m.member.key, grantedOn: opened.adding(days: 5),
                    scope: ConsentScope(agencies: Set(involved), fields: [.general]), formReference: "F-\(n)"))))
            }
        }
        events.append(SourcedEvent(.contactLogged(ContactAttempt(date: today.adding(days: -20), method: .visit,
                                                                 reached: true))))
        let kind: PlanKind = consented ? .multiAgency : .outreach
        let monitoring = Int.random(in: 0..<10, using: &rng) < 9
        let drafted = monitoring ? opened.adding(days: 30) : today.adding(days: -Int.random(in: 0...29, using: &rng))
        events.append(SourcedEvent(.planDrafted(.init(
            kind: kind, draftedOn: drafted,
            services: involved.prefix(2).map { PlanService(agency: $0, task: "支援", statutory: false) },
            urgent: Int.random(in: 0..<20, using: &rng) == 0))))
        if monitoring {
            // The plan's event is the last one appended: 1 (opening) + members + events so far.
            let planSeq = 1 + members.count + events.count
            events.append(SourcedEvent(.decisionRecorded(.init(
                onEvent: planSeq, decidedOn: drafted.adding(days: 10), outcome: .planApproved,
                monitoringOn: today.adding(days: Int.random(in: 20...720, using: &rng))))))
        }
        return CaseImport(opened: .init(number: number, openedOn: opened, referredBy: involved[0],
                                        fields: [.elderly], involvedAgencies: involved),
                          members: members, events: events)
    }
}

/// 24 months of regular sessions: weekly sittings in one area per 250 cases, serving both
/// bodies, capacity 8, each area with its own chair's time slot across the week.
func makeSessions(cases: Int, calendar: BusinessCalendar) -> [Session] {
    var sessions: [Session] = []
    let start = LocalDate(iso: "2026-11-30")!  // a Monday
    let areas = max(1, cases / 250)
    for week in 0..<104 {
        for area in 0..<areas {
            let date = start.adding(days: week * 7 + area % 5)
            guard calendar.isBusinessDay(date) else { continue }
            let hour = 9 + (area / 5) % 8
            sessions.append(Session(id: "area\(area)-\(date.iso)", kind: .regular, seriesUID: "area\(area)",
                                    title: "定例 \(area)", bodies: ["jusou", "shien"], date: date,
                                    start: TimeOfDay(hour: hour, minute: 0)!,
                                    end: TimeOfDay(hour: hour, minute: 0)!.adding(minutes: 240),
                                    capacity: 8, minutesPerItem: 30, location: nil, onlineURL: nil))
        }
    }
    return sessions
}

/// The same city as a workspace the `kasane` commands can run on: the registry and cases in
/// `folder/kasane.sqlite`, and in `folder/calendars/` one weekly series per 250 cases (the
/// areas of `makeSessions`), serving both bodies, capacity 8, 30 minutes per item.
func writeWorkspace(cases size: Int, folder: String) throws {
    let fm = FileManager.default
    let calendars = folder + "/calendars"
    try fm.createDirectory(atPath: calendars, withIntermediateDirectories: true)
    let path = folder + "/kasane.sqlite"
    for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: path + suffix) }
    let database = try AppDatabase(path: path, chainKeyPath: folder + "/kasane.key")
    let registry = makeRegistry()
    _ = try database.importRegistry(registry)
    var rng = Xoshiro(seed: (0x5EED, 0x5EED, 0x5EED, 0x5EED))
    try database.importCases(makeCases(size, registry: registry, rng: &rng), today: today, now: Date())
    let monday = LocalDate(iso: "2026-11-30")!
    for area in 0..<max(1, size / 250) {
        let first = monday.adding(days: area % 5)
        let hour = 9 + (area / 5) % 8
        let day = first.iso.replacingOccurrences(of: "-", with: "")
        let ics = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kasane//bench//JA",
            "BEGIN:VEVENT", "UID:series-area\(area)@bench.example.jp", "DTSTAMP:20261101T000000Z",
            String(format: "DTSTART;TZID=Asia/Tokyo:%@T%02d0000", day, hour),
            String(format: "DTEND;TZID=Asia/Tokyo:%@T%02d0000", day, hour + 4),
            "RRULE:FREQ=WEEKLY", "SUMMARY:定例 \(area)", "X-KASANE-SERIES:area\(area)", "X-KASANE-BODIES:jusou,shien",
            "X-KASANE-CAPACITY:8", "X-KASANE-MINUTES-PER-ITEM:30", "X-KASANE-ON-CLOSED-DAY:move",
            "END:VEVENT", "END:VCALENDAR", "",
        ].joined(separator: "\r\n")
        try ics.write(toFile: calendars + "/area\(area).ics", atomically: true, encoding: .utf8)
    }
}

/// FNV-1a over the result's sorted-keys JSON: equal digests mean an optimisation changed nothing.
func digest(_ result: ScheduleResult) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in (try? encoder.encode(result)) ?? Data() { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
    return String(hash, radix: 16)
}

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

let calendar = BusinessCalendar()
let clock = ContinuousClock()
print("city     cases  triggers  items  read(s)  schedule(s)  ratio  (triggers(s))  digest")
for size in cities {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("schedule-bench-\(size).sqlite").path
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    let database = try AppDatabase(path: path)
    let registry = makeRegistry()
    _ = try database.importRegistry(registry)
    var rng = Xoshiro(seed: (0x5EED, 0x5EED, 0x5EED, 0x5EED))
    try database.importCases(makeCases(size, registry: registry, rng: &rng), today: today, now: Date())
    let sessions = makeSessions(cases: size, calendar: calendar)

    var reads: [Double] = [], schedules: [Double] = [], deriving: [Double] = []
    var triggerCount = 0, itemCount = 0
    var last = ScheduleResult()
    for _ in 0..<5 {
        var files: [CaseFile] = []
        var loaded = Registry()
        reads.append(seconds(try clock.measure {
            loaded = try database.registry()
            files = try database.caseFiles()
            _ = try database.sessions()
            _ = try database.scheduledItems()
        }))
        let byNumber = Dictionary(files.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        let registryRead = loaded
        schedules.append(seconds(clock.measure {
            var triggers: [Trigger] = []
            deriving.append(seconds(clock.measure { triggers = Triggers.open(in: files, calendar: calendar, today: today) }))
            let result = Scheduler.schedule(ScheduleInput(
                triggers: triggers, sessions: sessions, existing: [], registry: registryRead, caseFiles: byNumber,
                calendar: calendar, today: today, until: nil, reschedule: false,
                requiredPeople: { trigger, session in
                    guard let file = byNumber[trigger.caseNumber] else { return [] }
                    return session.requiredPeople(for: trigger, caseFile: file, registry: registryRead)
                }))
            triggerCount = triggers.count
            itemCount = result.items.count
            last = result
        }))
    }
    let r = median(reads), s = median(schedules)
    let adHoc = Set(last.newSessions.map(\.id))
    print(String(format: "%-7d %6d  %8d  %5d  %7.3f  %11.3f  %5.2f  (%11.3f)  ", size, size, triggerCount, itemCount, r,
                 s, s / r, median(deriving))
        + digest(last) + "  ad hoc: \(last.items.filter { adHoc.contains($0.sessionID) }.count) items in \(adHoc.count) "
        + "sessions on \(Set(last.newSessions.map(\.date)).count) days up to \(last.newSessions.last?.date.iso ?? "-")")
}
