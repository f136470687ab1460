import NIOCore
import NIOEmbedded
import NIOSSL
import NIOTLS

/// TLS for the blocking SMTP client (#14.6): swift-nio-ssl's client handler in an
/// `EmbeddedChannel`, fed by hand with the socket's bytes. Plaintext written goes out as
/// ciphertext (`takeOutbound`), ciphertext received comes back as plaintext (`takeInbound`).
///
/// The server's certificate is always verified (`certificateVerification` stays
/// `.fullVerification`): against the system's CAs, or only those of a given PEM file; its name
/// against the host connected to (an IP address against the certificate's IP addresses).
final class SMTPTLS {
    private let channel: EmbeddedChannel
    private let events = HandshakeEvents()
    private let host: String

    /// The client configuration: full verification, trusting `trustedCAFile`'s certificates
    /// instead of the system's when given.
    /// - Throws: `SMTPError` (`.badCAFile`) when the file is not PEM certificates.
    static func configuration(trustedCAFile: String?) throws(SMTPError) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .fullVerification
        configuration.minimumTLSVersion = .tlsv12
        if let trustedCAFile {
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(trustedCAFile)
                guard !certificates.isEmpty else {
                    throw SMTPError(step: .tls, .badCAFile(path: trustedCAFile, detail: "no certificate"))
                }
                configuration.trustRoots = .certificates(certificates)
            } catch let error as SMTPError {
                throw error
            } catch {
                throw SMTPError(step: .tls, .badCAFile(path: trustedCAFile, detail: SMTPText.singleLine("\(error)")))
            }
        }
        return configuration
    }

    /// Starts the handshake (the ClientHello is ready in `takeOutbound`).
    init(configuration: TLSConfiguration, host: String, peer: SocketAddress?) throws(SMTPError) {
        self.host = host
        channel = EmbeddedChannel()
        do {
            let context = try NIOSSLContext(configuration: configuration)
            // SNI carries a host name, never an IP address; the certificate is checked against
            // the name, or against the IP address connected to.
            let handler = try NIOSSLClientHandler(context: context, serverHostname: Self.isIPAddress(host) ? nil : host)
            try channel.pipeline.syncOperations.addHandler(handler)
            try channel.pipeline.syncOperations.addHandler(events)
            channel.remoteAddress = peer
            channel.connect(to: try peer ?? SocketAddress(ipAddress: "127.0.0.1", port: 0), promise: nil)
            try channel.throwIfErrorCaught()
        } catch {
            throw Self.failure(error, host: host)
        }
    }

    /// Whether the handshake has completed.
    var handshakeDone: Bool { events.handshakeDone }

    /// Ciphertext received from the socket; fails on a handshake or record error.
    func feed(_ bytes: [UInt8]) throws(SMTPError) {
        do {
            try channel.writeInbound(channel.allocator.buffer(bytes: bytes))
            // NIOSSL defers part of the handshake (certificate verification) to the event loop:
            // an embedded loop runs those tasks only when asked.
            channel.embeddedEventLoop.run()
            try channel.throwIfErrorCaught()
        } catch {
            throw Self.failure(error, host: host)
        }
    }

    /// Plaintext to send (buffered by the handler until the handshake completes).
    func write(_ bytes: [UInt8], step: SMTPError.Step) throws(SMTPError) {
        do {
            try channel.writeOutbound(channel.allocator.buffer(bytes: bytes))
        } catch {
            throw Self.failure(error, host: host, step: step)
        }
    }

    /// The ciphertext waiting to go out on the socket.
    func takeOutbound() throws(SMTPError) -> [UInt8] {
        var out: [UInt8] = []
        channel.embeddedEventLoop.run()
        do {
            while let buffer = try channel.readOutbound(as: ByteBuffer.self) { out += buffer.readableBytesView }
        } catch {
            throw Self.failure(error, host: host)
        }
        return out
    }

    /// The plaintext received so far.
    func takeInbound() throws(SMTPError) -> [UInt8] {
        var out: [UInt8] = []
        do {
            while let buffer = try channel.readInbound(as: ByteBuffer.self) { out += buffer.readableBytesView }
        } catch {
            throw Self.failure(error, host: host)
        }
        return out
    }

    /// Ends the session without waiting for the server (the conversation is over).
    func finish() {
        // NIOSSL completes a close only on the server's close_notify or its shutdown timeout, a
        // task on the event loop; an embedded loop's clock never moves by itself, so
        // `finish()` alone waited forever (#14.6). Move the clock past the timeout first.
        channel.close(promise: nil)
        channel.embeddedEventLoop.advanceTime(by: .seconds(60))
        _ = try? channel.finish(acceptAlreadyClosed: true)
    }

    /// A TLS failure as an `SMTPError`: an untrusted certificate, another name, or another failure.
    static func failure(_ error: any Error, host: String, step: SMTPError.Step = .tls) -> SMTPError {
        if let error = error as? SMTPError { return error }
        let detail = SMTPText.singleLine("\(error)")
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return SMTPError(step: .tls, .certificateNameMismatch(host: SMTPText.singleLine(host)))
        }
        if detail.contains("CERTIFICATE_VERIFY_FAILED") || detail.contains("certificate verify failed") {
            return SMTPError(step: .tls, .certificateUntrusted(detail: detail))
        }
        return SMTPError(step: step, .tlsFailed(detail: detail))
    }

    private static func isIPAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }
}

/// Notes the handshake's completion (the handler's user event).
private final class HandshakeEvents: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    var handshakeDone = false

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event { handshakeDone = true }
        context.fireUserInboundEventTriggered(event)
    }
}
