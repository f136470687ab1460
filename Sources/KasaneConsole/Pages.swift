import Foundation
import Mustache

/// A console page failed to render (a template missing or broken).
public struct ConsoleTemplateError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

/// The console's pages: Mustache templates from `templates/console/`, loaded once at start, so a
/// broken folder stops `kasane console` before it listens. Every value is HTML-escaped.
struct Pages: Sendable {
    let library: MustacheLibrary
    /// The print and screen stylesheet (`console.css`).
    let stylesheet: String

    static let names = ["login", "dashboard", "meetings", "meeting", "cases", "case", "audit", "document", "decide",
                        "report", "outbox", "message", "header", "footer", "bare", "notice", "offers", "field-by", "pager"]

    init(folder: String) async throws {
        let console = (folder.hasSuffix("/") ? folder : folder + "/") + "console"
        guard FileManager.default.fileExists(atPath: console) else {
            throw ConsoleTemplateError(description: "画面のテンプレートのフォルダ \(console) がありません: --templates か KASANE_TEMPLATES でリポジトリの templates/ を指定してください")
        }
        do {
            library = try await MustacheLibrary(directory: console)
        } catch let error as MustacheLibrary.ParserError {
            throw ConsoleTemplateError(description: "テンプレート \(console)/\(error.filename) は Mustache として読めません（\(error.error)）: 直してください")
        }
        for name in Self.names where library.getTemplate(named: name) == nil {
            throw ConsoleTemplateError(description: "テンプレート \(console)/\(name).mustache がありません: リポジトリの templates/console/ から戻すか、--templates でフォルダを指定してください")
        }
        guard let css = FileManager.default.contents(atPath: console + "/console.css") else {
            throw ConsoleTemplateError(description: "スタイルシート \(console)/console.css がありません: リポジトリの templates/console/ から戻してください")
        }
        stylesheet = String(decoding: css, as: UTF8.self)
    }

    /// Page `name` rendered with `model` (its stored properties).
    func render(_ name: String, _ model: Any) -> String {
        library.render(model, withTemplate: name) ?? ""
    }
}
