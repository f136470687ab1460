import Foundation
import KasaneCalendar
import KasaneMail
import KasaneCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `scripts/smtp_sink.py` (PyPI aiosmtpd) on 127.0.0.1 and a free port, writing what it accepts
/// to a temporary folder. It exits when `stop()` closes its standard input.
final class SMTPSink {
    struct Received: Decodable, Equatable {
        var mail_from: String
        var rcpt_tos: [String]
    }

    let port: Int
    let folder: URL
    private let process = Process()
    private let input = Pipe()

    init(rejecting: [String] = []) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kasane-smtp-\(UUID().uuidString)")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repoRoot.appendingPathComponent("scripts/smtp_sink.py").path, folder.path]
            + rejecting.flatMap { ["--reject", $0] }
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }  // the sink exited
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            process.waitUntilExit()
            throw OracleError(message: "smtp_sink.py did not start (needs PyPI aiosmtpd; run `make setup`): "
                + String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        }
        self.port = port
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }

    /// The messages received so far, in order: envelope and the DATA bytes.
    func received() throws -> [(envelope: Received, data: Data)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return try names.filter { $0.hasSuffix(".eml") }.sorted { Int($0.dropLast(4))! < Int($1.dropLast(4))! }.map {
            let base = folder.appendingPathComponent(String($0.dropLast(4)))
            let envelope = try JSONDecoder().decode(Received.self, from: Data(contentsOf: base.appendingPathExtension("json")))
            return (envelope, try Data(contentsOf: base.appendingPathExtension("eml")))
        }
    }
}

@Suite("SMTPDelivery against a local SMTP sink")
struct SMTPDeliveryTests {
    static let from = "jimukyoku@city.example.jp"
    static let to = "kita@houkatsu.example.jp"

    static func invitationMail() throws -> String {
        let calendar = try ICalendarWriter.invitation(method: .request, events: [Sample.event()])
        return try IMIPMail.message(
            from: Sample.organizer, to: Sample.kita.address, subject: "【重層的支援会議】7月8日 R08-0012 のご案内",
            text: "地域包括支援センター 北 ご担当者様\n\n重層的支援会議の開催をお知らせします。\n", method: .request,
            calendar: calendar, messageID: "R08-0012-1.0.kita@kasane.city.example.jp", date: Sample.stamp)
    }

    @Test("An iMIP invitation arrives byte for byte, with the envelope sender and recipients")
    func deliversInvitation() throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let mail = try Self.invitationMail()
        #expect(mail.hasSuffix("\r\n"))
        let copy = "archive@city.example.jp"
        try SMTPDelivery(host: "127.0.0.1", port: sink.port, heloName: "kasane.city.example.jp")
            .send(from: Self.from, to: [Self.to, copy], message: mail)
        let received = try sink.received()
        try #require(received.count == 1)
        #expect(received[0].envelope == SMTPSink.Received(mail_from: Self.from, rcpt_tos: [Self.to, copy]))
        #expect(received[0].data == Data(mail.utf8))
    }

    @Test("Lines starting with '.' are dot-stuffed and line breaks sent as CRLF")
    func dotStuffing() throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let message = "Subject: dots\r\n\r\n.one dot\n..two dots\r\n.\r\nmiddle\r.\nlast line without a break"
        let delivery = SMTPDelivery(host: "localhost", port: sink.port, heloName: "kasane.example.jp")
        try delivery.send(from: Self.from, to: [Self.to], message: message)
        try delivery.send(from: Self.from, to: [Self.to], message: try Self.invitationMail())
        let received = try sink.received()
        try #require(received.count == 2)
        #expect(String(decoding: received[0].data, as: UTF8.self)
            == "Subject: dots\r\n\r\n.one dot\r\n..two dots\r\n.\r\nmiddle\r\n.\r\nlast line without a break\r\n")
        #expect(received[1].data == Data(try Self.invitationMail().utf8), "the connection state does not leak")
    }

    @Test("A refused recipient fails at RCPT with the server's reply, and nothing is delivered")
    func refusedRecipient() throws {
        let sink = try SMTPSink(rejecting: ["gone@houkatsu.example.jp"])
        defer { sink.stop() }
        let delivery = SMTPDelivery(host: "127.0.0.1", port: sink.port, heloName: "kasane.city.example.jp")
        #expect {
            try delivery.send(from: Self.from, to: [Self.to, "gone@houkatsu.example.jp"], message: try Self.invitationMail())
        } throws: { error in
            guard let error = error as? SMTPError else { return false }
            return error.step == .rcptTo && error.code == 550 && error.reply.contains("gone@houkatsu.example.jp")
                && error.reply.contains("Recipient address rejected") && error.description.contains("RCPT")
        }
        #expect(try sink.received().isEmpty)
    }

    @Test("No server listening: connection refused")
    func connectionRefused() throws {
        let (socket, port) = try boundSocket(listening: false)
        defer { close(socket) }
        #expect {
            try SMTPDelivery(host: "127.0.0.1", port: port, heloName: "kasane.example.jp")
                .send(from: Self.from, to: [Self.to], message: "Subject: x\r\n\r\nx\r\n")
        } throws: { error in
            guard let error = error as? SMTPError else { return false }
            return error.step == .connect && error.code == nil && error.description.contains("refused")
        }
    }

    @Test("A server that never greets times out at the greeting")
    func silentServer() throws {
        let (socket, port) = try boundSocket(listening: true)
        defer { close(socket) }
        let start = ContinuousClock.now
        #expect {
            try SMTPDelivery(host: "127.0.0.1", port: port, heloName: "kasane.example.jp", timeout: .milliseconds(300))
                .send(from: Self.from, to: [Self.to], message: "Subject: x\r\n\r\nx\r\n")
        } throws: { error in
            guard let error = error as? SMTPError else { return false }
            return error.step == .greeting && error.reply.contains("timed out")
        }
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test("Addresses that would inject SMTP commands are refused before connecting")
    func badAddresses() throws {
        let delivery = SMTPDelivery(host: "127.0.0.1", port: 1, heloName: "kasane.example.jp")
        for (from, to) in [("a@example.jp>\r\nRCPT TO:<evil@example.jp", [Self.to]), (Self.from, []),
                           (Self.from, ["x@example.jp> NOTIFY=NEVER"])] {
            #expect {
                try delivery.send(from: from, to: to, message: "x")
            } throws: { error in
                (error as? SMTPError).map { $0.step != .connect && $0.code == nil } ?? false
            }
        }
    }

    /// A TCP socket bound to a free port on 127.0.0.1: not listening (connections are refused)
    /// or listening without ever accepting (the handshake completes, nothing is said).
    private func boundSocket(listening: Bool) throws -> (Int32, Int) {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(s >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, length) == 0
                && getsockname(s, $0, &length) == 0 }
        }
        try #require(bound)
        if listening { try #require(listen(s, 4) == 0) }
        return (s, Int(UInt16(bigEndian: address.sin_port)))
    }
}
