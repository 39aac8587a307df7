import Foundation
import Postgres
import Testing

extension DatabaseTests {
    @Suite("libpq wrapper: COPY in and out")
    struct CopyTests {
        @Test("100,000 rows go in and come out intact, in chunks")
        func roundTrip() throws {
            let database = try TestDatabase(migrated: false)
            let connection = try database.connect()
            try connection.query("CREATE TABLE line (n integer, label text)")
            let rowCount = 100_000
            let stored = try connection.copyIn("COPY line FROM STDIN (FORMAT csv)") { writer in
                var chunk = ""
                for n in 1...rowCount {
                    chunk += "\(n),\"label, \(n) \"\"quoted\"\" ü\"\n"
                    if chunk.utf8.count > 60_000 {
                        try writer.write(chunk)
                        chunk = ""
                    }
                }
                try writer.write(chunk)
            }
            #expect(stored == rowCount)
            #expect(try connection.scalar("SELECT sum(n) FROM line") == "\(rowCount * (rowCount + 1) / 2)")
            #expect(try connection.scalar("SELECT label FROM line WHERE n = 7") == "label, 7 \"quoted\" ü")

            var chunks = 0
            var bytes = Data()
            let copied = try connection.copyOut("COPY (SELECT n, label FROM line ORDER BY n) TO STDOUT (FORMAT csv)") { chunk in
                chunks += 1
                bytes.append(contentsOf: chunk)
            }
            #expect(copied == rowCount)
            #expect(chunks == rowCount)
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.hasPrefix("1,\"label, 1 \"\"quoted\"\" ü\"\n2,"))
            #expect(text.split(separator: "\n").count == rowCount)
        }

        @Test("a producer that throws aborts the COPY: nothing is stored, the connection stays usable")
        func producerFailure() throws {
            let database = try TestDatabase(migrated: false)
            let connection = try database.connect()
            try connection.query("CREATE TABLE line (n integer)")
            struct Broken: Error {}
            #expect(throws: Broken.self) {
                try connection.copyIn("COPY line FROM STDIN") { writer in
                    try writer.write("1\n2\n")
                    throw Broken()
                }
            }
            #expect(try connection.count("line") == 0)
        }

        @Test("bad data in a COPY comes back as the server's error with its context")
        func badData() throws {
            let database = try TestDatabase(migrated: false)
            let connection = try database.connect()
            try connection.query("CREATE TABLE line (n integer)")
            let error = expectPostgresError(.invalidTextRepresentation) {
                try connection.copyIn("COPY line FROM STDIN") { writer in try writer.write("1\nseven\n") }
            }
            #expect(error?.context?.contains("line 2") == true)
            #expect(try connection.count("line") == 0)
        }

        @Test("a consumer that throws stops the COPY out and leaves the connection usable")
        func consumerFailure() throws {
            let database = try TestDatabase(migrated: false)
            let connection = try database.connect()
            struct Full: Error {}
            var seen = 0
            #expect(throws: Full.self) {
                try connection.copyOut("COPY (SELECT g FROM generate_series(1, 200000) g) TO STDOUT") { _ in
                    seen += 1
                    if seen == 10 { throw Full() }
                }
            }
            #expect(seen == 10)
            #expect(try connection.scalar("SELECT 'still here'") == "still here")
        }
    }
}
