extension Session {
    /// The session as the attendance rules see it: the 重層的支援会議 or 支援会議 body it sits as
    /// (and the other one, when one sitting serves both), on its date. `nil` when the session
    /// serves neither (an existing body's own session, R5).
    public func attendanceSession(registry: Registry) -> AttendanceSession? {
        let bodies = self.bodies.compactMap(registry.body)
        let own = bodies.filter { $0.kind == .multiAgency || $0.kind == .supportMeeting }
        guard let first = own.first else { return nil }
        return AttendanceSession(date: date, body: first, alsoSittingAs: own.dropFirst().first { $0.kind != first.kind })
    }

    /// The attendance of one case item placed in this session (R10–R15).
    public func attendance(of item: ScheduledItem, caseFile: CaseFile, registry: Registry) -> ItemAttendance? {
        guard let session = attendanceSession(registry: registry) else { return nil }
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
