import Foundation
import Testing

/// Runs `python3 ARGUMENTS` (a script of `scripts/` or `-c PROGRAM`) and returns its stdout; the
/// test fails with its stderr when it exits non-zero (`make setup` installs the oracles).
func runPython(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0,
                 "python3 \(arguments.first ?? "") failed: \(String(decoding: errors, as: UTF8.self)) (run `make setup`)",
                 sourceLocation: sourceLocation)
    return String(decoding: data, as: UTF8.self)
}
