import KasaneCore
import KasaneDocuments
import Testing

/// R15: a copy for a person or agency holds only the items they attend; the master holds all.
@Suite("Per-reader copies (R15)")
struct ReaderFilteringTests {
    let renderer = DocumentRenderer(templatesFolder: DocumentFixtures.templatesFolder)

    @Test("R15: a person's agenda lists only the items the person attends, with those items' attendees")
    func personSeesOnlyTheirItems() {
        let doc = DocumentFixtures.agenda(for: .person("p-houkatsu"))
        #expect(doc.items.map(\.caseNumber) == ["R8-3"])
        #expect(doc.items[0].attendees.map(\.name) == ["佐藤 一郎", "市川 花子", "高橋 次郎", "田中 <b>四郎</b>", "本人"])
        #expect(doc.items.allSatisfy { $0.exclusions.isEmpty && $0.notices.isEmpty })
        #expect(!doc.header.confidential)
        #expect(doc.header.readerName == "高橋 次郎")
        #expect(doc.header.readerAgency == "中央地域包括支援センター")
    }

    @Test("R15: an agency's agenda lists only the items a person of the agency attends")
    func agencySeesOnlyItsItems() {
        #expect(DocumentFixtures.agenda(for: .agency("sumai")).items.map(\.caseNumber) == ["R8-7"])
        #expect(DocumentFixtures.agenda(for: .agency("city")).items.map(\.caseNumber) == ["R8-3", "R8-7"])
        #expect(DocumentFixtures.agenda(for: .agency("kankyo")).items.isEmpty)
    }

    @Test("R15: the master copy is 非公開 and lists every item, in position order, with exclusions")
    func masterSeesEverything() {
        let doc = DocumentFixtures.agenda(for: .master)
        #expect(doc.header.confidential)
        #expect(doc.items.map(\.number) == [1, 2])
        #expect(doc.items[0].exclusions.map(\.excludedAgency) == ["すまい建築課"])
        // #13.3: reasons and notices in Japanese, from the typed values.
        #expect(doc.items[1].exclusions.map(\.reason) == ["高橋 次郎はかさね市支援会議の構成員ではない（R2、R15）"])
        #expect(doc.items[1].notices == ["検討する世帯員 m3 は事例 R8-7 に記録されていません（R1）"])
    }

    @Test("R15: a person's rendered copy names no other case, no exclusion and no 非公開 mark")
    func renderedPersonCopyLeaksNothing() throws {
        for format in DocumentFormat.allCases {
            let text = try renderer.render(DocumentFixtures.agenda(for: .person("p-houkatsu")), format: format)
            #expect(text.contains("R8-3"))
            #expect(!text.contains("R8-7"))
            #expect(!text.contains("非公開"))
            #expect(!text.contains("除外"))
            #expect(!text.contains("consent"))
        }
        let mail = try renderer.renderInvitationMail(DocumentFixtures.agenda(for: .person("p-houkatsu")))
        #expect(!mail.contains("R8-7"))
    }

    @Test("R15: the master's rendered copy is marked 非公開 and shows the exclusions with reasons")
    func renderedMasterCopy() throws {
        for format in DocumentFormat.allCases {
            let text = try renderer.render(DocumentFixtures.agenda(for: .master), format: format)
            #expect(text.contains("【非公開】"))
            // #13.3: the reason in Japanese with its 和暦 date; no ISO date, no English reason.
            #expect(text.contains("令和8年4月1日の同意の範囲外（R1、R15）"))
            #expect(!text.contains("2026-04-01") && !text.contains("consent") && !text.contains("outside"))
            #expect(text.contains("R8-3") && text.contains("R8-7"))
        }
    }

    @Test("R14: the person appears only as 「本人」, and only on the item whose case file says they attend")
    func principalOnlyAsHonnin() {
        let doc = DocumentFixtures.agenda(for: .master)
        #expect(doc.items[0].attendees.last == AttendeeLine(name: "本人", agencyName: "", role: "任意", isPrincipal: true))
        #expect(!doc.items[1].attendees.contains { $0.isPrincipal })
    }

    @Test("Agenda headings come from the trigger's row of DOMAIN.md's agenda table")
    func headingsFromTrigger() {
        let doc = DocumentFixtures.agenda(for: .master)
        #expect(doc.items[0].headings == TriggerKind.planDrafted.agenda)
        #expect(doc.items[1].headings == TriggerKind.contactLost.agenda)
        #expect(doc.items[0].triggerKind == "プラン策定時")
        #expect(doc.items[1].meetingKind == "支援会議")
    }
}
