import Foundation
import KasaneWording

/// The catalogue of this run, chosen by `--lang` / `KASANE_LANG` before the command line is
/// parsed (`LanguageOption.extract`): every message, heading and error the CLI prints goes through
/// it. Set once in `main.swift` before anything runs, then only read.
nonisolated(unsafe) var wording = Catalogue(.ja)

/// `--lang ja|en` (or `--lang=en`), accepted anywhere on the command line and removed before
/// ArgumentParser sees the rest, so every command takes it.
enum LanguageOption {
    /// The language asked for and the arguments without `--lang`.
    /// - Throws: `LanguageError` for an unknown language; a missing value is `--lang` given as ''.
    static func extract(_ arguments: [String], environment: [String: String]) throws -> (Language, [String]) {
        var rest: [String] = []
        var flag: String?
        var i = arguments.startIndex
        while i < arguments.endIndex {
            let a = arguments[i]
            if a == "--" { rest += arguments[i...]; break }
            if a == "--lang" {
                flag = i + 1 < arguments.endIndex ? arguments[i + 1] : ""
                i += 2
                continue
            }
            if a.hasPrefix("--lang=") { flag = String(a.dropFirst("--lang=".count)); i += 1; continue }
            rest.append(a)
            i += 1
        }
        return (try Language.resolve(flag: flag, environment: environment["KASANE_LANG"]), rest)
    }
}
