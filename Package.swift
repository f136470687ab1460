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
        .systemLibrary(name: "CLibical", pkgConfig: "libical", providers: [.apt(["libical-dev"])]),
        .target(
            name: "KasaneCalendar",
            dependencies: ["KasaneCore", "CLibical"],
            swiftSettings: strict),
        .target(
            name: "KasaneYAML",
            dependencies: ["KasaneCore", "Yams"],
            swiftSettings: strict),
        // The thin executable: parse, wire, run.
        .executableTarget(
            name: "kasane",
            dependencies: [
                "KasaneCore", "KasaneStore", "KasaneYAML", "KasaneCalendar",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .testTarget(name: "KasaneCoreTests", dependencies: ["KasaneCore"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(
            name: "KasaneStoreTests",
            dependencies: ["KasaneCore", "KasaneStore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .testTarget(name: "KasaneCalendarTests", dependencies: ["KasaneCore", "KasaneCalendar"], swiftSettings: strict),
        .testTarget(name: "KasaneYAMLTests", dependencies: ["KasaneCore", "KasaneYAML"], swiftSettings: strict),
        .testTarget(name: "KasaneCLITests", dependencies: ["KasaneCore"], swiftSettings: strict),
    ]
)
