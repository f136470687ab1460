import KasaneWording

/// Checks a catalogue entry: every sample says something in every language, the Japanese is
/// Japanese (it has kana or kanji) and differs from the English. Suites give one sample per case
/// of each `Worded` type (#13.3: a test fails when a case has no wording).
enum WordingCheck {
    /// The problems found in `samples`, empty when every sample is worded in both languages.
    static func problems(_ samples: [any Worded]) -> [String] {
        var found: [String] = []
        for sample in samples {
            let ja = sample.words(in: .ja), en = sample.words(in: .en)
            if ja.isEmpty || en.isEmpty { found.append("\(sample): no wording") }
            if !ja.unicodeScalars.contains(where: isJapanese) { found.append("\(sample): Japanese wording has no Japanese: \(ja)") }
            if ja == en { found.append("\(sample): the same words in both languages: \(ja)") }
        }
        return found
    }

    static func isJapanese(_ s: Unicode.Scalar) -> Bool {
        (0x3040...0x30FF).contains(s.value) || (0x4E00...0x9FFF).contains(s.value) || (0xFF00...0xFFEF).contains(s.value)
    }
}

extension LanguageError: CaseSamples {
    static var samples: [LanguageError] { [.unknown("fr", source: "--lang")] }
}

/// A `Worded` type with one sample per case.
protocol CaseSamples: Worded {
    static var samples: [Self] { get }
}
