import Foundation
import Postgres
import Testing

extension DatabaseTests {
    @Suite("libpq wrapper: statements, values, errors")
    struct ConnectionTests {
        @Test("interpolated values travel as parameters, never as SQL text")
        func parametersAreBound() throws {
            let database = try TestDatabase(migrated: false)
            let connection = try database.connect()
            let hostile = "O'Brien'); DROP TABLE pg_class; --"
            let query: SQLQuery = "SELECT \(hostile) AS name, \(42) AS answer, \(true) AS flag"
            #expect(query.sql == "SELECT $1 AS name, $2 AS answer, $3 AS flag")
            let row = try #require(try connection.query(query).first)
            #expect(try row.decode("name", as: String.self) == hostile)
            #expect(try row.decode("answer", as: String.self) == "42")
            #expect(try row.decode("flag", as: String.self) == "t")
        }

        @Test("NULL comes back as nil, in both directions")
        func nullHandling() throws {
            let database = try TestDatabase(migrated: false)
            let connection = try database.connect()
            let missing: String? = nil
            let row = try #require(try connection.query("SELECT \(missing)::text AS empty, ''::text AS blank").first)
            #expect(try row["empty"] == nil)
            #expect(try row.decodeIfPresent("empty", as: String.self) == nil)
            #expect(try row["blank"] == "")
            #expect(throws: PostgresError.self) { try row.decode("empty", as: String.self) }
        }

        @Test("typed reading of integers, numerics, booleans and doubles")
        func typedDecoding() throws {
            let database = try TestDatabase(migrated: false)
            let connection = try database.connect()
            let row = try #require(try connection.query(
                "SELECT 9007199254740993::bigint AS big, 2.5::float8 AS ratio, false AS no, 'x1' AS word").first)
            #expect(try row.decode("big", as: Int64.self) == 9_007_199_254_740_993)
            #expect(try row.decode("ratio", as: Double.self) == 2.5)
            #expect(try row.decode("no", as: Bool.self) == false)
            let error = #expect(throws: PostgresError.self) { try row.decode("word", as: Int.self) }
            #expect(error?.kind == .decoding)
            #expect(error?.message == "column \"word\" holds \"x1\", which is not a Int")
            #expect(throws: PostgresError.self) { try row.decode("nosuchcolumn", as: Int.self) }
        }

        @Test("Unicode text and text arrays round-trip exactly")
        func unicodeAndArrays() throws {
            let database = try TestDatabase(migrated: false)
            let connection = try database.connect()
            let names = ["Zoë", "Łukasz \"Luke\"", "back\\slash", "日本語 🙂", "=SUM(A1)"]
            let result = try connection.query("SELECT unnest(\(names)::text[]) AS name")
            #expect(try result.map { try $0.decode("name", as: String.self) } == names)
            let matched = try connection.scalar("SELECT count(*) FROM unnest(\(names)::text[]) n WHERE n = ANY(\(["Zoë", "日本語 🙂"])::text[])")
            #expect(matched == "2")
        }

        @Test("an error carries SQLSTATE, message, detail, table and constraint")
        func serverErrorFields() throws {
            let database = try TestDatabase(migrated: false)
            let connection = try database.connect()
            try connection.query("CREATE TABLE item (code text CONSTRAINT item_code_key UNIQUE)")
            try connection.query("INSERT INTO item VALUES ('A')")
            let error = expectPostgresError(.uniqueViolation, constraint: "item_code_key") {
                try connection.query("INSERT INTO item VALUES (\("A"))")
            }
            #expect(error?.kind == .server)
            #expect(error?.message == "duplicate key value violates unique constraint \"item_code_key\"")
            #expect(error?.detail == "Key (code)=(A) already exists.")
            #expect(error?.table == "item")
            #expect(error?.severity == "ERROR")
            let syntax = expectPostgresError(.syntaxError) { try connection.query("SELEC 1") }
            #expect(syntax?.message == "syntax error at or near \"SELEC\"")
        }

        @Test("hints and context from PL/pgSQL are kept")
        func hintAndContext() throws {
            let database = try TestDatabase(migrated: false)
            let connection = try database.connect()
            let error = expectPostgresError(.checkViolation) {
                try connection.query("""
                    DO $$ BEGIN RAISE EXCEPTION 'no such thing' USING ERRCODE = 'check_violation',
                    DETAIL = 'the detail', HINT = 'the hint'; END $$
                    """)
            }
            #expect(error?.message == "no such thing")
            #expect(error?.detail == "the detail")
            #expect(error?.hint == "the hint")
            #expect(error?.context?.contains("PL/pgSQL function inline_code_block") == true)
        }

        @Test("server notices reach the handler")
        func notices() throws {
            let database = try TestDatabase(migrated: false)
            let connection = try database.connect()
            nonisolated(unsafe) var received: [Notice] = []
            connection.noticeHandler = { received.append($0) }
            try connection.query("DO $$ BEGIN RAISE WARNING 'careful: %', 'value'; RAISE NOTICE 'fyi'; END $$")
            #expect(received.map(\.message) == ["careful: value", "fyi"])
            #expect(received.map(\.severity) == ["WARNING", "NOTICE"])
        }

        @Test("a transaction commits when its body returns and rolls back when it throws")
        func transactions() throws {
            let database = try TestDatabase(migrated: false)
            let connection = try database.connect()
            try connection.query("CREATE TABLE note (body text)")
            struct Stop: Error {}
            #expect(throws: Stop.self) {
                try connection.transaction {
                    try connection.query("INSERT INTO note VALUES ('lost')")
                    throw Stop()
                }
            }
            #expect(try connection.count("note") == 0)
            #expect(connection.transactionStatus == .idle)
            try connection.transaction { try connection.query("INSERT INTO note VALUES ('kept')") }
            #expect(try connection.count("note") == 1)
            // A failed statement whose error was swallowed must not look committed.
            #expect(throws: PostgresError.self) {
                try connection.transaction {
                    try connection.query("INSERT INTO note VALUES ('also lost')")
                    _ = try? connection.query("SELECT 1/0")
                }
            }
            #expect(try connection.count("note") == 1)
        }

        @Test("closing twice is harmless and a closed connection refuses work")
        func closeTwice() throws {
            let database = try TestDatabase(migrated: false)
            let connection = try database.connect()
            connection.close()
            connection.close()
            let error = #expect(throws: PostgresError.self) { try connection.query("SELECT 1") }
            #expect(error?.kind == .misuse)
        }
    }

    @Suite("libpq wrapper: connections")
    struct ConnectionFailureTests {
        @Test("an unreachable server is a connection failure that names the socket")
        func unreachable() throws {
            let error = #expect(throws: PostgresError.self) {
                try Connection(connectionString: "host=/nonexistent-carelog dbname=x connect_timeout=2")
            }
            #expect(error?.kind == .connectionFailed)
            #expect(error?.message.contains("/nonexistent-carelog/.s.PGSQL.5432") == true)
        }

        @Test("a malformed connection string is refused before any network access")
        func malformedConnectionString() throws {
            let error = #expect(throws: PostgresError.self) {
                try Connection(connectionString: "host='unterminated dbname=x")
            }
            #expect(error?.kind == .connectionFailed)
            #expect(error?.message.contains("unterminated quoted string") == true)
            let uri = #expect(throws: PostgresError.self) {
                try Connection(connectionString: "postgresql://host:notaport/db")
            }
            #expect(uri?.message.contains("invalid") == true)
        }

        @Test("a backend terminated by another session is reported as a lost connection")
        func terminatedBackend() throws {
            let database = try TestDatabase(migrated: false)
            let victim = try database.connect()
            let killer = try database.connect()
            try killer.query("SELECT pg_terminate_backend(\(Int(victim.backendPID)))")
            let error = #expect(throws: PostgresError.self) { try victim.query("SELECT 1") }
            #expect(error?.kind == .connectionLost)
            #expect(victim.isOpen == false)
        }
    }
}
