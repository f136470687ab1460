public import KasaneCore

// Why an item sits as the meeting it does (R1b, R3, R4, R6), in words.

extension MeetingBasis: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.consent, .ja): "本人同意あり: 重層的支援会議で協議 (R6)"
        case (.consent, .en): "consent given: discussed at 重層的支援会議 (R6)"
        case (.noConsent, .ja): "本人同意なし: 支援会議として協議 (R3)"
        case (.noConsent, .en): "no consent: discussed as 支援会議 (R3)"
        case (.outreachBeforeConsent, .ja): "同意前のアウトリーチ等プラン: 支援会議に提出 (R4)"
        case (.outreachBeforeConsent, .en): "アウトリーチ等 plan drafted before consent: submitted to 支援会議 (R4)"
        }
    }
}

extension MeetingExplanation: CatalogueWorded {
    public func words(_ c: Catalogue) -> String {
        let basis = c(self.basis)
        guard !membersWithoutConsent.isEmpty else { return basis }
        let who = c.list(membersWithoutConsent)
        switch c.language {
        case .ja: return basis + ": 同意が記録されていない世帯員 \(who)（子どもは親権者の同意を記録できます） (R1b)"
        case .en: return basis + ": no consent on record from \(who) (a parent can record consent for a child) (R1b)"
        }
    }
}
