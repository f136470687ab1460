extension Session {
    /// The session as the attendance rules see it: the 重層的支援会議 or 支援会議 body it sits as
    /// (and the other one, when one sitting serves both), on its date. `nil` when the session
    /// serves neither (an existing body's own session, R5).
    ///
    /// A series declared for a 重層的支援会議 body and an existing body together (X-KASANE-BODIES)
    /// is held jointly (R5): the case part sits as 重層的支援会議 with the existing body as `joint`,
    /// (a) when both bodies have the same members on the day, else (b).
    public func attendanceSession(registry: Registry) -> AttendanceSession? {
        let bodies = self.bodies.compactMap(registry.body)
        let own = bodies.filter { $0.kind == .multiAgency || $0.kind == .supportMeeting }
        guard let first = own.first else { return nil }
        let joint = bodies.first { $0.kind.isExisting }.map { JointHolding.between(first, and: $0, on: date) }
        return AttendanceSession(date: date, body: first, alsoSittingAs: own.dropFirst().first { $0.kind != first.kind },
                                 joint: joint)
    }

    /// The session as the attendance rules see an item held jointly by the secretariat's choice
    /// (R5): the case part sits as the registry's 重層的支援会議 body, `existing` as the joint body.
    public func jointSession(with existing: BodyID, registry: Registry) -> AttendanceSession? {
        guard let own = registry.bodies(of: .multiAgency).first, let other = registry.body(existing) else { return nil }
        return AttendanceSession(date: date, body: own, joint: JointHolding.between(own, and: other, on: date))
    }

    /// The attendance of one case item placed in this session (R10–R15).
    public func attendance(of item: ScheduledItem, caseFile: CaseFile, registry: Registry) -> ItemAttendance? {
        let sitting = item.jointBody.map { jointSession(with: $0, registry: registry) } ?? attendanceSession(registry: registry)
        guard let session = sitting else { return nil }
        return AttendancePlanner.attendance(
            for: AttendanceItem(number: item.position + 1, caseFile: caseFile, meetingKind: item.meetingKind,
                                deputies: deputies),
            in: session, registry: registry)
    }
}

extension Session {
    /// The people who must attend `trigger`'s item if it were held in this session: the chair and
    /// the required participants (what the scheduler keeps free when it proposes an ad hoc meeting).
    public func requiredPeople(for trigger: Trigger, caseFile: CaseFile, registry: Registry) -> Set<PersonID> {
        guard let sitting = attendanceSession(registry: registry) else { return [] }
        let attendance = AttendancePlanner.attendance(
            for: AttendanceItem(number: 1, caseFile: caseFile, meetingKind: trigger.meetingKind), in: sitting,
            registry: registry)
        return Set(attendance.attendees.filter { $0.role != .optional }.map(\.person))
    }
}
