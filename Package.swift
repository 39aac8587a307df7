// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "carelog",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "carelog", targets: ["CarelogCLI"]),
        .library(name: "Carelog", targets: ["Carelog"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // The C library, found through pkg-config because Debian keeps libpq-fe.h
        // outside the default include path.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // Our only door to libpq: every PQ* call lives here, nowhere else.
        .target(
            name: "Postgres",
            dependencies: ["CLibPQ"]
        ),
        // All of carelog's behaviour. Commands are a thin front end on top of it.
        .target(
            name: "Carelog",
            dependencies: [
                "Postgres",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            plugins: ["EmbedSQLPlugin"]
        ),
        // The command line: parsing and exit codes only. Its folder is not named
        // `carelog`, which would differ from `Carelog` by case alone and merge with it
        // on a case-insensitive disk (macOS's default).
        .executableTarget(
            name: "CarelogCLI",
            dependencies: [
                "Carelog",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Build-time generator: turns sql/*.sql and reports/*.sql into Swift string
        // literals, so the binary carries its migrations and reports.
        .executableTarget(name: "carelog-embed"),
        .plugin(
            name: "EmbedSQLPlugin",
            capability: .buildTool(),
            dependencies: ["carelog-embed"]
        ),
        .testTarget(
            name: "CarelogTests",
            dependencies: [
                "Carelog", "Postgres", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // Read from the source tree by FixtureSQL, not carried in the test bundle.
            exclude: ["Fixtures"]
        ),
    ]
)
