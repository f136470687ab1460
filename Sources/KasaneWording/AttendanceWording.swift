public import KasaneCore

extension Catalogue {
    /// A reason in words followed by its rule ids: `outside the consent of 2026-04-01 (R1, R15)`.
    public func withRules(_ reason: some CatalogueWorded & AttendanceRuled) -> String {
        reason.words(self) + rules(reason.rules)
    }

    /// Rule ids in parentheses (`（R1、R15）` / ` (R1, R15)`).
    public func rules(_ ids: [AttendanceRule]) -> String { rules(ids.map(\.rawValue)) }

    fileprivate func dates(_ dates: [LocalDate]) -> String { list(dates.map(date)) }

    fileprivate func names(_ named: [Named]) -> String { list(named.map(\.name)) }

    /// `no consent in force from m1` / `m1の同意がない`; nobody discussed when `members` is empty.
    fileprivate func noConsent(_ members: [MemberKey], on day: LocalDate, en nobody: String) -> String {
        switch language {
        case .ja: members.isEmpty ? "\(date(day))時点で検討する世帯員がいない" : "\(date(day))時点で\(list(members))の同意がない"
        case .en: members.isEmpty ? "\(nobody) on \(date(day))" : "no consent in force from \(list(members)) on \(date(day))"
        }
    }
}

// MARK: - Inclusion

extension InclusionReason: CatalogueWorded {
    public func words(_ c: Catalogue) -> String {
        switch (self, c.language) {
        case (.hostChairs, .ja): "多機関協働事業者: 会議を主宰し、議長を務める"
        case (.hostChairs, .en): "多機関協働事業者: hosts and chairs the meeting"
        case (.municipalityAttends, .ja): "自治体職員: すべての重層的支援会議に出席し、支援決定を行う"
        case (.municipalityAttends, .en): "自治体職員: attends every 重層的支援会議 and makes 支援決定"
        case (.municipalityOrganises, .ja): "自治体職員: 自治体が支援会議を組織する（社会福祉法第106条の6）"
        case (.municipalityOrganises, .en): "自治体職員: the municipality organises the 支援会議 (社会福祉法第106条の6)"
        case (.providerAttends(let roles), .ja): "\(roles.map(\.rawValue).joined(separator: "・")): 原則として出席する"
        case (.providerAttends(let roles), .en): "\(roles.map(\.rawValue).joined(separator: "・")): attends in principle"
        case (.localPeopleInvolved, .ja): "事例に関わる地域の方: 招くことができる"
        case (.localPeopleInvolved, .en): "local people involved in the case: may be invited"
        case (.involvedInCase, .ja): "事例とそのプランに関わる機関"
        case (.involvedInCase, .en): "involved in the case and its plan"
        case (.askedToItem, .ja): "この議題に招かれた"
        case (.askedToItem, .en): "asked to this item"
        case (.deputy(let agency, let replacing), .ja): "\(replacing.isEmpty ? agency.name : c.names(replacing))の代理出席"
        case (.deputy(let agency, let replacing), .en): "代理出席 for \(replacing.isEmpty ? agency.name : c.names(replacing))"
        case (.jointBodyMember(let body, .sameMembers), .ja): "\(body.name)の構成員（合同開催、構成員が同一: R5-a）"
        case (.jointBodyMember(let body, .partlyShared), .ja): "\(body.name)の構成員（合同開催、構成員が一部重複: R5-b）"
        case (.jointBodyMember(let body, .sameMembers), .en): "member of \(body.name), held jointly with same members (R5-a)"
        case (.jointBodyMember(let body, .partlyShared), .en):
            "member of \(body.name), held jointly with partly shared members (R5-b)"
        case (.temporaryMemberBeforeSession(let body, let on), .ja): "会議の前の\(c.date(on))に\(body.name)の臨時構成員に任命済み"
        case (.temporaryMemberBeforeSession(let body, let on), .en):
            "appointed 臨時構成員 of \(body.name) on \(c.date(on)), before the session"
        case (.hostInsideEveryConsent(let dates), .ja):
            "主宰者（多機関協働事業者）は重層的支援会議で共有するすべての同意の範囲内（\(c.dates(dates))の同意）"
        case (.hostInsideEveryConsent(let dates), .en):
            "the host (多機関協働事業者) is inside every consent to share in 重層的支援会議 (consent of \(c.dates(dates)))"
        case (.municipalityInsideEveryConsent(let dates), .ja):
            "自治体職員は重層的支援会議で共有するすべての同意の範囲内（\(c.dates(dates))の同意）"
        case (.municipalityInsideEveryConsent(let dates), .en):
            "municipal staff (自治体職員) is inside every consent to share in 重層的支援会議 (consent of \(c.dates(dates)))"
        case (.insideConsent(let forms), .ja):
            "検討するすべての世帯員の同意の範囲内: \(c.list(forms.map { "\(c.list($0.givenBy)) \(c.date($0.grantedOn))" }))"
        case (.insideConsent(let forms), .en):
            "inside the consent of every member discussed: \(c.list(forms.map { "\(c.list($0.givenBy)) \(c.date($0.grantedOn))" }))"
        case (.appointedMember(let body, let since, let temporary, let acknowledged), .ja):
            "\(c.date(since))から\(body.name)の構成員\(temporary ? "（臨時構成員）" : "")、\(c.date(acknowledged))に守秘義務を確認"
        case (.appointedMember(let body, let since, let temporary, let acknowledged), .en):
            "appointed member of \(body.name) since \(c.date(since))\(temporary ? " (temporary member)" : ""), "
                + "守秘義務 acknowledged on \(c.date(acknowledged))"
        }
    }
}

// MARK: - Exclusion

extension ExclusionReason: CatalogueWorded {
    public func words(_ c: Catalogue) -> String {
        switch (self, c.language) {
        case (.agencyNotRegistered, .ja): "名簿に登録されていない機関"
        case (.agencyNotRegistered, .en): "not in the registry"
        case (.deputyNotOfAgency(let deputy, let agency, _), .ja): "代理出席者 \(deputy) は\(agency.name)の登録職員ではない"
        case (.deputyNotOfAgency(let deputy, let agency, _), .en): "deputy \(deputy) is not a registered person of \(agency.name)"
        case (.nobodyRegistered, .ja): "機関の職員が一人も登録されていない"
        case (.nobodyRegistered, .en): "no person of the agency is registered"
        case (.deputyNotNeeded(let deputy), .ja): "代理出席者 \(deputy) は不要: 機関はこの議題に関わらない"
        case (.deputyNotNeeded(let deputy), .en): "deputy \(deputy) not needed: the agency has no part in this item"
        case (.personAgencyNotRegistered, .ja): "職員の所属機関が名簿にない"
        case (.personAgencyNotRegistered, .en): "the person's agency is not in the registry"
        case (.jointBodyMember(let body, let standing, let inner), .ja):
            switch standing {
            case .heldAsOneMeeting: "\(body.name)の構成員（一体で開催）— \(c(inner))"
            case .alsoOwnMember: "\(body.name)の構成員 — \(c(inner))"
            case .jointBodyOnly: "\(body.name)だけの構成員 — \(c(inner))"
            }
        case (.jointBodyMember(let body, let standing, let inner), .en):
            switch standing {
            case .heldAsOneMeeting: "member of \(body.name), held as one meeting — \(c(inner))"
            case .alsoOwnMember: "member of \(body.name) — \(c(inner))"
            case .jointBodyOnly: "member of \(body.name) only — \(c(inner))"
            }
        case (.nobodyDiscussed, .ja): "よりどころとなる世帯員の同意がない: 議題は記録上の世帯員を誰も扱っていない"
        case (.nobodyDiscussed, .en): "no household member's consent to rely on: the item discusses nobody on record"
        case (.noConsentInForce(let on, let members), .ja): "\(c.date(on))時点で\(c.list(members))の同意がない"
        case (.noConsentInForce(let on, let members), .en): "no consent in force on \(c.date(on)) from \(c.list(members))"
        case (.outsideConsent(let forms), .ja):
            "\(forms.map { $0.givenBy.isEmpty ? c.date($0.grantedOn) : "\(c.date($0.grantedOn))（\(c.list($0.givenBy))）" }.joined(separator: "；"))の同意の範囲外"
        case (.outsideConsent(let forms), .en):
            "outside the consent of "
                + forms.map { $0.givenBy.isEmpty ? c.date($0.grantedOn) : "\(c.date($0.grantedOn)) given by \(c.list($0.givenBy))" }
                .joined(separator: "; ")
        case (.notSittingAsSupportMeeting, .ja): "この会議は支援会議として開かれない"
        case (.notSittingAsSupportMeeting, .en): "the session does not sit as 支援会議"
        case (.notAMember(let person, let body), .ja): "\(person.name)は\(body.name)の構成員ではない"
        case (.notAMember(let person, let body), .en): "\(person.name) is not a member of \(body.name)"
        case (.noAppointmentDate(let person, let body), .ja): "\(person.name)の\(body.name)への任命日が記録されていない"
        case (.noAppointmentDate(let person, let body), .en): "\(person.name) has no appointment date in \(body.name)"
        case (.appointmentNotStarted(let person, let body, let starts, let session), .ja):
            "\(person.name)の\(body.name)への任命は\(c.date(starts))からで、\(c.date(session))より後"
        case (.appointmentNotStarted(let person, let body, let starts, let session), .en):
            "\(person.name)'s appointment to \(body.name) starts on \(c.date(starts)), after \(c.date(session))"
        case (.appointmentEnded(let person, let body, let ended), .ja): "\(person.name)の\(body.name)への任命は\(c.date(ended))に終了"
        case (.appointmentEnded(let person, let body, let ended), .en):
            "\(person.name)'s appointment to \(body.name) ended on \(c.date(ended))"
        case (.confidentialityNotAcknowledged(let person, let by), .ja): "\(person.name)は\(c.date(by))までに守秘義務を確認していない"
        case (.confidentialityNotAcknowledged(let person, let by), .en):
            "\(person.name) has not acknowledged 守秘義務 by \(c.date(by))"
        }
    }
}

extension AttendanceExclusion: CatalogueWorded {
    /// The one-line message: `すまい建築課: left out of item 2 — outside the consent of 2026-04-01 (R1, R15)`.
    public func words(_ c: Catalogue) -> String {
        switch c.language {
        case .ja: "\(label): 議題\(item)から除外 — \(c.withRules(reason))"
        case .en: "\(label): left out of item \(item) — \(c.withRules(reason))"
        }
    }
}

// MARK: - Remedy

extension AttendanceRemedy: CatalogueWorded {
    /// The remedy with its rule ids.
    public func words(_ c: Catalogue) -> String {
        let text: String = switch (self, c.language) {
        case (.widenConsent(let members, let agency, nil), .ja):
            "\(c.list(members))に、\(agency.name)も含むよう同意を広げてもらう"
        case (.widenConsent(let members, let agency, let field?), .ja):
            "\(c.list(members))に、\(agency.name)または\(field.rawValue)分野も含むよう同意を広げてもらう"
        case (.widenConsent(let members, let agency, nil), .en):
            "ask \(c.list(members)) to widen the consent to cover \(agency.name)"
        case (.widenConsent(let members, let agency, let field?), .en):
            "ask \(c.list(members)) to widen the consent to cover \(agency.name) or the \(field.rawValue) field"
        case (.appointToSupportMeeting(let person, let body), .ja):
            "\(person.name)を守秘義務の確認とともに\(body.name)の構成員に任命する（この事例だけなら臨時構成員として）"
        case (.appointToSupportMeeting(let person, let body), .en):
            "appoint \(person.name) to \(body.name) with a 守秘義務 acknowledgment, as a temporary member if only for this case"
        case (.acknowledgeConfidentiality(let person), .ja): "会議の前に\(person.name)の守秘義務の確認を記録する"
        case (.acknowledgeConfidentiality(let person), .en): "record \(person.name)'s 守秘義務 acknowledgment before the session"
        case (.appointTemporaryMember(let person, let body, let agency), .ja):
            "会議の前に\(person.name)を\(body.name)の臨時構成員に任命するか、\(agency.name)と共有することへの本人の同意を得る"
        case (.appointTemporaryMember(let person, let body, let agency), .en):
            "appoint \(person.name) 臨時構成員 of \(body.name) before the session, or obtain the person's consent to share "
                + "with \(agency.name)"
        case (.moveToSupportMeeting(let members), .ja):
            members.isEmpty ? "議題を支援会議の議題として扱う" : "議題を支援会議の議題として扱うか、\(c.list(members))の同意を得る"
        case (.moveToSupportMeeting(let members), .en):
            members.isEmpty ? "hold the item as a 支援会議 item"
                : "hold the item as a 支援会議 item, or obtain the consent of \(c.list(members))"
        case (.registerAgency(let id), .ja): "機関 \(id) とその職員を名簿に登録する"
        case (.registerAgency(let id), .en): "register agency \(id) and its people"
        case (.registerPerson(let agency), .ja): "\(agency.name)の職員を名簿に登録する"
        case (.registerPerson(let agency), .en): "register a person of \(agency.name)"
        case (.fixDeputy(let agency), .ja): "\(agency.name)の登録職員を代理出席者に指名する"
        case (.fixDeputy(let agency), .en): "name a registered person of \(agency.name) as deputy"
        }
        return text + c.rules(rules)
    }
}

// MARK: - Flags

extension AttendanceFlag: CatalogueWorded {
    /// The problem with its rule ids.
    public func words(_ c: Catalogue) -> String {
        let text: String = switch (self, c.language) {
        case (.consentMissing(let members, let on), .ja): "\(c.noConsent(members, on: on, en: "")): 支援会議の議題として扱ってください"
        case (.consentMissing(let members, let on), .en):
            "\(c.noConsent(members, on: on, en: "no member discussed")): hold the item as a 支援会議 item"
        case (.noBodyForKind(let needs, let sitting), .ja):
            "\(needs.rawValue)の議題ですが、この会議は\(sitting.rawValue)として開かれます: \(needs.rawValue)の会議へ移してください"
        case (.noBodyForKind(let needs, let sitting), .en):
            "the item is a \(needs.rawValue) item but the session sits as \(sitting.rawValue): move it to a \(needs.rawValue) session"
        case (.noChair, .ja): "多機関協働事業者が登録されていません"
        case (.noChair, .en): "no 多機関協働事業者 is registered"
        case (.chairOutOfScope(let host), .ja): "主宰する\(host.name)が議題の範囲内で出席できず、議長がいません"
        case (.chairOutOfScope(let host), .en): "the host \(host.name) cannot attend within the item's scope: the item has no chair"
        case (.noMunicipality, .ja): "自治体の機関（自治体）が登録されていません"
        case (.noMunicipality, .en): "no municipal department (自治体) is registered"
        case (.municipalityOutOfScope, .ja): "議題の範囲内で出席できる自治体職員がいません"
        case (.municipalityOutOfScope, .en): "no municipal staff can attend within the item's scope"
        case (.jointMembersOutOfScope(let body, let people), .ja):
            "\(body.name)と一体で開催します（構成員が同一）が、\(c.names(people))は議題の範囲外です: "
                + "事例の部分は範囲内の構成員だけで開く（R5-b）か、範囲を広げてください"
        case (.jointMembersOutOfScope(let body, let people), .en):
            "held as one meeting with \(body.name) (same members) but \(c.names(people)) are outside the item's scope: "
                + "hold the case part with the members in scope only (R5-b), or widen the scope"
        case (.jointBodyNotExisting(let body, let kind), .ja): "\(body.name)は\(kind.rawValue)で、既存の会議体ではありません"
        case (.jointBodyNotExisting(let body, let kind), .en): "\(body.name) is a \(kind.rawValue), not an existing body"
        case (.unknownMember(let members, let number), .ja): "検討する世帯員 \(c.list(members)) は事例 \(number) に記録されていません"
        case (.unknownMember(let members, let number), .en): "discussed member(s) \(c.list(members)) not on case \(number)"
        case (.principalNotOnRecord, .ja): "本人が出席するとされていますが、本人が記録されていません"
        case (.principalNotOnRecord, .en): "the case file says the person attends, but no 本人 is on record"
        }
        return text + c.rules(rules)
    }
}

// MARK: - Consent review

extension ConsentReview.Reason: CatalogueWorded {
    public func words(_ c: Catalogue) -> String {
        switch (self, c.language) {
        case (.movedToSupportMeeting(let members, let on, let body), .ja):
            "\(c.noConsent(members, on: on, en: ""))ため、\(body.name)の支援会議の議題として扱う"
        case (.movedToSupportMeeting(let members, let on, let body), .en):
            "\(c.noConsent(members, on: on, en: "no member is discussed")): held as a 支援会議 item of \(body.name)"
        case (.needsSupportMeetingSession(let members, let on), .ja):
            "\(c.noConsent(members, on: on, en: ""))うえ、この会議は支援会議として開かれない: 議題を支援会議に入れてください"
        case (.needsSupportMeetingSession(let members, let on), .en):
            "\(c.noConsent(members, on: on, en: "no member is discussed")) and this session does not sit as 支援会議: "
                + "place the item in a 支援会議"
        case (.consentNowInForce, .ja): "検討するすべての世帯員の同意がある: 議題を重層的支援会議にかけられる"
        case (.consentNowInForce, .en): "consent is in force for every member discussed: the item may go to 重層的支援会議"
        case (.heldAsNeeded(let kind), .ja): "議題は事例に必要な会議（\(kind.rawValue)）として扱われている"
        case (.heldAsNeeded(let kind), .en): "the item is held as the kind the case needs (\(kind.rawValue))"
        }
    }
}

// MARK: - Law remedies

extension LawRemedy: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.moveToSupportMeetingOrConsent, .ja):
            "本人同意が得られていない（撤回された）世帯員がいるため、重層的支援会議では開けません。`kasane schedule` で"
                + "支援会議へ移すか、同意を記録してください (R3)"
        case (.moveToSupportMeetingOrConsent, .en):
            "a household member has not consented (or withdrew consent), so the item cannot sit as 重層的支援会議: move it "
                + "to 支援会議 with `kasane schedule`, or record the consent (R3)"
        case (.registerChair, .ja): "多機関協働事業者（役割「多機関協働事業者」の機関とその職員）を名簿に登録してください (R10)"
        case (.registerChair, .en): "register the 多機関協働事業者 (an agency with that role, and its people) (R10)"
        case (.registerChairStaff, .ja): "会議を主宰する多機関協働事業者の職員を名簿に登録してください (R10)"
        case (.registerChairStaff, .en): "register the staff of the 多機関協働事業者 who chairs the meeting (R10)"
        case (.registerMunicipality, .ja): "自治体職員（役割「自治体」の機関とその職員）を名簿に登録してください (R11)"
        case (.registerMunicipality, .en): "register municipal staff (an agency with the role 自治体, and its people) (R11)"
        case (.registerMunicipalStaff, .ja): "自治体の機関に職員を登録し、支援会議であれば構成員に任命してください (R11)"
        case (.registerMunicipalStaff, .en): "register staff of the municipal agency and, for 支援会議, appoint them as members (R11)"
        }
    }
}

// MARK: - Roles

extension AttendeeRole: Worded {
    /// The role as staff read it: 議長 / 出席（必須） / 出席（任意）; in English the iCalendar ROLE
    /// value (CHAIR, REQ-PARTICIPANT, OPT-PARTICIPANT), which calendars and `--json` always carry.
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.chair, .ja): "議長"
        case (.chair, .en): rawValue
        case (.required, .ja): "出席（必須）"
        case (.required, .en): rawValue
        case (.optional, .ja): "出席（任意）"
        case (.optional, .en): rawValue
        }
    }
}
