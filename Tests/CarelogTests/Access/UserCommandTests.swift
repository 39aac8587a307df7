import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    @Suite("access control: user add, list, disable")
    struct UserCommandTests {
        private func add(_ fixture: AccessFixture, as admin: String? = nil, _ login: String, staff: String, role: String,
                         site: String? = nil, password: String? = nil) throws -> String {
            let (console, recording) = Console.recording()
            try UserOperation.add(
                target: admin.map { fixture.target(as: $0) } ?? fixture.database.target, login: login, staffID: staff, role: role,
                site: site, password: password, console: console)
            return recording.output
        }

        @Test("a password is stored as a SCRAM verifier and never printed")
        func password() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let login = "ben_" + database.name
            let (console, recording) = Console.recording()
            try UserOperation.add(target: database.target, login: login, staffID: "T002", role: "therapist", site: nil,
                                  password: "s3cret'; DROP ROLE x; --", console: console)
            #expect(recording.output == "Added login \(login) for staff member T002 as therapist.\n")
            #expect(!(recording.output + recording.diagnostics).contains("s3cret"))
            let verifier = try #require(try database.connect().scalar("SELECT rolpassword FROM pg_authid WHERE rolname = \(login)"))
            #expect(verifier.hasPrefix("SCRAM-SHA-256$"))
            #expect(!verifier.contains("s3cret"))
        }

        @Test("who may add whom; bad arguments are refused and change nothing")
        func addRules() throws {
            let fixture = try AccessFixture()
            let suffix = "_" + fixture.database.name
            // A therapist and an auditor may not manage logins.
            for caller in [fixture.therapist, fixture.auditor] {
                let error = #expect(throws: CarelogError.self) { try add(fixture, as: caller, "x1" + suffix, staff: "T002", role: "therapist") }
                #expect(error?.exitCode == 1)
                #expect(error?.message == "login \(caller) may not manage logins: only a director or the database's administrator may")
            }
            // A director limited to LAX adds therapists of LAX only.
            let siteLimited = #expect(throws: CarelogError.self) { try add(fixture, as: fixture.siteDirector, "x2" + suffix, staff: "T002", role: "therapist") }
            #expect(siteLimited?.message == "login \(fixture.siteDirector) is a director limited to one site: it may add therapists of that site only")
            // An unlimited director adds anyone; one login per person.
            #expect(try add(fixture, as: fixture.director, "ben" + suffix, staff: "T002", role: "therapist")
                == "Added login ben\(suffix) for staff member T002 as therapist (no password set).\n")
            let twice = #expect(throws: CarelogError.self) { try add(fixture, "ben2" + suffix, staff: "T002", role: "therapist") }
            #expect(twice?.exitCode == 3)
            #expect(twice?.message == "staff member T002 already has the login ben\(suffix) (one login per person)")
            let unknown = #expect(throws: CarelogError.self) { try add(fixture, "x3" + suffix, staff: "Z9", role: "auditor") }
            #expect(unknown?.message == "there is no staff ID \"Z9\"")
            let badName = #expect(throws: CarelogError.self) { try add(fixture, "Robert'); DROP TABLE x; --", staff: "T002", role: "auditor") }
            #expect(badName?.exitCode == 3)
            let siteForTherapist = #expect(throws: CarelogError.self) { try add(fixture, "x4" + suffix, staff: "T002", role: "therapist", site: "NYC") }
            #expect(siteForTherapist?.message == "--site limits a director to one site; therapists and auditors are not limited by site")
            let existingRole = #expect(throws: CarelogError.self) { try add(fixture, "postgres", staff: "T002", role: "auditor") }
            #expect(existingRole?.exitCode == 3)
            #expect(try fixture.database.connect().scalar("SELECT count(*) FROM carelog.app_user") == "6")
        }

        @Test("user list shows every login, who it is, its role and site")
        func list() throws {
            let fixture = try AccessFixture()
            let connection = try fixture.database.connect()
            let today = try #require(try connection.scalar("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD')"))
            let (console, recording) = Console.recording()
            try UserOperation.list(target: fixture.target(as: fixture.auditor), console: console)
            let lines = recording.output.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
            #expect(lines == [
                "login staff name role site state created",
                "\(fixture.auditor) A001 Ida Kerr auditor active \(today) by postgres",
                "\(fixture.director) D001 Dora Lind director active \(today) by postgres",
                "\(fixture.siteDirector) D002 Eve Park director LAX active \(today) by postgres",
                "\(fixture.therapist) T001 Ana Reyes therapist active \(today) by postgres",
                "\(fixture.otherTherapist) T003 Cy Dunn therapist active \(today) by postgres",
            ])
            expectPostgresError(.insufficientPrivilege) {
                try fixture.connect(as: fixture.therapist).query(StoredQuery.named("access/user_list"))
            }
        }

        @Test("disabling a login during its session: the next statement has no rights, no new session, history kept")
        func disableDuringSession() throws {
            let fixture = try AccessFixture()
            let session = try fixture.connect(as: fixture.otherTherapist)
            #expect(try session.count("carelog.attendance") == 4)
            try fixture.record(as: fixture.otherTherapist, group: "LAX-AA", at: "2026-10-05 09:00", by: "T003",
                               correcting: "was on time", [("present", ["00915"])])

            let (console, recording) = Console.recording()
            try UserOperation.disable(target: fixture.target(as: fixture.director), login: fixture.otherTherapist, console: console)
            #expect(recording.output == "Disabled login \(fixture.otherTherapist): it can no longer connect; its records and history stay.\n")

            // Its open session was ended (sql/016): the next statement finds no server.
            #expect(throws: PostgresError.self) { try session.query("SELECT count(*) FROM carelog.attendance") }
            #expect(throws: PostgresError.self) { try fixture.connect(as: fixture.otherTherapist) }
            let superuser = try fixture.database.connect()
            #expect(try superuser.scalar("SELECT active::text || ' ' || disabled_by FROM carelog.app_user WHERE login = \(fixture.otherTherapist)")
                == "false \(fixture.director)")
            #expect(try superuser.scalar("SELECT count(*) FROM carelog.audit_batch WHERE db_user = \(fixture.otherTherapist)") == "1")
            // The change to the login table is itself in the trail.
            #expect(try superuser.scalar("""
                SELECT db_user || ' ' || acting_staff || ' ' || operation FROM carelog.audit_batch WHERE table_name = 'app_user' ORDER BY id DESC LIMIT 1
                """) == "\(fixture.director) D001 UPDATE")
            // A director limited to LAX may not disable an NYC therapist; nobody disables itself.
            let error = #expect(throws: CarelogError.self) {
                try UserOperation.disable(target: fixture.target(as: fixture.siteDirector), login: fixture.therapist, console: console)
            }
            #expect(error?.exitCode == 1)
            let itself = #expect(throws: CarelogError.self) {
                try UserOperation.disable(target: fixture.target(as: fixture.director), login: fixture.director, console: console)
            }
            #expect(itself?.message == "a login cannot disable itself")
        }
    }
}
