import Foundation

/// The SQL of a hand-built fixture, kept in `Tests/CarelogTests/Fixtures/NAME.sql` so that
/// it reads (and is highlighted) as SQL rather than as a Swift string; read from the
/// source tree the tests were built from.
enum FixtureSQL {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func named(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name + ".sql"), encoding: .utf8)
    }
}
