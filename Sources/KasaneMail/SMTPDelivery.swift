#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KasaneCore
import NIOCore
import NIOSSL

/// Why a message was not delivered: the SMTP step that failed and, typed, what went wrong (the
/// words are the catalogue's, in `KasaneApp`'s `SMTPError` wording; `description` is a short
/// English form for logs and debugging only). Never carries a password.
public struct SMTPError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A step of the SMTP conversation (RFC 5321 §3–4, RFC 3207, RFC 4954).
    public enum Step: String, Hashable, Sendable {
        /// Resolving the host or opening the TCP connection.
        case connect = "connect"
        /// The TLS handshake (`STARTTLS`'s, or the connection's own with implicit TLS).
        case tls = "TLS"
        /// The server's `220` greeting.
        case greeting = "greeting"
        /// `EHLO`, then `HELO` when the server does not know EHLO.
        case hello = "EHLO/HELO"
        /// `STARTTLS` (the server's `220` before the handshake).
        case startTLS = "STARTTLS"
        /// `AUTH PLAIN` / `AUTH LOGIN`.
        case auth = "AUTH"
        /// `MAIL FROM:<…>`.
        case mailFrom = "MAIL FROM"
        /// `RCPT TO:<…>`.
        case rcptTo = "RCPT TO"
        /// `DATA` (the server's `354`).
        case data = "DATA"
        /// Sending the message and its final `.` (the server's acceptance).
        case message = "end of DATA"
    }

    /// What went wrong, typed (worded in Japanese at the edge).
    public enum Cause: Hashable, Sendable {
        /// The server answered with a code the step does not accept (its text as sent, one line).
        case refused(code: Int, text: String)
        /// An envelope address that is not a plain `local@domain` mailbox (shown printable).
        case notAnAddress(String)
        /// No recipient at all.
        case noRecipients
        /// The `EHLO` name is empty.
        case emptyHeloName
        /// A port outside 1…65535.
        case portOutOfRange(Int)
        /// The host name does not resolve.
        case cannotResolve(host: String, detail: String)
        /// No address of the host accepted the connection.
        case cannotConnect(host: String, port: Int, detail: String)
        /// The connection timed out (connecting, sending or waiting for a reply).
        case timedOut
        /// The server closed the connection mid-conversation.
        case closedByServer
        /// A system call failed (send, recv, socket).
        case system(String)
        /// The server sent something that is not an SMTP reply.
        case notAReply(String)
        /// A reply longer than the client accepts.
        case replyTooLong(Int)
        /// STARTTLS was asked for and the server does not offer it (nothing is sent in the clear).
        case startTLSNotOffered
        /// AUTH was asked for and the server offers none of the mechanisms the client may use.
        case authNotOffered(wanted: [String], offered: [String])
        /// A user name was given without TLS: the password would cross the network in the clear.
        case authWithoutTLS
        /// The server refused the user name or password (`535` and the like).
        case authRejected(code: Int, text: String)
        /// The server's certificate is not signed by a trusted CA (or is expired, or self-signed).
        case certificateUntrusted(detail: String)
        /// The certificate does not name the host connected to.
        case certificateNameMismatch(host: String)
        /// The TLS handshake failed for another reason.
        case tlsFailed(detail: String)
        /// The CA file to trust cannot be read as PEM certificates.
        case badCAFile(path: String, detail: String)
    }

    /// The step that failed.
    public let step: Step
    /// What went wrong.
    public let cause: Cause

    public init(step: Step, _ cause: Cause) {
        self.step = step
        self.cause = cause
    }

    /// The server's reply code, or `nil` when there was no reply (connection, timeout, TLS, bad input).
    public var code: Int? {
        switch cause {
        case .refused(let code, _), .authRejected(let code, _): code
        default: nil
        }
    }

    /// The server's reply text, or a short English note of what went wrong locally (for logs).
    public var reply: String {
        switch cause {
        case .refused(_, let text), .authRejected(_, let text): text
        case .notAnAddress(let a): "'\(a)' is not a plain address"
        case .noRecipients: "no recipients"
        case .emptyHeloName: "the HELO name is empty"
        case .portOutOfRange(let p): "port \(p) is out of range"
        case .cannotResolve(let host, let detail): "cannot resolve '\(host)': \(detail)"
        case .cannotConnect(let host, let port, let detail): "\(host) port \(port): \(detail)"
        case .timedOut: "timed out"
        case .closedByServer: "the server closed the connection"
        case .system(let detail): detail
        case .notAReply(let line): "not an SMTP reply: '\(line)'"
        case .replyTooLong(let n): "reply longer than \(n) bytes"
        case .startTLSNotOffered: "the server does not offer STARTTLS"
        case .authNotOffered(let wanted, let offered):
            "the server offers AUTH \(offered.joined(separator: " ")), not \(wanted.joined(separator: "/"))"
        case .authWithoutTLS: "AUTH without TLS refused"
        case .certificateUntrusted(let detail): "certificate not trusted: \(detail)"
        case .certificateNameMismatch(let host): "certificate does not name \(host)"
        case .tlsFailed(let detail): "TLS: \(detail)"
        case .badCAFile(let path, let detail): "CA file \(path): \(detail)"
        }
    }

    public var description: String {
        "SMTP \(step.rawValue): " + (code.map { "server replied \($0) \(reply)" } ?? reply)
    }
}

/// How the connection to the relay is protected (#14.6).
public enum SMTPSecurity: String, Hashable, Sendable, CaseIterable {
    /// Plain SMTP (a local MTA on the same host or network).
    case none
    /// `STARTTLS` after the first `EHLO` (RFC 3207; usually port 587); refused when not offered.
    case startTLS = "starttls"
    /// TLS from the first byte (RFC 8314 "implicit TLS"; usually port 465).
    case implicitTLS = "tls"
}

/// A SASL mechanism for `AUTH` (RFC 4954).
public enum SMTPAuthMechanism: String, Hashable, Sendable, CaseIterable {
    /// `AUTH PLAIN` (RFC 4616): one line, the user and password base64-encoded.
    case plain = "PLAIN"
    /// `AUTH LOGIN`: the user, then the password, each base64-encoded after a `334` prompt.
    case login = "LOGIN"
}

/// Who the client logs in as. The password is kept only in memory and never appears in an
/// error, a log or `description`.
public struct SMTPCredentials: Hashable, Sendable, CustomStringConvertible {
    public let user: String
    let password: String
    /// The mechanism to use; `nil`: PLAIN when the server offers it, LOGIN otherwise.
    public let mechanism: SMTPAuthMechanism?

    public init(user: String, password: String, mechanism: SMTPAuthMechanism? = nil) {
        self.user = user
        self.password = password
        self.mechanism = mechanism
    }

    public var description: String { "SMTPCredentials(user: \(user), password: ***)" }
}

/// Delivery of one ready-made message (an `.eml` from `IMIPMail.message`) to an SMTP server.
///
/// A small blocking client over one TCP connection: greeting, `EHLO` (falling back to `HELO`),
/// with `security` a TLS layer (STARTTLS or implicit TLS, swift-nio-ssl; the server's certificate
/// verified against the system's CAs or `trustedCAFile`, and its name against `host`), `AUTH
/// PLAIN`/`LOGIN` when `credentials` are given (only over TLS), `MAIL FROM`, one `RCPT TO` per
/// recipient, `DATA` with dot-stuffing, `QUIT`. Every reply code is checked; the first
/// unexpected one ends the conversation with an `SMTPError` naming the step. Delivery is all or
/// nothing: a refused recipient aborts before `DATA`, so nobody receives it.
public struct SMTPDelivery: Hashable, Sendable {
    public let host: String
    public let port: Int
    public let heloName: String
    public let timeout: Duration
    public let security: SMTPSecurity
    public let credentials: SMTPCredentials?
    /// A PEM file of the CA certificates to trust instead of the system's (an internal CA, or a
    /// test's throw-away one). Verification itself is never turned off.
    public let trustedCAFile: String?

    /// - Parameters:
    ///   - host: a host name or IP address (IPv4 or IPv6); with TLS, the name the certificate must carry.
    ///   - heloName: this host's name as sent in `EHLO`.
    ///   - timeout: how long to wait for the connection and for each read or write.
    public init(host: String, port: Int, heloName: String, timeout: Duration = .seconds(10),
                security: SMTPSecurity = .none, credentials: SMTPCredentials? = nil, trustedCAFile: String? = nil) {
        self.host = host
        self.port = port
        self.heloName = heloName
        self.timeout = timeout
        self.security = security
        self.credentials = credentials
        self.trustedCAFile = trustedCAFile
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
    ///   credentials are given without TLS, the connection fails or times out, the TLS handshake
    ///   fails (an untrusted certificate, another name), or the server refuses a step.
    @discardableResult
    public func send(from: String, to: [String], message: String) throws(SMTPError) -> String {
        guard Mailbox.isValid(from) else { throw SMTPError(step: .mailFrom, .notAnAddress(SMTPText.singleLine(from))) }
        guard !to.isEmpty else { throw SMTPError(step: .rcptTo, .noRecipients) }
        for address in to where !Mailbox.isValid(address) {
            throw SMTPError(step: .rcptTo, .notAnAddress(SMTPText.singleLine(address)))
        }
        let helo = SMTPText.singleLine(heloName).filter { $0 != " " }
        guard !helo.isEmpty else { throw SMTPError(step: .hello, .emptyHeloName) }
        if credentials != nil && security == .none { throw SMTPError(step: .auth, .authWithoutTLS) }
        let tls = try security == .none ? nil : SMTPTLS.configuration(trustedCAFile: trustedCAFile)

        let connection = try SMTPConnection(host: host, port: port, timeout: timeout)
        defer { connection.close() }
        if security == .implicitTLS, let tls { try connection.startTLS(tls, host: host) }
        try connection.expect(.greeting, [220])
        var ehlo = try hello(connection, helo)
        if security == .startTLS, let tls {
            guard ehlo?.lines.contains(where: { $0.uppercased() == "STARTTLS" }) == true else {
                connection.quitQuietly()
                throw SMTPError(step: .startTLS, .startTLSNotOffered)
            }
            try connection.command("STARTTLS", step: .startTLS, expecting: [220])
            try connection.startTLS(tls, host: host)
            ehlo = try hello(connection, helo)
        }
        if let credentials { try authenticate(connection, credentials, ehlo: ehlo) }
        try connection.command("MAIL FROM:<\(from)>", step: .mailFrom, expecting: [250])
        for address in to {
            let reply = try connection.command("RCPT TO:<\(address)>", step: .rcptTo)
            guard reply.code == 250 || reply.code == 251 else {
                connection.quitQuietly()
                throw SMTPError(step: .rcptTo, .refused(code: reply.code, text: "<\(address)>: " + reply.text))
            }
        }
        try connection.command("DATA", step: .data, expecting: [354])
        try connection.write(Self.dataBlock(message), step: .message)
        let accepted = try connection.readReply(step: .message)
        guard accepted.code == 250 else { throw SMTPError(step: .message, .refused(code: accepted.code, text: accepted.text)) }
        connection.quitQuietly()
        return "\(accepted.code) \(accepted.text)"
    }

    /// `EHLO`, or `HELO` when the server does not know it; the EHLO reply (its extension lines),
    /// `nil` after HELO.
    private func hello(_ connection: SMTPConnection, _ helo: String) throws(SMTPError) -> SMTPReply? {
        let ehlo = try connection.command("EHLO \(helo)", step: .hello)
        if ehlo.code == 250 { return ehlo }
        guard (500...504).contains(ehlo.code) else { throw SMTPError(step: .hello, .refused(code: ehlo.code, text: ehlo.text)) }
        let reply = try connection.command("HELO \(helo)", step: .hello)
        guard reply.code == 250 else { throw SMTPError(step: .hello, .refused(code: reply.code, text: reply.text)) }
        return nil
    }

    /// `AUTH PLAIN` or `AUTH LOGIN` (RFC 4954), as offered by the server's EHLO. The password is
    /// sent only base64-encoded inside the TLS session and never kept in an error.
    private func authenticate(_ connection: SMTPConnection, _ credentials: SMTPCredentials,
                              ehlo: SMTPReply?) throws(SMTPError) {
        let offered = (ehlo?.lines ?? []).compactMap { line -> [String]? in
            let words = line.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
            return words.first == "AUTH" ? Array(words.dropFirst()) : nil
        }.flatMap { $0 }
        let wanted = credentials.mechanism.map { [$0] } ?? [.plain, .login]
        guard let mechanism = wanted.first(where: { offered.contains($0.rawValue) }) else {
            connection.quitQuietly()
            throw SMTPError(step: .auth, .authNotOffered(wanted: wanted.map(\.rawValue), offered: offered))
        }
        func rejected(_ reply: SMTPReply) -> SMTPError {
            SMTPError(step: .auth, .authRejected(code: reply.code, text: reply.text))
        }
        let user = Array(credentials.user.utf8), password = Array(credentials.password.utf8)
        switch mechanism {
        case .plain:
            let reply = try connection.command("AUTH PLAIN " + Base64.encode([0] + user + [0] + password), step: .auth)
            guard reply.code == 235 else { throw rejected(reply) }
        case .login:
            var reply = try connection.command("AUTH LOGIN", step: .auth)
            guard reply.code == 334 else { throw rejected(reply) }
            reply = try connection.command(Base64.encode(user), step: .auth)
            guard reply.code == 334 else { throw rejected(reply) }
            reply = try connection.command(Base64.encode(password), step: .auth)
            guard reply.code == 235 else { throw rejected(reply) }
        }
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

/// One SMTP reply: the code and its text lines.
struct SMTPReply {
    var code: Int
    /// The text of each line (after `ddd-` / `ddd `), control characters made spaces.
    var lines: [String]
    /// The lines joined by a space.
    var text: String { lines.joined(separator: " ") }
}

/// Base64 (RFC 4648, with padding) for the AUTH exchange.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A blocking TCP connection that speaks SMTP's command/reply lines.
final class SMTPConnection {
    private let fd: Int32
    /// The address connected to (TLS checks a certificate's IP address against it).
    private var peer: SocketAddress?
    /// The TLS session once `startTLS` has run: every byte then goes through it.
    private var tls: SMTPTLS?
    private var buffer: [UInt8] = []
    private var closed = false
    /// The longest reply accepted (a reply line is at most 512 octets; allow many lines).
    private static let maximumReply = 64 * 1024

    init(host: String, port: Int, timeout: Duration) throws(SMTPError) {
        guard (1...65535).contains(port) else { throw SMTPError(step: .connect, .portOutOfRange(port)) }
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
            throw SMTPError(step: .connect, .cannotResolve(host: SMTPText.singleLine(host),
                                                          detail: String(cString: gai_strerror(status))))
        }
        defer { freeaddrinfo(first) }
        let millis = Self.milliseconds(timeout)
        var lastError = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            let s = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard s >= 0 else {
                lastError = "socket: " + Self.errorText(errno)
                continue
            }
            if let error = Self.connect(s, info.pointee.ai_addr, info.pointee.ai_addrlen, milliseconds: millis) {
                lastError = error
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
            peer = Self.socketAddress(info.pointee.ai_addr, info.pointee.ai_addrlen)
            return
        }
        if lastError == "timed out connecting" { throw SMTPError(step: .connect, .timedOut) }
        throw SMTPError(step: .connect, .cannotConnect(host: SMTPText.singleLine(host), port: port, detail: lastError))
    }

    deinit { close() }

    func close() {
        guard !closed else { return }
        closed = true
        tls?.finish()
        _ = closeDescriptor(fd)
    }

    /// Starts TLS on the connection (implicit TLS before the greeting, or after `STARTTLS`'s
    /// `220`), verifying the server's certificate and its name; the handshake completes before
    /// this returns, so nothing more is said to an unverified server.
    func startTLS(_ configuration: TLSConfiguration, host: String) throws(SMTPError) {
        guard buffer.isEmpty else {
            throw SMTPError(step: .tls, .tlsFailed(detail: "the server sent data before the TLS handshake"))
        }
        let session = try SMTPTLS(configuration: configuration, host: host, peer: peer)
        tls = session
        while !session.handshakeDone {
            try sendRaw(try session.takeOutbound(), step: .tls)
            try session.feed(try receiveRaw(step: .tls))
            buffer += try session.takeInbound()
        }
        try sendRaw(try session.takeOutbound(), step: .tls)
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
        guard codes.contains(reply.code) else { throw SMTPError(step: step, .refused(code: reply.code, text: reply.text)) }
    }

    /// Reads a reply and requires its code to be in `codes`.
    func expect(_ step: SMTPError.Step, _ codes: Set<Int>) throws(SMTPError) {
        let reply = try readReply(step: step)
        guard codes.contains(reply.code) else { throw SMTPError(step: step, .refused(code: reply.code, text: reply.text)) }
    }

    func write(_ bytes: [UInt8], step: SMTPError.Step) throws(SMTPError) {
        guard let tls else { return try sendRaw(bytes, step: step) }
        try tls.write(bytes, step: step)
        try sendRaw(try tls.takeOutbound(), step: step)
    }

    /// The bytes on the socket as they are (ciphertext once TLS runs).
    private func sendRaw(_ bytes: [UInt8], step: SMTPError.Step) throws(SMTPError) {
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
                throw SMTPError(step: step, e == EAGAIN || e == EWOULDBLOCK ? .timedOut : .system("send: " + Self.errorText(e)))
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
                throw SMTPError(step: step, .notAReply(SMTPText.singleLine(line)))
            }
            texts.append(SMTPText.singleLine(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : ""))
            if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") {
                return SMTPReply(code: code, lines: texts)
            }
            guard total <= Self.maximumReply else { throw SMTPError(step: step, .replyTooLong(Self.maximumReply)) }
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
            guard buffer.count <= Self.maximumReply else { throw SMTPError(step: step, .replyTooLong(Self.maximumReply)) }
            let chunk = try receiveRaw(step: step)
            if let tls {
                try tls.feed(chunk)
                try sendRaw(try tls.takeOutbound(), step: step)
                buffer += try tls.takeInbound()
            } else {
                buffer += chunk
            }
        }
    }

    /// The next bytes from the socket (at least one).
    private func receiveRaw(step: SMTPError.Step) throws(SMTPError) -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 {
                let e = errno
                if e == EINTR { continue }
                throw SMTPError(step: step, e == EAGAIN || e == EWOULDBLOCK ? .timedOut : .system("recv: " + Self.errorText(e)))
            }
            if n == 0 { throw SMTPError(step: step, .closedByServer) }
            return Array(chunk[..<n])
        }
    }

    /// The address `connect` reached, for the certificate's IP address check.
    private static func socketAddress(_ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t) -> SocketAddress? {
        guard let address else { return nil }
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { SocketAddress($0.pointee, host: "") }
        case AF_INET6:
            return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { SocketAddress($0.pointee, host: "") }
        default:
            return nil
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
