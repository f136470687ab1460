public import KasaneCore

// The scheduler's reasons in words (#13.3): placements, ad hoc searches, moves, unplaced items,
// joint-holding offers. Ids, rule ids and registry names stay as they are; dates go through the
// catalogue (和暦 in documents). Japanese clauses carry no final 。: the caller joins them.

extension PlacementReason: CatalogueWorded {
    public func words(_ c: Catalogue) -> String {
        switch self {
        case let .earliestRegular(kind, dueOn, rule, fullBefore):
            let full = fullBefore.isEmpty ? "" : c.pick("。それより前の会議は満席: ", "; earlier sessions full: ")
                + c.few(fullBefore) { $0 }
            return c.pick("期限 \(c.date(dueOn)) までに空きのある最も早い\(kind.rawValue)\(c.rules([rule]))",
                          "earliest \(kind.rawValue) session before the due date \(c.date(dueOn)) with room\(c.rules([rule]))")
                + full
        case let .acceptedJointHolding(body, acceptedOn):
            return c.pick("\(body) との合同開催を事務局が \(c.date(acceptedOn)) に承諾: 事例の部分は重層的支援会議として開く\(c.rules(["R5"]))",
                          "joint holding with \(body) accepted by the secretariat on \(c.date(acceptedOn)): "
                            + "the case part sits as 重層的支援会議\(c.rules(["R5"]))")
        case let .adHoc(placement):
            return placement.words(c)
        case let .carriedOver(from, heldOn, reason):
            return c.pick("\(c.date(heldOn)) に開催した \(from) で決定が記録されなかったため繰越し\(c.rules(["R20"]))。",
                          "carried over from \(from) held on \(c.date(heldOn)), where no decision was recorded\(c.rules(["R20"])); ")
                + reason.words(c)
        case let .legacy(text):
            return c.pick("（以前の版が記録した理由）\(text)", text)
        }
    }
}

extension AdHocPlacement: CatalogueWorded {
    public func words(_ c: Catalogue) -> String {
        let head = switch slot {
        case let .proposed(title, date, start):
            c.pick("\(title) を \(c.date(date)) \(start) に提案\(c.rules([rule]))",
                   "\(title) proposed on \(c.date(date)) \(start)\(c.rules([rule]))")
        case let .joined(title, sessionID, date):
            c.pick("\(title) \(sessionID)（\(c.date(date))）に追加\(c.rules([rule]))",
                   "joins \(title) \(sessionID) on \(c.date(date))\(c.rules([rule]))")
        }
        let separator = c.pick("。", "; ")
        let causes = because.map { $0.words(c) }.joined(separator: c.pick("、", "; "))
        return ([head + c.pick("：", ": ") + causes] + notes.map { $0.words(c) }).joined(separator: separator)
    }
}

extension AdHocCause: CatalogueWorded {
    public func words(_ c: Catalogue) -> String {
        switch self {
        case .urgent:
            c.pick("緊急（随時開催）", "urgent (随時開催)")
        case let .regularSessionsFull(kind, from, dueOn, sessions):
            c.pick("\(c.date(from)) から期限 \(c.date(dueOn)) までの\(kind.rawValue)は満席（\(c.few(sessions) { $0 })）",
                   "the \(kind.rawValue) sessions from \(c.date(from)) to the due date \(c.date(dueOn)) are full "
                    + "(\(c.few(sessions) { $0 }))")
        case let .overdue(since):
            c.pick("期限 \(c.date(since)) を過ぎています", "overdue since \(c.date(since))")
        case let .dueBeforeAnySession(dueOn):
            c.pick("期限 \(c.date(dueOn)) が、会議を開ける最も早い日より前です",
                   "due on \(c.date(dueOn)), before any session can be held")
        case let .noRegularSession(kind, from, dueOn):
            c.pick("\(c.date(from)) から期限 \(c.date(dueOn)) までに開かれる\(kind.rawValue)がありません",
                   "no \(kind.rawValue) session from \(c.date(from)) to the due date \(c.date(dueOn))")
        }
    }
}

extension AdHocNote: CatalogueWorded {
    public func words(_ c: Catalogue) -> String {
        switch self {
        case let .earliestBusinessDay(from, closed):
            c.pick("\(c.date(from)) 以降で最も早い開庁日" + (closed.isEmpty ? "" : "（閉庁日: \(c.list(closed))）"),
                   "earliest business day from \(c.date(from))" + (closed.isEmpty ? "" : " (closed: \(c.list(closed)))"))
        case let .skipped(slots):
            c.few(slots) { $0.words(c) }
        }
    }
}

extension SkippedSlot: CatalogueWorded {
    public func words(_ c: Catalogue) -> String {
        switch place {
        case let .session(id, at):
            c.pick("\(id) の \(at) は見送り（\(clash.words(c))）", "\(id) at \(at) skipped: \(clash.words(c))")
        case let .slot(date, at):
            c.pick("\(c.date(date)) \(at) は見送り（\(clash.words(c))）", "\(c.date(date)) \(at) skipped: \(clash.words(c))")
        }
    }
}

extension AttendeeClash: CatalogueWorded {
    public func words(_ c: Catalogue) -> String {
        c.pick("\(person) が \(sessionID) の \(start)–\(end) に \(triggerID) で出席",
               "\(person) attends \(triggerID) at \(start)–\(end) in \(sessionID)")
    }
}

extension MoveReason: CatalogueWorded {
    public func words(_ c: Catalogue) -> String {
        func at(_ id: String, _ date: LocalDate) -> String {
            c.pick("\(c.date(date)) の会議 \(id)", "session \(id) on \(c.date(date))")
        }
        return switch self {
        case let .sessionGone(id):
            c.pick("会議 \(id) はもうありません", "session \(id) no longer exists")
        case let .jointHoldingWithdrawn(id, date, body):
            c.pick("\(at(id, date)) での \(body) との合同開催は、この議題についてもう承諾されていません\(c.rules(["R5"]))",
                   "the joint holding of \(at(id, date)) with \(body) is no longer accepted for the item\(c.rules(["R5"]))")
        case let .jointHoldingElsewhere(acceptedIn):
            c.pick("事務局が \(acceptedIn) での合同開催を承諾しました\(c.rules(["R5"]))",
                   "the secretariat accepted joint holding in \(acceptedIn)\(c.rules(["R5"]))")
        case let .bodyKindNeeded(id, date, kind, basis):
            c.pick("\(at(id, date)) は\(kind.rawValue)として開かれませんが、議題には今\(kind.rawValue)が必要です\(c.rules([basis.rawValue]))",
                   "\(at(id, date)) does not serve a \(kind.rawValue) body, which the item now needs\(c.rules([basis.rawValue]))")
        case let .closedDay(id, date, name):
            c.pick("\(at(id, date)) は閉庁日（\(name)）です", "\(at(id, date)) falls on a closed day (\(name))")
        case let .beforeWindow(id, date, notBefore):
            c.pick("\(at(id, date)) は、議題を扱える最初の日 \(c.date(notBefore)) より前です",
                   "\(at(id, date)) is before the item's window opens on \(c.date(notBefore))")
        case let .afterDue(id, date, dueOn, rule):
            c.pick("\(at(id, date)) は期限 \(c.date(dueOn)) より後です\(c.rules([rule]))",
                   "\(at(id, date)) is after the due date \(c.date(dueOn))\(c.rules([rule]))")
        case let .beyondCapacity(id, date, position, capacity):
            c.pick("\(at(id, date)) の枠 \(position) は定員 \(capacity) を超えています",
                   "position \(position) is beyond the capacity \(capacity) of \(at(id, date))")
        case let .positionTaken(id, date, position):
            c.pick("\(at(id, date)) の枠 \(position) は別の議題が使っています",
                   "position \(position) of \(at(id, date)) is taken by another item")
        case let .undecided(id, heldOn):
            c.pick("\(c.date(heldOn)) の \(id) で決定が記録されませんでした\(c.rules(["R20"]))",
                   "no decision was recorded at \(id) on \(c.date(heldOn))\(c.rules(["R20"]))")
        }
    }
}

extension UnplacedReason: CatalogueWorded {
    public func words(_ c: Catalogue) -> String {
        func causes(_ because: [AdHocCause]) -> String {
            because.map { $0.words(c) }.joined(separator: c.pick("、", "; "))
        }
        return switch self {
        case let .beyondHorizon(kind, dueOn, id, date, until, rule):
            c.pick("期限 \(c.date(dueOn)) までに空きのある最も早い\(kind.rawValue)は \(c.date(date)) の \(id) で、"
                    + "配置の範囲（--until \(c.date(until))）より後です\(c.rules([rule]))",
                   "the earliest \(kind.rawValue) session with room before the due date \(c.date(dueOn)) is \(id) on "
                    + "\(c.date(date)), after \(c.date(until)) (until)\(c.rules([rule]))")
        case let .noAdHocBody(kind, because):
            c.pick("\(causes(because))。随時開催する\(kind.rawValue)の会議体が名簿（registry）にありません。追加してください",
                   "\(causes(because)); and no \(kind.rawValue) body is in the registry to hold an ad hoc session — please add one")
        case let .noAdHocSlot(from, until, because):
            c.pick("\(causes(because))。\(c.date(from)) から"
                    + (until.map { "\(c.date($0))（--until）まで" } ?? "1年以内")
                    + "に、必要な出席者が空いている開庁日の時間枠がありません",
                   "\(causes(because)); and no office slot from \(c.date(from)) "
                    + (until.map { "up to \(c.date($0)) (until)" } ?? "within a year")
                    + " is on a business day with the required attendees free")
        case let .acceptedJointHoldingUnusable(id):
            c.pick("承諾された \(id) での合同開催は使えません（会議の日が過ぎた、閉庁日、満席、またはカレンダーにない）。"
                    + "議題は通常どおり配置します\(c.rules(["R5"]))",
                   "the accepted joint holding in \(id) cannot be used (the session is past, closed, full or no longer "
                    + "in the calendars): the item is placed as usual\(c.rules(["R5"]))")
        case let .invitationsSent(why):
            c.pick("\(why.words(c))。招待を送信済みのため、議題は記録どおりそこに残します。移すには --reschedule を付けて"
                    + "配置し直してください",
                   "\(why.words(c)); invitations were already sent, so the item stays on record there — "
                    + "reschedule (--reschedule) to move it")
        case let .released(from, because, then):
            c.pick("\(from) に配置されていましたが、\(because.words(c))。\(then.words(c))",
                   "was in \(from) but \(because.words(c)); \(then.words(c))")
        case let .cannotBeHeldLawfully(sessionID, blockers, remedies):
            c.pick("\(sessionID) で重層的支援会議として開催できません（\(blockers.map { c($0) }.joined(separator: "、"))）。"
                    + remedies.map { c($0) }.joined(separator: "。"),
                   "cannot be held lawfully as a 重層的支援会議 in \(sessionID) (\(blockers.map { c($0) }.joined(separator: "; "))). "
                    + remedies.map { c($0) }.joined(separator: "; "))
        }
    }
}

extension JointHoldingReason: CatalogueWorded {
    public func words(_ c: Catalogue) -> String {
        let rule = c.rules([triggerKind.rule]), r5 = c.rules(["R5"])
        return c.pick(
            "\(bodyKind.rawValue)「\(bodyName)」が \(c.date(date)) に開かれます。\(triggerKind.rawValue)\(rule)の期間 "
                + "\(c.date(from))〜\(c.date(dueOn)) の内にあり、構成員が事例 \(caseNumber) のすべての機関（\(c.list(agencies))）に"
                + "属しているため、合同開催できます\(r5)。本人の同意がその構成員全員に及ぶこと。及ばなければ、その会議体の部分を先に行い、"
                + "重層的支援会議の部分は重層的支援会議の構成員だけで行ってください",
            "\(bodyKind.rawValue)「\(bodyName)」 meets on \(c.date(date)), within the window \(c.date(from))–\(c.date(dueOn)) "
                + "of \(triggerKind.rawValue)\(rule), and its members work for every agency of case \(caseNumber) "
                + "(\(c.list(agencies))): it may be held jointly\(r5) — the person's consent must cover all its members, "
                + "or hold that body's part first and the 重層的支援会議 part with its own members only")
    }
}

extension InvitationReason: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.invited, .ja): "議題への招待"
        case (.invited, .en): "invited to the item"
        case (.itemChanged, .ja): "議題の変更"
        case (.itemChanged, .en): "the item changed"
        case (.noLongerAttends, .ja): "議題に出席しなくなった"
        case (.noLongerAttends, .en): "no longer attends the item"
        case (.itemCancelled, .ja): "議題の取消し"
        case (.itemCancelled, .en): "the item was cancelled"
        }
    }
}
