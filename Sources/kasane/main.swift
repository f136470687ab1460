import ArgumentParser
import NIOCore
import NIOPosix

// `kasane serve` runs Swift concurrency on NIO's event loops, so that a request is not handed
// between the event loop and Swift's thread pool at every `await` (NIOSingletons' documentation).
// It must be installed on the main thread before any async code runs, hence here; the other
// commands keep Swift's default executor.
if CommandLine.arguments.dropFirst().first == "serve" {
    NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
}

// A single-value option given twice is refused before anything runs (#12 minor).
if let problem = DuplicateOptions.problem(in: Array(CommandLine.arguments.dropFirst())) {
    Kasane.exit(withError: InputError(problem))
}

/// Calls the asynchronous `main()` (top-level code would pick the synchronous overload).
func runKasane() async {
    await Kasane.main()
}

await runKasane()
