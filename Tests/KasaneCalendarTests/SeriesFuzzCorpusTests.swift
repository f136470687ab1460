import Foundation
import KasaneCalendar
import KasaneCore
import Testing

/// The series reader's fuzz corpus (Tests/Fuzz/corpus/series, scripts/fuzz.sh) and any crasher
/// found, as regression tests (#12): each file is read (then expanded over two years and written
/// back) or refused, in under 2 s, without a crash.
@Suite("Series fuzz corpus")
struct SeriesFuzzCorpusTests {
    static let files: [String] = ["Tests/Fuzz/corpus/series", "Tests/Fuzz/corpus/crashers/series"].flatMap { folder in
        ((try? FileManager.default.contentsOfDirectory(atPath: repoRoot.appendingPathComponent(folder).path)) ?? [])
            .sorted().map { "\(folder)/\($0)" }
    }

    @Test("every corpus file is read or refused cleanly, quickly", arguments: files)
    func corpusFile(path: String) throws {
        let data = try #require(FileManager.default.contents(atPath: repoRoot.appendingPathComponent(path).path))
        let start = ContinuousClock.now
        if let def = try? SeriesFile.parse(String(decoding: data, as: UTF8.self), file: "fuzz.ics") {
            _ = try? def.sessions(from: LocalDate(iso: "2026-04-01")!, through: LocalDate(iso: "2028-03-31")!,
                                  calendar: BusinessCalendar())
            if let written = try? SeriesWriter.write(def) {
                #expect(try SeriesFile.parse(written, file: "written.ics").series == def.series, "\(path)")
            }
        }
        #expect(ContinuousClock.now - start < .seconds(2))
    }
}
