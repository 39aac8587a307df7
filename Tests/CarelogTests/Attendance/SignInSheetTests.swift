import Carelog
import Crypto
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    /// `carelog attendance sheet` on the import fixture (ImportFixture): W-PROC (closed,
    /// 00912 Fay Moss enrolled) meets 2026-10-05 18:00–19:30 with Ben Okafor (T002);
    /// AA-AM (open, capacity 40) meets 07:30 with Ana Reyes (T001), and is cancelled on
    /// 2026-10-06. Expected values are read off those rows.
    @Suite("attendance sheet: the printable sign-in sheet")
    struct SignInSheetTests {
        private func sheet(
            _ target: DatabaseTarget, _ selection: SignInSheetOperation.Selection, program: String? = nil,
            naming: SignInSheetOperation.Naming = .identified
        ) throws -> String {
            let (console, recording) = Console.recording()
            try SignInSheetOperation.write(target: target, selection: selection, program: program, naming: naming, output: nil, console: console)
            return recording.output
        }

        /// The texts of the cells of one class, in document order.
        private func cells(_ html: String, _ cellClass: String) -> [String] {
            html.components(separatedBy: "<td class=\"\(cellClass)\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        }

        private func count(_ html: String, _ piece: String) -> Int {
            html.components(separatedBy: piece).count - 1
        }

        @Test("a closed group's sheet: heading, the enrolled patient by name and MRN, four blank lines, escaped")
        func closedGroup() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let html = try sheet(database.target, .session(group: "W-PROC", at: "2026-10-05 18:00"), program: "Hope & Recovery <Program>")
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>Sign-in sheet — W-PROC 2026-10-05 18:00</title>"))
            #expect(html.contains("<p class=\"program\">Hope &amp; Recovery &lt;Program&gt;</p>"))
            #expect(html.contains("<h1>Sign-in sheet: Women&#39;s process (W-PROC)</h1>") || html.contains("<h1>Sign-in sheet: Women's process (W-PROC)</h1>"))
            #expect(html.contains("<tr><th scope=\"row\">Site</th><td>New York House (NYC)</td></tr>"))
            #expect(html.contains("<tr><th scope=\"row\">Date</th><td>Monday 2026-10-05</td></tr>"))
            #expect(html.contains("<tr><th scope=\"row\">Time</th><td>18:00–19:30</td></tr>"))
            #expect(html.contains("<tr><th scope=\"row\">Facilitator</th><td>Okafor, Ben (T002)</td></tr>"))
            #expect(html.contains("closed: 1 enrolled expected; walk-ins on the blank lines"))
            #expect(cells(html, "name") == ["Moss, Fay"])
            #expect(cells(html, "identifier") == ["00912"])
            #expect(count(html, "<tr class=\"blank\">") == 4)
            #expect(cells(html, "number") == ["1", "2", "3", "4", "5"])
            #expect(count(html, "<section class=\"sheet\"") == 1)
            #expect(html.contains("<th scope=\"col\">Time in</th><th scope=\"col\">Time out</th><th scope=\"col\">Signature</th>"))
            #expect(html.contains("42 CFR Part 2"))
        }

        @Test("a name that is markup is text on the sheet")
        func hostileName() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try importCSV("patients", "mrn,first_name,last_name,date_of_birth,gender,site_code\n"
                + "00920,\"<b>Ann</b> & \"\"Co\"\"\",<script>x</script>,1990-01-01,female,NYC\n", into: database)
            try importCSV("episodes", "mrn,admitted_on,level_of_care,discharged_on,discharge_reason\n00920,2026-09-01,3.5,,\n", into: database)
            try importCSV("enrollments", "group_code,mrn,starts_on,ends_on\nW-PROC,00920,2026-09-05,\n", into: database)
            let html = try sheet(database.target, .session(group: "W-PROC", at: "2026-10-05 18:00"))
            // By last name, and "<" sorts before "M".
            #expect(cells(html, "name") == ["&lt;script&gt;x&lt;/script&gt;, &lt;b&gt;Ann&lt;/b&gt; &amp; \"Co\"", "Moss, Fay"])
            #expect(!html.contains("<script>") && !html.contains("<b>"))
        }

        @Test("an open group's sheet prints no names: twenty blank lines to sign in on")
        func openGroup() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let html = try sheet(database.target, .session(group: "AA-AM", at: "2026-10-05 07:30"))
            #expect(cells(html, "name").isEmpty)
            #expect(count(html, "<tr class=\"blank\">") == 20)
            #expect(html.contains("open: everyone signs in on a line"))
            #expect(html.contains("<td>Okafor, Ben (T002)</td>") == false)
            #expect(html.contains("<tr><th scope=\"row\">Facilitator</th><td>Reyes, Ana (T001)</td></tr>"))
        }

        @Test("--pseudonymize prints initials and the keyed pseudonym, and the group and facilitator by code")
        func pseudonymized() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let key = Data("sheet-test-key-0123456789abcdef".utf8)
            let html = try sheet(database.target, .session(group: "W-PROC", at: "2026-10-05 18:00"),
                                 naming: .pseudonymized(try Pseudonymizer(key: key)))
            func code(_ prefix: String, _ message: String) -> String {
                prefix + HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: key))
                    .prefix(8).map { String(format: "%02x", $0) }.joined()
            }
            #expect(cells(html, "name") == ["F. M."])
            #expect(cells(html, "identifier") == [code("P-", "00912")])
            #expect(html.contains("<h1>Sign-in sheet: \(code("GR-", "group:W-PROC"))</h1>"))
            #expect(html.contains("<td>\(code("ST-", "staff:T002"))</td>"))
            #expect(!html.contains("Moss") && !html.contains("00912") && !html.contains("Okafor") && !html.contains("Women"))
            #expect(html.contains("<th scope=\"col\">Initials</th><th scope=\"col\">Pseudonym</th>"))
        }

        @Test("--date with --site: every held session of the day, one page each, in time order")
        func wholeDay() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let html = try sheet(database.target, .day(group: nil, site: "NYC", date: "2026-10-05"))
            #expect(count(html, "<section class=\"sheet\"") == 2)
            #expect(html.components(separatedBy: "aria-label=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
                == ["AA-AM · 2026-10-05 07:30", "W-PROC · 2026-10-05 18:00"])
            #expect(html.contains("<title>Sign-in sheets — 2 sessions of 2026-10-05</title>"))
            #expect(html.contains(".sheet + .sheet { break-before: page; page-break-before: always; }"))
        }

        @Test("refusals: an unknown group, a time without a session (the day's listed), a cancelled session, a day without one")
        func refusals() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let unknown = #expect(throws: CarelogError.self) {
                try sheet(database.target, .session(group: "W-PRO", at: "2026-10-05 18:00"))
            }
            #expect(unknown?.message == "there is no group \"W-PRO\"")
            #expect(unknown?.exitCode == 2)
            let wrongTime = #expect(throws: CarelogError.self) {
                try sheet(database.target, .session(group: "W-PROC", at: "2026-10-05 17:00"))
            }
            #expect(wrongTime?.message == "W-PROC has no session at 2026-10-05 17:00")
            #expect(wrongTime?.suggestion == "W-PROC has one session on 2026-10-05: 18:00. Give the time of one of them with --at.")
            #expect(wrongTime?.exitCode == 3)
            let cancelled = #expect(throws: CarelogError.self) {
                try sheet(database.target, .session(group: "AA-AM", at: "2026-10-06 07:30"))
            }
            #expect(cancelled?.message == "the session of AA-AM at 2026-10-06 07:30 is cancelled: it has no sign-in sheet")
            let emptyDay = #expect(throws: CarelogError.self) {
                try sheet(database.target, .day(group: nil, site: "NYC", date: "2026-10-06"))
            }
            #expect(emptyDay?.message == "site NYC has no session to sign in to on 2026-10-06 (1 cancelled)")
            #expect(emptyDay?.exitCode == 3)
            let unknownSite = #expect(throws: CarelogError.self) {
                try sheet(database.target, .day(group: nil, site: "SFO", date: "2026-10-05"))
            }
            #expect(unknownSite?.message == "there is no site \"SFO\"")
        }

        @Test("read with the login's rights: a therapist of another site finds no session and no name")
        func rowLevelSecurity() throws {
            let fixture = try AccessFixture()
            let own = try sheet(fixture.target(as: fixture.therapist), .session(group: "W-PROC", at: "2026-10-05 18:00"))
            #expect(cells(own, "name") == ["Moss, Fay"])
            let other = #expect(throws: CarelogError.self) {
                try sheet(fixture.target(as: fixture.otherTherapist), .session(group: "W-PROC", at: "2026-10-05 18:00"))
            }
            #expect(other?.message == "W-PROC has no session at 2026-10-05 18:00")
            #expect(other?.suggestion == "W-PROC has no session on 2026-10-05. Give the time of one of them with --at.")
        }

        @Test("the binary: --out written whole, 0600, recorded in the run log; a symlink and --deidentify refused")
        func binary() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = ScratchFolder.url("sheet")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let out = folder.appendingPathComponent("sheet.html").path
            let written = try CarelogBinary.run(
                ["attendance", "sheet", "--group", "W-PROC", "--at", "2026-10-05 18:00", "--out", out] + database.databaseArguments,
                umask: "000")
            #expect(written.status == 0, "\(written)")
            #expect(written.output == "")
            #expect(written.errorLines.contains("carelog: wrote the sign-in sheet of 1 session (W-PROC 18:00) to \(out)"), "\(written)")
            let attributes = try FileManager.default.attributesOfItem(atPath: out)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect(try String(contentsOfFile: out, encoding: .utf8).contains("<td class=\"name\">Moss, Fay</td>"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["sheet.html"])
            let connection = try database.connect()
            defer { connection.close() }
            let logged: String? = try connection.scalar(SQLQuery(unsafeSQL: """
                SELECT command || ' ' || (parameters->>'group') || ' ' || (row_counts->>'sessions') || ' ' || (row_counts->>'patients')
                  FROM carelog.run_log ORDER BY id DESC LIMIT 1
                """))
            #expect(logged == "attendance sheet W-PROC 1 1")

            let link = folder.appendingPathComponent("link.html").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: out)
            let refused = try CarelogBinary.run(
                ["attendance", "sheet", "--group", "W-PROC", "--at", "2026-10-05 18:00", "--out", link] + database.databaseArguments)
            #expect(refused.status == 2, "\(refused)")
            #expect(refused.error.contains("is a symbolic link; carelog does not write through or over one"))

            let deidentified = try CarelogBinary.run(
                ["attendance", "sheet", "--group", "W-PROC", "--at", "2026-10-05 18:00", "--deidentify"] + database.databaseArguments)
            #expect(deidentified.status == 2, "\(deidentified)")
            #expect(deidentified.error.contains("A sign-in sheet is not printed de-identified"))
            let both = try CarelogBinary.run(["attendance", "sheet", "--group", "W-PROC", "--at", "18:00", "--date", "2026-10-05"])
            #expect(both.status == 2)
            #expect(both.error.contains("Give --at (one session) or --date (every session of the day), not both."))
        }
    }
}
