import Foundation
import Logging
import HTTPTypes
import Hummingbird
import NIOCore
import KasaneApp
import KasaneCore
import KasaneDocuments
import KasaneStore
import KasaneWording

/// `document.mustache`: the 次第 or 議事録 of a meeting as one reader receives it, in a frame
/// showing the printable page (A4, from the documents' own HTML templates).
struct DocumentPage: Sendable {
    struct Option: Sendable { let value: String, label: String, selected: Bool }
    let chrome: Chrome
    let meeting: String
    let kindLabel: String
    let kinds: [Option]
    let readers: [Option]
    let printURL: String
    /// The same copy as PDF, when the console has a renderer.
    let pdfURL: String?
}

extension Console {
    func addDocumentRoutes(to router: Router<ConsoleRequestContext>) {
        get(router, "/meetings/:id/documents", .read) { request, context, signed in
            let id = context.parameters.get("id") ?? ""
            let (kind, readerText) = documentQuery(request)
            let documents: MeetingDocuments
            do {
                documents = try MeetingDocuments(meeting: id, store: store)
            } catch let error as DocumentRequestError {
                return messagePage(.notFound, words(error), title: "次第・議事録", signed: signed, back: "/meetings")
            }
            let canMaster = Permission.decide.allows(signed.account.role)
            var readers: [(String, String)] = canMaster ? [("master", "非公開の原本（事務局用）")] : []
            readers += documents.attendees.map { ("person:\($0)", "\(documents.registry.person($0)?.name ?? $0)（\($0)）") }
            let chosen = readers.contains { $0.0 == readerText } ? readerText : readers.first?.0 ?? ""
            let query = "kind=\(kind.rawValue)&reader=\(chosen.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            return ConsoleResponses.html(.ok, pages.render("document", DocumentPage(
                chrome: chrome("次第・議事録 \(id)", signed), meeting: id, kindLabel: kind == .agenda ? "次第" : "議事録",
                kinds: MeetingDocumentKind.allCases.map {
                    .init(value: $0.rawValue, label: $0 == .agenda ? "次第" : "議事録", selected: $0 == kind)
                },
                readers: readers.map { .init(value: $0.0, label: $0.1, selected: $0.0 == chosen) },
                printURL: chosen.isEmpty ? "" : "/meetings/\(id)/print?\(query)",
                pdfURL: chosen.isEmpty || configuration.pdfRenderer == nil ? nil : "/meetings/\(id)/pdf?\(query)")))
        }

        get(router, "/meetings/:id/pdf", .read) { request, context, signed in
            let id = context.parameters.get("id") ?? ""
            let (kind, readerText) = documentQuery(request)
            guard let renderer = configuration.pdfRenderer, let reader = Self.reader(readerText) else {
                return messagePage(.notFound, catalogue(ConsoleMessage.notFound), title: "次第・議事録", signed: signed)
            }
            if reader == .master, !Permission.decide.allows(signed.account.role) {
                return messagePage(.forbidden, catalogue(ConsoleMessage.forbidden(role: signed.account.role)),
                                   title: "権限がありません", signed: signed)
            }
            let html: String
            do {
                html = try MeetingDocuments(meeting: id, store: store).render(kind, for: reader, format: .html, renderer: documents)
            } catch let error as DocumentRequestError {
                return messagePage(.notFound, words(error), title: "次第・議事録", signed: signed, back: "/meetings")
            }
            guard let bytes = try pdf(html, renderer: renderer) else {
                logger.error("console PDF renderer failed", metadata: ["meeting.id": "\(id)"])
                return messagePage(.internalServerError, catalogue(ConsoleMessage.internalError), title: "PDF", signed: signed)
            }
            var headers = ConsoleResponses.secured(.ok, contentType: "application/pdf")
            // The file name holds the meeting id, the kind and the reader's id: never a name.
            headers[.contentDisposition] = "inline; filename=\"\(id)-\(kind.rawValue)-\(readerText.replacingOccurrences(of: ":", with: "-")).pdf\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }

        // The printable page itself (A4 print stylesheet of the document templates); framed by
        // the preview, or opened alone to print.
        get(router, "/meetings/:id/print", .read) { request, context, signed in
            let id = context.parameters.get("id") ?? ""
            let (kind, readerText) = documentQuery(request)
            guard let reader = Self.reader(readerText) else {
                return messagePage(.notFound, catalogue(ConsoleMessage.notFound), title: "次第・議事録", signed: signed)
            }
            if reader == .master, !Permission.decide.allows(signed.account.role) {
                logger.notice("console master copy refused for the role", metadata: ["staff.id": "\(signed.account.id)"])
                return messagePage(.forbidden, catalogue(ConsoleMessage.forbidden(role: signed.account.role)),
                                   title: "権限がありません", signed: signed)
            }
            do {
                let text = try MeetingDocuments(meeting: id, store: store).render(kind, for: reader, format: .html,
                                                                                  renderer: documents)
                return ConsoleResponses.html(.ok, text, framable: true)
            } catch let error as DocumentRequestError {
                return messagePage(.notFound, words(error), title: "次第・議事録", signed: signed, back: "/meetings")
            }
        }
    }

    /// The printable copy as PDF through the headless renderer; the HTML stays the source.
    private func pdf(_ html: String, renderer: String) throws -> [UInt8]? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kasane-pdf-\(ConsoleToken.generate())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("document.html"), out = folder.appendingPathComponent("document.pdf")
        try Data(html.utf8).write(to: page)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: renderer)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                             "--user-data-dir=\(folder.path)/profile", "--print-to-pdf=\(out.path)", page.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: out.path) else { return nil }
        return Array(data)
    }

    fileprivate func documentQuery(_ request: Request) -> (MeetingDocumentKind, String) {
        let kind = request.uri.queryParameters.get("kind").flatMap(MeetingDocumentKind.init(rawValue:)) ?? .agenda
        return (kind, request.uri.queryParameters.get("reader") ?? "master")
    }

    /// `master`, `person:ID` or `agency:ID`.
    static func reader(_ text: String) -> Reader? {
        if text == "master" { return .master }
        if text.hasPrefix("person:"), text.count > 7 { return .person(String(text.dropFirst(7))) }
        if text.hasPrefix("agency:"), text.count > 7 { return .agency(String(text.dropFirst(7))) }
        return nil
    }
}
