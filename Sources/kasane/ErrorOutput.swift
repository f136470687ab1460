import ArgumentParser
import Foundation
import KasaneWording

/// How Kasane prints a refused command: in the run's language, on stderr, with ArgumentParser's
/// exit codes (1 for a refused input, 64 for a command line that does not parse). Help is printed
/// with ArgumentParser's headings in the run's language; `ExitCode` passes through untouched.
enum ErrorOutput {
    /// Prints `error` and exits.
    static func exit(with error: any Error) -> Never {
        let code = Kasane.exitCode(for: error)
        if error is ExitCode { Kasane.exit(withError: error) }
        if code == .success {
            // Help (`--help`, `kasane help …`): ArgumentParser's headings in the run's language.
            guard wording.language == .ja else { Kasane.exit(withError: error) }
            print(japaneseHelp(Kasane.fullMessage(for: error)))
            Kasane.exit(withError: ExitCode.success)
        }
        let worded = (error as? any Worded).map { wording($0) }
        if wording.language == .en {
            guard let worded else { Kasane.exit(withError: error) }
            write("Error: \(worded)\n")
            Kasane.exit(withError: ExitCode(code.rawValue))
        }
        let english = Kasane.message(for: error)
        let full = Kasane.fullMessage(for: error)
        var rest = full
        if rest.hasPrefix("Error: " + english) { rest.removeFirst(("Error: " + english).count) } else { rest = "" }
        let lines = rest.split(separator: "\n", omittingEmptySubsequences: false).map { japaneseUsage(String($0)) }
        let message = worded ?? japanese(english)
        write("エラー: \(message)" + (lines.joined(separator: "\n").isEmpty ? "" : lines.joined(separator: "\n")) + "\n")
        Kasane.exit(withError: ExitCode(code.rawValue))
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// ArgumentParser's help in Japanese: its headings, the help flag, the defaults and the pointer
    /// to a subcommand's help (the commands' own texts are Japanese already).
    static func japaneseHelp(_ text: String) -> String {
        let headings = ["OVERVIEW: ": "概要: ", "USAGE: ": "使い方: ", "ARGUMENTS:": "引数:", "OPTIONS:": "オプション:",
                        "SUBCOMMANDS:": "サブコマンド:"]
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var line = String(line)
            if let (en, ja) = headings.first(where: { line.hasPrefix($0.key) }) { line = ja + line.dropFirst(en.count) }
            let see = "  See '", more = "' for detailed help."
            if line.hasPrefix(see), line.hasSuffix(more) {
                return "  詳しくは '\(line.dropFirst(see.count).dropLast(more.count))' を見てください。"
            }
            return line.replacingOccurrences(of: "Show help information.", with: "ヘルプを表示します。")
                .replacingOccurrences(of: "(default:", with: "(既定:")
        }.joined(separator: "\n")
    }

    /// ArgumentParser's usage lines in Japanese (`Usage:`, `Help:`, `See … for more information.`).
    static func japaneseUsage(_ line: String) -> String {
        if line.hasPrefix("Usage: ") { return "使い方: " + line.dropFirst("Usage: ".count) }
        if line.hasPrefix("Help:  ") { return "説明: " + line.dropFirst("Help:  ".count) }
        let see = "  See '", more = "' for more information."
        if line.hasPrefix(see), line.hasSuffix(more) {
            return "  詳しくは '\(line.dropFirst(see.count).dropLast(more.count))' で確かめてください。"
        }
        return line
    }

    /// ArgumentParser's own messages (missing argument, unknown option, bad value, …) in Japanese;
    /// any other message (Kasane's own, already in the run's language) unchanged.
    static func japanese(_ m: String) -> String {
        let q = m.split(separator: "'", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        func has(_ prefix: String, _ count: Int = 1) -> Bool { m.hasPrefix(prefix) && q.count >= count }
        if has("Missing expected argument '") { return "\(q[0]) がありません: 指定してください" }
        if has("Missing one of: ") { return "次のどれか一つを指定してください: \(q.joined(separator: "、"))" }
        if has("Unknown option '", 2), m.contains("Did you mean") {
            return "オプション \(q[0]) はありません。\(q[1]) のことですか？"
        }
        if has("Unknown option '") { return "オプション \(q[0]) はありません: --help で使えるオプションを確かめてください" }
        if has("Missing value for '") { return "\(q[0]) の値がありません: 続けて値を書いてください" }
        if has("Unexpected argument '") { return "余分な引数 '\(q[0])' があります: コマンド名と引数を確かめてください" }
        if m.contains(" unexpected arguments: "), let n = m.split(separator: " ").first {
            return "余分な引数が \(n) 個あります: \(q.joined(separator: "、"))"
        }
        if has("The value '", 2) {
            var text = "値 '\(q[0])' は \(q[1]) には使えません"
            if let range = m.range(of: "Please provide one of") {
                text += "。次のどれかにしてください: " + m[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " :."))
            }
            return text
        }
        if m == "Missing required subcommand." { return "サブコマンドを指定してください" }
        if m.hasPrefix("Invalid option: ") { return "オプション \(m.dropFirst("Invalid option: ".count)) は使えません" }
        if m.hasPrefix("Value to be set with ") { return "同じ値が2回指定されています: \(m)" }
        return m
    }
}
