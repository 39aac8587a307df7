import Foundation
import Postgres
import Testing

/// A password written into a connection string never reaches standard output or
/// standard error, whatever libpq makes of the string: malformed URIs, bad
/// percent-encoding, a space or a quote in a key=value password, an unknown option,
/// a server that is not there. Each form runs through the built binary, from
/// `--database` and from `CARELOG_DATABASE`; no form reaches the network (the hosts
/// are socket folders that do not exist, or the string is refused before connecting).
@Suite("no password in any output")
struct PasswordLeakTests {
    struct Form: CustomTestStringConvertible, Sendable {
        var label: String
        var connectionString: String
        /// Every piece of the password that must not appear.
        var secrets: [String]
        var testDescription: String { label }
    }

    static let missing = "/nonexistent-carelog-socket"

    static let forms: [Form] = [
        Form(label: "URI, IPv6 host never closed", connectionString: "postgresql://carelog:S3cr3tPw9x@[::1",
             secrets: ["S3cr3tPw9x"]),
        Form(label: "URI, invalid percent-encoding", connectionString: "postgresql://carelog:S3cr3t%zzPw9x@localhost/carelog",
             secrets: ["S3cr3t", "Pw9x"]),
        Form(label: "URI, percent-encoded NUL", connectionString: "postgresql://carelog:S3cr3t%00Pw9x@localhost/carelog",
             secrets: ["S3cr3t", "Pw9x"]),
        Form(label: "URI, unknown query parameter", connectionString: "postgresql://carelog:S3cr3tPw9x@localhost/carelog?bogus=1",
             secrets: ["S3cr3tPw9x"]),
        Form(label: "URI, password in the query, badly encoded",
             connectionString: "postgresql://carelog@localhost/carelog?password=S3cr3t%zzPw9x",
             secrets: ["S3cr3t", "Pw9x"]),
        Form(label: "URI, unescaped @ in the password, bad port",
             connectionString: "postgresql://carelog:S3cr3t@Pw9x@:99999/carelog?host=\(missing)",
             secrets: ["S3cr3t", "Pw9x"]),
        Form(label: "URI, percent-encoded password, server not there",
             connectionString: "postgresql://carelog:S3cr3t%40Pw9x@/carelog?host=\(missing)",
             secrets: ["S3cr3t", "Pw9x", "%40"]),
        Form(label: "key=value, a word without =",
             connectionString: "host=\(missing) user=carelog password=S3cr3tPw9x dbname=carelog extra",
             secrets: ["S3cr3tPw9x"]),
        Form(label: "key=value, a space in an unquoted password",
             connectionString: "host=\(missing) password=S3cr3t Pw9xQ dbname=carelog",
             secrets: ["S3cr3t", "Pw9xQ"]),
        Form(label: "key=value, a quote never closed",
             connectionString: "host=\(missing) password='S3cr3t Pw9x dbname=carelog",
             secrets: ["S3cr3t", "Pw9x"]),
        Form(label: "key=value, unknown option after the password",
             connectionString: "host=\(missing) password=S3cr3tPw9x bogus=1",
             secrets: ["S3cr3tPw9x"]),
        Form(label: "key=value, valid, server not there",
             connectionString: "host=\(missing) user=carelog password='S3cr3t Pw9x' dbname=carelog",
             secrets: ["S3cr3t", "Pw9x"]),
    ]

    @Test("--database: exit 1, says it could not connect, shows no password", arguments: forms)
    func option(form: Form) throws {
        let result = try CarelogBinary.run(["db", "status", "--database", form.connectionString])
        try check(result, form)
    }

    @Test("CARELOG_DATABASE: exit 1, shows no password", arguments: forms)
    func environment(form: Form) throws {
        let result = try CarelogBinary.run(["report", "plan-status", "--month", "2026-10"],
                                           environment: ["CARELOG_DATABASE": form.connectionString])
        try check(result, form)
    }

    @Test("a parse error keeps its shape and loses its quoted content")
    func parseErrorShape() throws {
        let result = try CarelogBinary.run(["db", "status", "--database", "postgresql://carelog:S3cr3t%zzPw9x@localhost/carelog"])
        #expect(result.errorLines.first == "carelog: error: could not connect to the database (from --database): "
            + "invalid percent-encoded token: \"…\"", "\(result)")
        let spaced = try CarelogBinary.run(["db", "status", "--database", "host=\(Self.missing) password=S3cr3t Pw9xQ"])
        #expect(spaced.errorLines.first == "carelog: error: could not connect to the database (from --database): "
            + "missing \"=\" after \"…\" in connection info string", "\(spaced)")
    }

    @Test("the redaction in the library: the parsed, written and decoded password and its pieces")
    func redaction() {
        let secrets = ConnectionSecrets(connectionString: "postgresql://u:abc%40cdef@host/db")
        #expect(secrets.redact("user u, password abc@cdef, or abc%40cdef, host cdef@host")
            == "user u, password ***, or ***, host ***@host")
        let keyValue = ConnectionSecrets(connectionString: #"host=h password='it\'s long' dbname=d"#)
        #expect(keyValue.redact("x it's long y") == "x *** y")
        #expect(ConnectionSecrets(connectionString: "").redact("nothing to hide") == "nothing to hide")
    }

    private func check(_ result: CarelogBinary.Result, _ form: Form, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(result.status == 1, "\(result)", sourceLocation: sourceLocation)
        #expect(result.error.hasPrefix("carelog: error: could not connect to the database"), "\(result)", sourceLocation: sourceLocation)
        for secret in form.secrets {
            #expect(!result.error.contains(secret), "stderr shows \(secret): \(result.error)", sourceLocation: sourceLocation)
            #expect(!result.output.contains(secret), "stdout shows \(secret): \(result.output)", sourceLocation: sourceLocation)
        }
    }
}
