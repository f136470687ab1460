extension SchedulingRun {
    // MARK: - Joint holding (R5)

    /// Offers the earliest fitting session of each existing body to every 重層的支援会議 item not yet held.
    mutating func offerJointHolding() {
        var joint: [(session: Session, body: MeetingBody)] = []
        for session in sessions.values {
            for id in session.bodies {
                if let body = input.registry.body(id), body.kind.isExisting { joint.append((session, body)) }
            }
        }
        guard !joint.isEmpty else { return }
        joint.sort { ($0.session.date, $0.session.start, $0.session.id, $0.body.id)
            < ($1.session.date, $1.session.start, $1.session.id, $1.body.id) }
        for (index, trigger) in order.enumerated() where trigger.meetingKind == .multiAgency {
            if let item = placed[index], let session = sessions[item.sessionID], session.date <= input.today {
                continue
            }
            guard let file = input.caseFiles[trigger.caseNumber], !file.involvedAgencies.isEmpty else { continue }
            let needed = Set(file.involvedAgencies)
            let from = max(firstPlaceableDay, trigger.notBefore)
            let to = input.until.map { min($0, trigger.dueOn) } ?? trigger.dueOn
            guard from <= to else { continue }
            var offered: Set<BodyID> = []
            var low = 0
            var high = joint.count
            while low < high {
                let mid = (low + high) / 2
                if joint[mid].session.date < from { low = mid + 1 } else { high = mid }
            }
            for (session, body) in joint[low...] {
                if session.date > to { break }
                guard !offered.contains(body.id), closure(on: session.date) == nil,
                      needed.isSubset(of: memberAgencies(of: body, on: session.date)) else { continue }
                offered.insert(body.id)
                offers.append(JointOffer(
                    triggerID: trigger.id, sessionID: session.id, bodyID: body.id,
                    reason: JointHoldingReason(
                        bodyKind: body.kind, bodyName: body.name, date: session.date, from: from, dueOn: trigger.dueOn,
                        triggerKind: trigger.kind, caseNumber: trigger.caseNumber, agencies: file.involvedAgencies)))
            }
        }
    }

    /// The agencies of the members of `body` whose appointment covers `date` (open ends allowed).
    func memberAgencies(of body: MeetingBody, on date: LocalDate) -> Set<AgencyID> {
        var agencies: Set<AgencyID> = []
        for member in body.members {
            guard member.appointmentCovers(date) else { continue }
            if let person = input.registry.person(member.person) { agencies.insert(person.agency) }
        }
        return agencies
    }
}
