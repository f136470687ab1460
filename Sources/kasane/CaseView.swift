import KasaneApp
import KasaneCore
import KasaneWording

extension CaseFileView {
    /// Prints the file for a person to read, in the run's language; every value is passed through
    /// `TextRule.printable`, so a name holding terminal escapes cannot drive the terminal (#12 minor).
    func printHuman() {
        func print(_ line: String) { Swift.print(TextRule.printable(line)) }
        let ja = wording.language == .ja
        print(say("\(number)  [\(status)]  受付 \(openedOn)、紹介元 \(referredBy)",
                  "\(number)  [\(status)]  opened \(openedOn), referred by \(referredBy)"))
        print("分野: \(wording.list(fields))")
        print(say("関係機関: \(wording.list(involvedAgencies))\(principalAttends ? "（本人出席）" : "")",
                  "agencies: \(wording.list(involvedAgencies))\(principalAttends ? "  (本人 attends)" : "")"))
        print(say("世帯員:", "members:"))
        for m in members {
            print("  \(m.key)  \(m.relation)\(m.principal ? " (本人)" : "")  \(m.name ?? "")  \(m.born ?? "")")
        }
        print(say("同意:", "consents:"))
        for c in consents {
            let scope = wording.list(c.agencies + c.fields)
            let withdrawn = c.withdrawnOn.map { say(" – 撤回 \($0)", " – withdrawn \($0)") } ?? ""
            print("  \(c.member)  \(c.grantedOn)\(withdrawn)  [\(scope)]  \(c.form)"
                + (c.givenBy.map { say("  親権者 \($0) が代わって同意 (R1b)", "  親権者 \($0) consented on the member's behalf (R1b)") } ?? ""))
        }
        print(say("プラン:", "plans:"))
        for p in plans {
            print(say("  \(p.kind) 第\(p.version)版  \(p.draftedOn)  \(p.state)\(p.urgent ? "  緊急" : "")（出来事 #\(p.event)）",
                      "  \(p.kind) v\(p.version)  \(p.draftedOn)  \(p.state)\(p.urgent ? "  urgent" : "")  (event #\(p.event))"))
            if let a = p.approvedOn { print(say("    会議で承認: \(a)", "    approved at a meeting: \(a)")) }
            if let by = p.supportDecisionBy, let on = p.supportDecisionOn {
                print(say("    支援決定: \(on)（\(by)） (R16)", "    支援決定: \(on) (\(by)) (R16)"))
            }
            if let r = p.reportedOn { print(say("    自治体へ報告: \(r) (R16)", "    reported to the municipality: \(r) (R16)")) }
            for s in p.services {
                print("    - \(s.agency): \(s.task)\(s.statutory ? say("  [法定事業]", "  [statutory]") : "")")
            }
        }
        print(say("連絡:", "contacts:"))
        for c in contacts {
            let reached = ja ? (c.reached ? "会えた" : "会えなかった") : (c.reached ? "reached" : "not reached")
            print("  \(c.date)  \(c.method)  \(reached)\(c.by.map { say("  \($0) から", "  by \($0)") } ?? "")")
        }
        for e in endProposals {
            print(say("終結の提案 \(e.proposedOn)（\(e.by)、出来事 #\(e.eventSeq)）",
                      "end proposed \(e.proposedOn) by \(e.by) (event #\(e.eventSeq))"))
        }
        print(say("出来事: \(events.count) 件", "events: \(events.count)"))
    }
}
