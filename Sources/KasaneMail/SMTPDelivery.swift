#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KasaneCore

/// Why a message was not delivered: the SMTP step that failed and what the server said.
public struct SMTPError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A step of the SMTP conversation (RFC 5321 §3–4).
    public enum Step: String, Hashable, Sendable {
        /// Resolving the host or opening the TCP connection.
        case connect = "connect"
        /// The server's `220` greeting.
        case greeting = "greeting"
        /// `EHLO`, then `HELO` when the server does not know EHLO.
        case hello = "EHLO/HELO"
        /// `MAIL FROM:<…>`.
        case mailFrom = "MAIL FROM"
        /// `RCPT TO:<…>`.
        case rcptTo = "RCPT TO"
        /// `DATA` (the server's `354`).
        case data = "DATA"
        /// Sending the message and its final `.` (the server's acceptance).
        case message = "end of DATA"
    }

    /// The step that failed.
    public let step: Step
    /// The server's reply code, or `nil` when there was no reply (connection, timeout, bad input).
    public let code: Int?
    /// The server's reply text (all lines, joined by a space), or what went wrong locally.
    public let reply: String

    public init(step: Step, code: Int?, reply: String) {
        self.step = step
        self.code = code
        self.reply = reply
    }

    public var description: String {
        "SMTP \(step.rawValue): " + (code.map { "server replied \($0) \(reply)" } ?? reply)
    }
}

/// Delivery of one ready-made message (an `.eml` from `IMIPMail.message`) to an SMTP server.
///
/// A small blocking client over one TCP connection: greeting, `EHLO` (falling back to `HELO`),
/// `MAIL FROM`, one `RCPT TO` per recipient, `DATA` with dot-stuffing, `QUIT`. Every reply code is
/// checked; the first unexpected one ends the conversation with an `SMTPError` naming the step.
/// Delivery is all or nothing: a refused recipient aborts before `DATA`, so nobody receives it.
///
/// Plain SMTP only, without TLS or AUTH: point it at a local MTA (Postfix, OpenSMTPD, …) on the
/// same host or network that relays to the municipality's mail server with whatever
/// authentication and encryption that server requires.
public struct SMTPDelivery: Hashable, Sendable {
    public let host: String
    public let port: Int
    public let heloName: String
    public let timeout: Duration

    /// - Parameters:
    ///   - host: a host name or IP address (IPv4 or IPv6).
    ///   - heloName: this host's name as sent in `EHLO`.
    ///   - timeout: how long to wait for the connection and for each read or write.
    public init(host: String, port: Int, heloName: String, timeout: Duration = .seconds(10)) {
        self.host = host
        self.port = port
        self.heloName = heloName
        self.timeout = timeout
    }

    /// Sends `message` from `from` to every address in `to` (the envelope; the message's own
    /// headers are not read).
    ///
    /// Line breaks in `message` are sent as CRLF, lines starting with `.` are dot-stuffed, and a
    /// final CRLF is added when missing. Returns the server's acceptance (`250 …`: code and text,
    /// kept in the outbox) once the server has accepted the message; a reply other than `221` to
    /// the final `QUIT` is ignored, since the message is already accepted and retrying would
    /// deliver it twice.
    /// - Throws: `SMTPError` when an address is not a plain `local@domain` mailbox, `to` is empty,
    ///   the connection fails or times out, or the server refuses a step.
    @discardableResult
    public func send(from: String, to: [String], message: String) throws(SMTPError) -> String {
        guard Mailbox.isValid(from) else {
            throw SMTPError(step: .mailFrom, code: nil, reply: "'\(SMTPText.singleLine(from))' is not a plain address")
        }
        guard !to.isEmpty else { throw SMTPError(step: .rcptTo, code: nil, reply: "no recipients") }
        for address in to where !Mailbox.isValid(address) {
            throw SMTPError(step: .rcptTo, code: nil, reply: "'\(SMTPText.singleLine(address))' is not a plain address")
        }
        let helo = SMTPText.singleLine(heloName).filter { $0 != " " }
        guard !helo.isEmpty else { throw SMTPError(step: .hello, code: nil, reply: "the HELO name is empty") }

        let connection = try SMTPConnection(host: host, port: port, timeout: timeout)
        defer { connection.close() }
        try connection.expect(.greeting, [220])
        let ehlo = try connection.command("EHLO \(helo)", step: .hello)
        if ehlo.code != 250 {
            guard (500...504).contains(ehlo.code) else { throw SMTPError(step: .hello, code: ehlo.code, reply: ehlo.text) }
            let reply = try connection.command("HELO \(helo)", step: .hello)
            guard reply.code == 250 else { throw SMTPError(step: .hello, code: reply.code, reply: reply.text) }
        }
        try connection.command("MAIL FROM:<\(from)>", step: .mailFrom, expecting: [250])
        for address in to {
            let reply = try connection.command("RCPT TO:<\(address)>", step: .rcptTo)
            guard reply.code == 250 || reply.code == 251 else {
                connection.quitQuietly()
                throw SMTPError(step: .rcptTo, code: reply.code, reply: "<\(address)>: " + reply.text)
            }
        }
        try connection.command("DATA", step: .data, expecting: [354])
        try connection.write(Self.dataBlock(message), step: .message)
        let accepted = try connection.readReply(step: .message)
        guard accepted.code == 250 else { throw SMTPError(step: .message, code: accepted.code, reply: accepted.text) }
        connection.quitQuietly()
        return "\(accepted.code) \(accepted.text)"
    }

    /// `message` as the DATA block: CRLF line endings, dot-stuffed (RFC 5321 §4.5.2), ending with
    /// CRLF and the terminating `.` line.
    static func dataBlock(_ message: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.utf8.count + 64)
        var atLineStart = true
        var previousCR = false
        for b in message.utf8 {
            defer { previousCR = b == 0x0D }
            switch b {
            case 0x0A where previousCR:
                continue  // CRLF already written at the CR
            case 0x0D, 0x0A:
                out += [0x0D, 0x0A]
                atLineStart = true
            default:
                if atLineStart && b == UInt8(ascii: ".") { out.append(b) }
                out.append(b)
                atLineStart = false
            }
        }
        if !atLineStart { out += [0x0D, 0x0A] }
        out += Array(".\r\n".utf8)
        return out
    }
}

/// One SMTP reply: the code and its text lines joined by a space.
struct SMTPReply {
    var code: Int
    var text: String
}

/// A blocking TCP connection that speaks SMTP's command/reply lines.
final class SMTPConnection {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var closed = false
    /// The longest reply accepted (a reply line is at most 512 octets; allow many lines).
    private static let maximumReply = 64 * 1024

    init(host: String, port: Int, timeout: Duration) throws(SMTPError) {
        func fail(_ message: String) -> SMTPError { SMTPError(step: .connect, code: nil, reply: message) }
        guard (1...65535).contains(port) else { throw fail("port \(port) is out of range") }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw fail("cannot resolve '\(SMTPText.singleLine(host))': " + String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(first) }
        let millis = Self.milliseconds(timeout)
        var lastError = "no address for '\(SMTPText.singleLine(host))'"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            let s = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard s >= 0 else {
                lastError = "socket: " + Self.errorText(errno)
                continue
            }
            if let error = Self.connect(s, info.pointee.ai_addr, info.pointee.ai_addrlen, milliseconds: millis) {
                lastError = "\(host) port \(port): \(error)"
                _ = closeDescriptor(s)
                continue
            }
            var tv = timeval(tv_sec: numericCast(millis / 1000), tv_usec: numericCast((millis % 1000) * 1000))
            _ = setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            _ = setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            #if canImport(Darwin)
            var one: Int32 = 1
            _ = setsockopt(s, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
            #endif
            fd = s
            return
        }
        throw fail(lastError)
    }

    deinit { close() }

    func close() {
        guard !closed else { return }
        closed = true
        _ = closeDescriptor(fd)
    }

    /// Sends `QUIT` and reads the reply, ignoring any failure: used after the outcome is known.
    func quitQuietly() {
        guard (try? write(Array("QUIT\r\n".utf8), step: .message)) != nil else { return }
        _ = try? readReply(step: .message)
    }

    /// Sends `line` and returns the reply, whatever its code.
    @discardableResult
    func command(_ line: String, step: SMTPError.Step) throws(SMTPError) -> SMTPReply {
        try write(Array((line + "\r\n").utf8), step: step)
        return try readReply(step: step)
    }

    /// Sends `line` and requires a reply code in `codes`.
    func command(_ line: String, step: SMTPError.Step, expecting codes: Set<Int>) throws(SMTPError) {
        let reply = try command(line, step: step)
        guard codes.contains(reply.code) else { throw SMTPError(step: step, code: reply.code, reply: reply.text) }
    }

    /// Reads a reply and requires its code to be in `codes`.
    func expect(_ step: SMTPError.Step, _ codes: Set<Int>) throws(SMTPError) {
        let reply = try readReply(step: step)
        guard codes.contains(reply.code) else { throw SMTPError(step: step, code: reply.code, reply: reply.text) }
    }

    func write(_ bytes: [UInt8], step: SMTPError.Step) throws(SMTPError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                #if canImport(Glibc)
                Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                #else
                Darwin.send(fd, raw.baseAddress! + offset, raw.count - offset, 0)
                #endif
            }
            if n < 0 {
                let e = errno
                if e == EINTR { continue }
                throw SMTPError(step: step, code: nil, reply: e == EAGAIN || e == EWOULDBLOCK
                    ? "timed out sending" : "send: " + Self.errorText(e))
            }
            offset += n
        }
    }

    /// One reply: lines `ddd-text` continue, `ddd text` (or just `ddd`) ends it.
    func readReply(step: SMTPError.Step) throws(SMTPError) -> SMTPReply {
        var texts: [String] = []
        var total = 0
        while true {
            let line = try readLine(step: step)
            total += line.count
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, bytes[0..<3].allSatisfy({ (0x30...0x39).contains($0) }),
                  bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-"),
                  let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)) else {
                throw SMTPError(step: step, code: nil, reply: "not an SMTP reply: '\(SMTPText.singleLine(line))'")
            }
            texts.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
            if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") {
                return SMTPReply(code: code, text: SMTPText.singleLine(texts.joined(separator: " ")))
            }
            guard total <= Self.maximumReply else {
                throw SMTPError(step: step, code: code, reply: "reply longer than \(Self.maximumReply) bytes")
            }
        }
    }

    /// The next line, without its CRLF (a bare LF also ends a line).
    private func readLine(step: SMTPError.Step) throws(SMTPError) -> String {
        while true {
            if let lf = buffer.firstIndex(of: 0x0A) {
                var end = lf
                if end > 0 && buffer[end - 1] == 0x0D { end -= 1 }
                let line = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeSubrange(...lf)
                return line
            }
            guard buffer.count <= Self.maximumReply else {
                throw SMTPError(step: step, code: nil, reply: "reply line longer than \(Self.maximumReply) bytes")
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 {
                let e = errno
                if e == EINTR { continue }
                throw SMTPError(step: step, code: nil, reply: e == EAGAIN || e == EWOULDBLOCK
                    ? "timed out waiting for the server's reply" : "recv: " + Self.errorText(e))
            }
            if n == 0 { throw SMTPError(step: step, code: nil, reply: "the server closed the connection") }
            buffer += chunk[..<n]
        }
    }

    // MARK: - Sockets

    /// Connects `s` within `milliseconds`; the error text, or nil when connected. `s` is blocking
    /// again afterwards.
    private static func connect(_ s: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t,
                                milliseconds: Int) -> String? {
        let flags = fcntl(s, F_GETFL, 0)
        _ = fcntl(s, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(s, F_SETFL, flags) }
        #if canImport(Glibc)
        let result = Glibc.connect(s, address, length)
        #else
        let result = Darwin.connect(s, address, length)
        #endif
        if result == 0 { return nil }
        guard errno == EINPROGRESS || errno == EINTR else { return errorText(errno) }
        var poller = pollfd(fd: s, events: Int16(POLLOUT), revents: 0)
        var ready: Int32
        repeat { ready = poll(&poller, 1, Int32(clamping: milliseconds)) } while ready < 0 && errno == EINTR
        if ready == 0 { return "timed out connecting" }
        if ready < 0 { return "poll: " + errorText(errno) }
        var error: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(s, SOL_SOCKET, SO_ERROR, &error, &size) == 0 else { return errorText(errno) }
        return error == 0 ? nil : errorText(error)
    }

    private static func milliseconds(_ d: Duration) -> Int {
        let (seconds, attoseconds) = d.components
        let ms = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int(max(1, min(ms, 24 * 3600 * 1000)))
    }

    private static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// `close(2)`, named apart from `SMTPConnection.close()`.
private func closeDescriptor(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.close(fd)
    #else
    Darwin.close(fd)
    #endif
}

/// Text from or for the SMTP conversation made safe for one line of a message or a log: every
/// control character (C0, DEL, C1) and line separator becomes a space.
enum SMTPText {
    static func singleLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { s in
            s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029 ? " " : s
        }))
    }
}
