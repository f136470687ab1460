import Foundation
import KasaneCore
import KasaneYAML
import Testing

/// The fuzz corpora of the YAML readers (Tests/Fuzz/corpus/…, scripts/fuzz.sh) and any crasher
/// found, as regression tests (#12): each file is read or refused with a `YAMLInputError`, in
/// under 2 s.
@Suite("YAML fuzz corpus")
struct FuzzCorpusTests {
    static let readers: [String: @Sendable (String) throws -> Void] = [
        "registry": { _ = try RegistryFile.parse($0, file: "fuzz.yaml") },
        "cases": { _ = try CaseImportFile.parse($0, file: "fuzz.yaml") },
        "closures": { _ = try ClosuresFile.parse($0, file: "fuzz.yaml") },
        "policy": {
            _ = try PolicyFile.parse($0, file: "fuzz.yaml")
            _ = try PolicyFile.retention($0, file: "fuzz.yaml")  // #17.2
        },
    ]

    /// (reader, file path) for every corpus and crasher file of the YAML targets.
    static let files: [String] = readers.keys.sorted().flatMap { reader in
        ["Tests/Fuzz/corpus/\(reader)", "Tests/Fuzz/corpus/crashers/\(reader)"].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(
                atPath: repositoryRoot.appendingPathComponent(folder).path)) ?? []).sorted().map { "\(folder)/\($0)" }
        }
    }

    @Test("every corpus file is read or refused cleanly, quickly", arguments: files)
    func corpusFile(path: String) throws {
        let reader = try #require(Self.readers[path.split(separator: "/")[path.contains("/crashers/") ? 4 : 3].description])
        let data = try #require(FileManager.default.contents(atPath: repositoryRoot.appendingPathComponent(path).path))
        let start = ContinuousClock.now
        do {
            try reader(String(decoding: data, as: UTF8.self))
        } catch {
            #expect(error is YAMLInputError, "\(error)")
        }
        #expect(ContinuousClock.now - start < .seconds(2))
        if path.contains("/attack-") {
            #expect(throws: YAMLInputError.self) { try reader(String(decoding: data, as: UTF8.self)) }
        }
    }
}
