import Testing

extension Tag {
    /// Suites that start hundreds of `kasane` processes or kill them (crash and concurrency
    /// tests): the slow tier, which `make test-slow` runs on its own and `make test-fast` leaves out.
    @Tag static var manyProcesses: Self
}
