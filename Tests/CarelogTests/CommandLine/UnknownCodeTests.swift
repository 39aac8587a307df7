import Foundation
import Testing

extension DatabaseTests {
    /// An unknown code given on the command line is a usage error (exit 2) in every
    /// command, not an empty result; `audit log` shows the newest changes first and
    /// says when its limit cut the list.
    @Suite("unknown codes and the audit log's limit, through the binary")
    struct UnknownCodeTests {
        static let sites = "site_code,name,timezone\nNYC,New York House,America/New_York\n"

        @Test("report NAME --site NOPE exits 2 naming the site; a known site without rows exits 0")
        func reportUnknownSite() throws {
            let database = try TestDatabase()
            try importCSV("sites", Self.sites, into: database)
            let refused = try CarelogBinary.run(
                ["report", "group-attendance", "--month", "2026-10", "--site", "NOPE"] + database.databaseArguments)
            #expect(refused.status == 2, "\(refused)")
            #expect(Array(refused.errorLines.dropFirst()) == [
                "carelog: error: there is no site \"NOPE\"",
                "Give a site code as in the sites import file, or leave out --site.",
                "",
            ])
            #expect(refused.output == "")

            let known = try CarelogBinary.run(
                ["report", "group-attendance", "--month", "2026-10", "--site", "NYC"] + database.databaseArguments)
            #expect(known.status == 0, "\(known)")
            #expect(known.outputLines.contains("No rows for this period."))
        }

        @Test("report monthly --site NOPE exits 2 and writes no folder")
        func monthlyUnknownSite() throws {
            let database = try TestDatabase()
            let folder = NSTemporaryDirectory() + "carelog-monthly-\(UUID().uuidString.prefix(8))"
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let result = try CarelogBinary.run(
                ["report", "monthly", "--month", "2026-10", "--site", "NOPE", "--out", folder] + database.databaseArguments)
            #expect(result.status == 2, "\(result)")
            #expect(result.errorLines.dropFirst().first == "carelog: error: there is no site \"NOPE\"")
            #expect(!FileManager.default.fileExists(atPath: folder))
        }

        @Test("audit log --table bogus exits 2 and lists the audited tables")
        func auditUnknownTable() throws {
            let database = try TestDatabase()
            try importCSV("sites", Self.sites, into: database)
            try importCSV("patients", "mrn,first_name,last_name,date_of_birth,gender,site_code\n00912,Fay,Moss,1990-04-01,female,NYC",
                          into: database)
            let result = try CarelogBinary.run(["audit", "log", "--mrn", "00912", "--table", "bogus"] + database.databaseArguments)
            #expect(result.status == 2, "\(result)")
            #expect(Array(result.errorLines.dropFirst()) == [
                "carelog: error: there is no audited table \"bogus\"",
                "The tables are: app_user, assessment, attendance, attendance_void, care_group, closed_period, consent, credential, disclosure, "
                    + "disclosure_patient, drug_screen, episode, group_cofacilitator, group_enrollment, group_session, modality, note_addendum, "
                    + "outcome_measure, participant_note, patient, plan_goal, plan_requirement, plan_review, roll_closure, run_log, service_code, session_note, site, staff, "
                    + "therapist_assignment, treatment_plan.",
                "",
            ])
        }

        @Test("import --by of no staff member exits 2 and writes nothing")
        func importUnknownStaff() throws {
            let database = try TestDatabase()
            let result = try CarelogBinary.run(["import", "sites", "-", "--by", "NOPE"] + database.databaseArguments, input: Self.sites)
            #expect(result.status == 2, "\(result)")
            #expect(Array(result.errorLines.dropFirst()) == [
                "carelog: error: --by names no staff member: there is no staff ID \"NOPE\"",
                "Give the staff ID of the person making the change (import staff first); nothing was written.",
                "",
            ])
            let connection = try database.connect()
            defer { connection.close() }
            #expect(try connection.count("carelog.site") == 0)
        }

        @Test("audit log --mrn of no patient exits 2")
        func auditUnknownPatient() throws {
            let database = try TestDatabase()
            let result = try CarelogBinary.run(["audit", "log", "--mrn", "99999"] + database.databaseArguments)
            #expect(result.status == 2, "\(result)")
            #expect(result.errorLines.dropFirst().first == "carelog: error: no patient with MRN \"99999\"")
        }

        @Test("audit log lists the newest changes first and says when it stopped at --limit")
        func auditNewestFirstWithLimit() throws {
            let database = try TestDatabase()
            try importCSV("sites", Self.sites, into: database)
            let header = "mrn,first_name,last_name,date_of_birth,gender,site_code\n"
            for name in ["Fay", "Faye", "Fae"] {
                try importCSV("patients", header + "00912,\(name),Moss,1990-04-01,female,NYC", into: database)
            }
            let limited = try CarelogBinary.run(["audit", "log", "--mrn", "00912", "--limit", "2"] + database.databaseArguments)
            #expect(limited.status == 0, "\(limited)")
            let lines = limited.outputLines
            #expect(lines.count == 5, "\(limited)")
            #expect(lines.first == "Audit history of MRN 00912:")
            #expect(lines.dropFirst().first?.hasSuffix("UPDATE  patient 00912  first_name: Faye -> Fae") == true, "\(limited)")
            #expect(lines.dropFirst(2).first?.hasSuffix("UPDATE  patient 00912  first_name: Fay -> Faye") == true, "\(limited)")
            #expect(lines.dropFirst(3).first == "Stopped at --limit 2: these are the newest 2 of 3 changes.")

            let all = try CarelogBinary.run(["audit", "log", "--mrn", "00912"] + database.databaseArguments)
            #expect(all.status == 0, "\(all)")
            #expect(all.outputLines.count == 5, "\(all)")
            #expect(all.outputLines.dropFirst(3).first?.hasSuffix("INSERT  patient 00912  created") == true, "\(all)")
            // --changes-only leaves the first write out.
            let changes = try CarelogBinary.run(["audit", "log", "--mrn", "00912", "--changes-only"] + database.databaseArguments)
            #expect(changes.outputLines.count == 4, "\(changes)")
            #expect(changes.outputLines.dropFirst(2).first?.hasSuffix("UPDATE  patient 00912  first_name: Fay -> Faye") == true)
        }
    }
}
