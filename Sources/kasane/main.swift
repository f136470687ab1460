import ArgumentParser
import Foundation
import NIOCore
import KasaneWording
import NIOPosix

// Everything Kasane writes is for the secretariat only: the workspace and its -wal/-shm, the
// chain key, invitations, feeds and the 非公開 documents are created 0600 and folders 0700,
// whatever umask the caller has (issue 12, point 10). First, before anything opens a file.
umask(0o077)

// The language of every message (`--lang`, `KASANE_LANG`; Japanese by default), before parsing.
let arguments: [String]
do {
    let (language, rest) = try LanguageOption.extract(Array(CommandLine.arguments.dropFirst()),
                                                      environment: ProcessInfo.processInfo.environment)
    wording = Catalogue(language)
    arguments = rest
} catch {
    ErrorOutput.exit(with: error)
}

// `kasane serve` runs Swift concurrency on NIO's event loops, so that a request is not handed
// between the event loop and Swift's thread pool at every `await` (NIOSingletons' documentation).
// It must be installed on the main thread before any async code runs, hence here; the other
// commands keep Swift's default executor.
if arguments.first == "serve" {
    NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
}

// A single-value option given twice is refused before anything runs (#12 minor).
if let problem = DuplicateOptions.problem(in: arguments) {
    ErrorOutput.exit(with: InputError(problem))
}

/// Calls the asynchronous `main()` (top-level code would pick the synchronous overload).
func runKasane() async {
    await Kasane.main(arguments)
}

await runKasane()
