public import Foundation

/// `scripts/smtp_sink.py` (PyPI aiosmtpd) for the CLI and console tests: a local SMTP server on
/// 127.0.0.1 that keeps every message it accepts in a temporary folder and can refuse chosen ones
/// (`--fail-nth`). It exits when `stop()` closes its standard input.
public final class SMTPSinkProcess: @unchecked Sendable {  // only lets; Process and Pipe are thread-safe to read
    /// The port it listens on (127.0.0.1).
    public let port: Int
    /// Where it keeps what it accepted (`N.eml`, `N.json`).
    public let folder: URL
    private let process = Process()
    private let input = Pipe()

    /// - Parameters:
    ///   - failNth: the messages (1-based, counting every DATA the sink sees) refused with 451.
    ///   - dropNth: the messages kept, but the connection cut before the sink's reply.
    ///   - options: more of `smtp_sink.py`'s options (`--starttls CERT KEY`, `--auth USER FILE`, …).
    public init(failNth: [Int] = [], dropNth: [Int] = [], options: [String] = []) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kasane-smtp-sink-\(UUID().uuidString)")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script.path, folder.path]
            + failNth.flatMap { ["--fail-nth", String($0)] } + dropNth.flatMap { ["--drop-nth", String($0)] } + options
        let output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            process.waitUntilExit()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "smtp_sink.py did not start "
                + "(needs PyPI aiosmtpd): " + String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)])
        }
        self.port = port
    }

    /// `scripts/smtp_sink.py` of this checkout.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/smtp_sink.py")

    /// Closes its standard input, waits for it to exit and removes its folder.
    public func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }

    /// The envelope (`N.json`) of each message accepted so far, in order: `mail_from`, `rcpt_tos`,
    /// and `auth` (`mechanism`, `login`) when the client logged in.
    public func envelopes() throws -> [[String: Any]] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return try names.filter { $0.hasSuffix(".json") }.sorted { Int($0.dropLast(5))! < Int($1.dropLast(5))! }.map { name in
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name))) as? [String: Any] ?? [:]
        }
    }

    /// The Message-IDs of the messages accepted so far, in the order they arrived.
    public func messageIDs() throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return try names.filter { $0.hasSuffix(".eml") }.sorted { Int($0.dropLast(4))! < Int($1.dropLast(4))! }.map { name in
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let line = text.components(separatedBy: "\r\n").first { $0.hasPrefix("Message-ID: ") } ?? ""
            return String(line.dropFirst("Message-ID: ".count))
        }
    }
}
