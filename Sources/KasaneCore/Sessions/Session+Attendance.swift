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
            for: AttendanceItem(number: item.position + 1, caseFile: caseFile, meetingKind: item.meetingKind),
            in: session, registry: registry)
    }
}
