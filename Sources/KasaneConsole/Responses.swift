import HTTPTypes
import Hummingbird
import NIOCore

/// The console's responses, built in one place: HTML that is never cached and never framed by
/// another site, redirects, and the stylesheet.
enum ConsoleResponses {
    /// Headers on every page: no cache (pages may hold personal details once revealed), no
    /// referrer, no framing, no script.
    static func secured(_ status: HTTPResponse.Status, contentType: String, framable: Bool = false) -> HTTPFields {
        var h: HTTPFields = [
            .contentType: contentType,
            .cacheControl: "no-store",
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            HTTPField.Name("X-Frame-Options")!: framable ? "SAMEORIGIN" : "DENY",
        ]
        h[HTTPField.Name("Content-Security-Policy")!] = framable
            ? "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
            : "default-src 'none'; style-src 'self'; img-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        return h
    }

    static func html(_ status: HTTPResponse.Status, _ body: String, framable: Bool = false) -> Response {
        Response(status: status, headers: secured(status, contentType: "text/html; charset=utf-8", framable: framable),
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// 303 See Other to `location` (after a POST, and to the login page).
    static func redirect(_ location: String) -> Response {
        var h = secured(.seeOther, contentType: "text/plain; charset=utf-8")
        h[.location] = location
        return Response(status: .seeOther, headers: h, body: .init(byteBuffer: ByteBuffer(string: "")))
    }

    static func css(_ text: String) -> Response {
        var h = secured(.ok, contentType: "text/css; charset=utf-8")
        h[.cacheControl] = "private, max-age=300"
        return Response(status: .ok, headers: h, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
