import Foundation
import Postgres
import Testing

@testable import Carelog

/// `carelog group modalities` and `carelog group mutual-help` (docs/teds.md): which
/// modalities count as self-help meetings, changed by a director of the whole
/// program only, audited, and counted at once by the computed self-help item.
///
/// On the import fixture 00913 was discharged 2026-10-20 after AA-AM (twelve_step) on
/// 2026-10-05 (late) and M-RP (relapse_prevention) on 2026-10-07 (left early): one
/// mutual-help meeting in its 30 days, two once relapse prevention is marked (the
/// fixture has no SMART Recovery group; any modality but twelve_step can be marked).
extension DatabaseTests {
    @Suite("outcome measures: mutual-help modalities")
    struct MutualHelpTests {
        static let meetingsOf00913: SQLQuery = """
            SELECT carelog.self_help_meetings(p.id, '2026-10-20') FROM carelog.patient p WHERE p.mrn = '00913'
            """

        @Test("the list: twelve_step first, then the rest by name, with the fixture's groups of each")
        func list() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let result = try CarelogBinary.run(["group", "modalities"] + database.databaseArguments)
            #expect(result.status == 0, "\(result)")
            #expect(result.outputLines == [
                "modality            mutual help  groups",
                "twelve_step         yes          1",
                "activity            no           0",
                "education           no           0",
                "family              no           0",
                "individual          no           0",
                "process             no           1",
                "relapse_prevention  no           1",
                "smart_recovery      no           0",
                "",
            ])
        }

        @Test("a director marks a modality: audited with --by, counted at once; a second time changes nothing")
        func directorMarks() throws {
            let fixture = try AccessFixture()
            let owner = try fixture.database.connect()
            defer { owner.close() }
            #expect(try owner.scalar(Self.meetingsOf00913) == "1")
            let (console, recording) = Console.recording()
            let changed = try MutualHelpModalities.mark(
                target: fixture.target(as: fixture.director), code: "relapse_prevention", mutualHelp: true, by: "D001", console: console)
            #expect(changed)
            #expect(recording.output == "relapse_prevention is now mutual help: its 1 group's meetings count for the TEDS self-help item\n")
            #expect(try owner.scalar(Self.meetingsOf00913) == "2")
            #expect(try owner.scalar("""
                SELECT acting_staff || ' ' || operation || ' ' || row_count FROM carelog.audit_batch
                 WHERE table_name = 'modality' ORDER BY id DESC LIMIT 1
                """) == "D001 UPDATE 1")

            let (again, repeated) = Console.recording()
            #expect(try !MutualHelpModalities.mark(
                target: fixture.target(as: fixture.director), code: "relapse_prevention", mutualHelp: true, by: "D001", console: again))
            #expect(repeated.output == "relapse_prevention is mutual help already; nothing was changed\n")

            try MutualHelpModalities.mark(
                target: fixture.target(as: fixture.director), code: "RELAPSE_PREVENTION", mutualHelp: false, by: "D001", console: again)
            #expect(try owner.scalar(Self.meetingsOf00913) == "1")
        }

        @Test("a site's director, a therapist and an auditor change nothing (exit 1); twelve_step stays mutual help for every writer")
        func refused() throws {
            let fixture = try AccessFixture()
            let owner = try fixture.database.connect()
            defer { owner.close() }
            let (console, _) = Console.recording()
            for (login, staff) in [(fixture.siteDirector, "D002"), (fixture.therapist, "T001"), (fixture.auditor, "A001")] {
                do {
                    try MutualHelpModalities.mark(
                        target: fixture.target(as: login), code: "smart_recovery", mutualHelp: true, by: staff, console: console)
                    Issue.record("\(staff) marked smart_recovery")
                } catch let error as CarelogError {
                    #expect(error.category == .failure || error.category == .validation, "\(staff): \(error)")
                    #expect(error.category == .validation || error.message.hasPrefix("not allowed for this login: only a director of the whole program"))
                }
            }
            #expect(try owner.scalar("SELECT mutual_help::text FROM carelog.modality WHERE code = 'smart_recovery'") == "false")
            #expect(try owner.scalar("SELECT count(*) FROM carelog.audit_batch WHERE table_name = 'modality'") == "0")

            // psql, as the superuser: the database itself keeps twelve_step.
            _ = expectPostgresError(.checkViolation, constraint: "modality_twelve_step_mutual_help") {
                try owner.query("UPDATE carelog.modality SET mutual_help = false WHERE code = 'twelve_step'")
            }

            let unknown = try CarelogBinary.run(["group", "mutual-help", "smart", "yes", "--by", "D001"] + fixture.database.databaseArguments)
            #expect(unknown.status == 2)
            #expect(unknown.errorLines.contains("carelog: error: no modality smart"))
            let twelveStep = try CarelogBinary.run(["group", "mutual-help", "twelve_step", "no", "--by", "D001"] + fixture.database.databaseArguments)
            #expect(twelveStep.status == 3)
            #expect(twelveStep.errorLines.contains("carelog: error: twelve_step meetings are always mutual help (modality_twelve_step_mutual_help)"))
            let badAnswer = try CarelogBinary.run(["group", "mutual-help", "process", "maybe"] + fixture.database.databaseArguments)
            #expect(badAnswer.status == 2)
        }
    }
}
