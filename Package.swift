// swift-tools-version: 6.1
import PackageDescription

/// The same strict settings on every target (STYLE.md §14).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Kasane",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kasane", targets: ["kasane"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.3.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
    ],
    targets: [
        // Pure domain core: rules R1–R19, no I/O, "now" passed in.
        .target(name: "KasaneCore", swiftSettings: strict),
        // Adapters.
        .target(
            name: "KasaneStore",
            dependencies: [
                "KasaneCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        // The PostgreSQL store (issue 16): the same `WorkspaceStore`, many municipalities (tenants).
        .target(
            name: "KasaneStorePostgres",
            dependencies: [
                "KasaneCore", "KasaneStore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: strict),
        .systemLibrary(name: "CLibical", pkgConfig: "libical", providers: [.apt(["libical-dev"])]),
        .target(
            name: "KasaneCalendar",
            dependencies: ["KasaneCore", "KasaneWording", "CLibical"],
            swiftSettings: strict),
        // Services: the HTTP feed server.
        .target(
            name: "KasaneServer",
            dependencies: [
                "KasaneCore", "KasaneStore", "KasaneApp",
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),
        // Services: the secretariat's console (Hummingbird 2): pages from `templates/console/`, accounts,
        // sessions, CSRF; every action through the application layer.
        .target(
            name: "KasaneConsole",
            dependencies: [
                "KasaneCore", "KasaneStore", "KasaneApp", "KasaneWording", "KasaneDocuments", "KasaneMail",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict),
        // Documents: agendas and minutes rendered from `templates/` (Mustache).
        .target(
            name: "KasaneDocuments",
            dependencies: ["KasaneCore", "KasaneWording", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strict),
        // Mail delivery: SMTP to the municipality's relay.
        // STARTTLS / implicit TLS with swift-nio-ssl, certificate verification on by default (#14.6).
        .target(
            name: "KasaneMail",
            dependencies: [
                "KasaneCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict),
        // The catalogue: typed reasons and errors in Japanese (default) or English.
        .target(
            name: "KasaneWording", dependencies: ["KasaneCore", "KasaneStore", "KasaneStorePostgres", "KasaneMail"],
            swiftSettings: strict),
        // The application layer: the use cases every front-end (CLI, feed server, console) calls.
        .target(
            name: "KasaneApp",
            dependencies: ["KasaneCore", "KasaneWording", "KasaneStore", "KasaneCalendar", "KasaneMail", "KasaneDocuments", "KasaneYAML",
                           .product(name: "Logging", package: "swift-log"), .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict),
        .target(
            name: "KasaneYAML",
            dependencies: ["KasaneCore", "KasaneWording", "Yams"],
            swiftSettings: strict),
        // The thin executable: parse, wire, run.
        .executableTarget(
            name: "kasane",
            dependencies: [
                "KasaneCore", "KasaneStore", "KasaneYAML", "KasaneCalendar", "KasaneServer", "KasaneDocuments",
                "KasaneWording", "KasaneApp", "KasaneMail", "KasaneStorePostgres", "KasaneConsole",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict),
        // `make bench`: writes 10,000 calendar events (not a test; see scripts/bench_ics.sh).
        .executableTarget(name: "kasane-bench", dependencies: ["KasaneCore", "KasaneCalendar"], swiftSettings: strict),
        // `scripts/fuzz-http.sh SECONDS`: the HTTP request path under random requests (not a test).
        .executableTarget(
            name: "kasane-fuzz-http",
            dependencies: [
                "KasaneCore", "KasaneStore", "KasaneServer",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: strict),
        // Fuzz targets for the readers of hand-edited files (scripts/fuzz.sh; not a test).
        .executableTarget(
            name: "kasane-fuzz", dependencies: ["KasaneCore", "KasaneCalendar", "KasaneMail", "KasaneYAML"], swiftSettings: strict),
        // Benchmarks (run by `make bench`).
        .executableTarget(
            name: "schedule-bench",
            dependencies: ["KasaneCore", "KasaneStore", .product(name: "PropertyBased", package: "swift-property-based")], swiftSettings: strict),
        .testTarget(
            name: "KasaneCoreTests",
            dependencies: ["KasaneCore", .product(name: "PropertyBased", package: "swift-property-based")], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(
            name: "KasaneStoreTests",
            dependencies: ["KasaneCore", "KasaneStore", "KasaneStorePostgres", "KasaneWording",
                           .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "PostgresNIO", package: "postgres-nio")],
            exclude: ["Fixtures"],
            swiftSettings: strict),
        .testTarget(name: "KasaneCalendarTests", dependencies: ["KasaneCore", "KasaneCalendar", "KasaneMail", "KasaneWording"], swiftSettings: strict),
        .testTarget(
            name: "KasaneWordingTests",
            dependencies: ["KasaneCore", "KasaneWording", "KasaneStore", "KasaneStorePostgres", "KasaneApp", "KasaneYAML",
                           "KasaneCalendar", "KasaneMail"],
            swiftSettings: strict),
        .testTarget(name: "KasaneYAMLTests", dependencies: ["KasaneCore", "KasaneYAML", "KasaneWording"], swiftSettings: strict),
        .testTarget(
            name: "KasaneServerTests",
            dependencies: [
                "KasaneCore", "KasaneStore", "KasaneServer", "KasaneApp", "KasaneYAML",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "KasaneConsoleTests",
            dependencies: [
                "KasaneCore", "KasaneStore", "KasaneConsole", "KasaneApp", "KasaneYAML", "KasaneTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strict),
        .testTarget(
            name: "KasaneDocumentsTests", dependencies: ["KasaneCore", "KasaneDocuments"], exclude: ["Expected"],
            swiftSettings: strict),
        .testTarget(name: "KasaneCLITests", dependencies: ["KasaneCore", "KasaneTestSupport"], exclude: ["Fixtures"],
                    swiftSettings: strict),
        // What more than one test target uses: the local SMTP sink (`scripts/smtp_sink.py`).
        .target(name: "KasaneTestSupport", path: "Tests/KasaneTestSupport", swiftSettings: strict),
    ]
)
