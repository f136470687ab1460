import HTTPTypes
import Hummingbird
import NIOCore

extension HTTPField.Name {
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xRobotsTag = Self("X-Robots-Tag")!
    static let xForwardedFor = Self("X-Forwarded-For")!
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
}

/// Every response the server makes up itself, built in one place (STYLE §8): a client never
/// sees an internal error text, and every kind of miss gets the very same bytes.
enum Responses {
    /// Headers on every response: no referrer leaks the capability URL, nothing is indexed.
    static let common: HTTPFields = [
        .referrerPolicy: "no-referrer",
        .xRobotsTag: "noindex",
        .xContentTypeOptions: "nosniff",
    ]

    /// The one 404: unknown, revoked, foreign and malformed tokens, unknown paths and methods.
    static var notFound: Response { plain(.notFound, "Not Found\n") }

    static var tooManyRequests: Response {
        var r = plain(.tooManyRequests, "Too Many Requests\n")
        r.headers[.retryAfter] = "60"
        return r
    }

    static var uriTooLong: Response { plain(.uriTooLong, "URI Too Long\n") }

    /// A write method on a read-only resource (a feed, /healthz, /robots.txt).
    static var methodNotAllowed: Response {
        var r = plain(.methodNotAllowed, "Method Not Allowed\n")
        r.headers[.allow] = "GET, HEAD"
        return r
    }

    static var internalError: Response { plain(.internalServerError, "Internal Server Error\n") }

    static let robots = "User-agent: *\nDisallow: /feeds/\n"

    /// A short text response with the common headers and `Cache-Control: no-store`.
    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = common
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The response for an error thrown below the guard: an HTTP status keeps its status (404
    /// becomes the one 404); anything else is a bare 500 whose body never carries the error's
    /// text (a failed rendering must not show what the feed is made from).
    static func forError(_ error: any Error) -> Response {
        guard let http = error as? HTTPError else { return internalError }
        switch http.status {
        case .notFound, .methodNotAllowed: return notFound
        case .uriTooLong: return uriTooLong
        default:
            let status = http.status.code >= 400 && http.status.code < 600 ? http.status : .internalServerError
            return plain(status, "\(status.code) \(status.reasonPhrase)\n")
        }
    }
}
