import Foundation
import Postgres
import Testing

@testable import Carelog

/// Disclosures under 42 CFR Part 2 (docs/audit.md): a bundle that leaves the program is
/// recorded with the run, carries NOTICE.txt, and appears in the accounting of the
/// disclosures of every patient it held; under basis consent only patients with a
/// consent for the recipient active on the export's day are in it.
extension DatabaseTests {
    @Suite("disclosures and consents")
    struct DisclosureTests {
        func scratch() -> URL {
            ScratchFolder.url("disclosure")
        }

        /// Today (UTC, the export's day) plus `days`, ISO.
        func day(_ database: TestDatabase, _ days: Int) throws -> String {
            let connection = try database.connect()
            defer { connection.close() }
            return try connection.scalar("SELECT ((now() AT TIME ZONE 'UTC')::date + \(days)::int)::text") ?? ""
        }

        func text(_ folder: URL, _ name: String) throws -> String {
            String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
        }

        /// Consents: 00912's to Acme ends tomorrow (active today), 00913's to Acme expired
        /// yesterday, 00914's to Acme was revoked today (its consent to another
        /// recipient does not count).
        func loadConsents(_ database: TestDatabase) throws {
            try importCSV("consents", """
                mrn,recipient,purpose,signed_on,expires_on,revoked_on
                00912,Acme Health Plan,claims review,2026-09-01,\(try day(database, 1)),
                00913,Acme Health Plan,claims review,2026-09-01,\(try day(database, -1)),
                00914,Acme Health Plan,claims review,2026-09-01,,\(try day(database, 0))
                00914,Other Clinic,continuity of care,2026-09-01,,
                """, into: database)
        }

        func export(
            _ database: TestDatabase, into folder: URL, site: String? = nil, _ request: DisclosureRequest, by: String? = "D001"
        ) throws -> ExportManifest {
            let (console, _) = Console.recording()
            // Up to today, so that audit.csv holds the fixture's audit events (written today).
            return try ExportOperation.export(
                target: database.target, from: "2026-10-01", to: try day(database, 0), site: site, directory: folder.path,
                pseudonymizer: nil, disclosure: request, actingStaff: by, console: console)
        }

        @Test("three exports: recorded with login, staff, recipient, purpose, basis, files and patients; the accounting per patient")
        func accounting() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try loadConsents(database)
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }

            let audit = try export(database, into: folder.appendingPathComponent("audit"),
                                   try DisclosureRequest(recipient: "State licensing board", purpose: "annual licensing audit", basis: .audit))
            let consent = try export(database, into: folder.appendingPathComponent("consent"),
                                     try DisclosureRequest(recipient: "Acme Health Plan", purpose: "claims review", basis: .consent))
            _ = try export(database, into: folder.appendingPathComponent("court"), site: "NYC",
                           try DisclosureRequest(recipient: "County court", purpose: "subpoena 26-114", basis: .courtOrder))

            #expect(audit.parameters.disclosure?.patients == 3)
            // The consents in force on some day of the period go with the records, so that the
            // recipient can see the basis; a consent-basis bundle holds only its own recipient's.
            let consentsCSV = { (name: String) in
                try String(contentsOf: folder.appendingPathComponent(name).appendingPathComponent("consents.csv"), encoding: .utf8)
            }
            #expect(try consentsCSV("audit") == """
                mrn,recipient,purpose,signed_on,expires_on,revoked_on
                00912,Acme Health Plan,claims review,2026-09-01,\(try day(database, 1)),
                00913,Acme Health Plan,claims review,2026-09-01,\(try day(database, -1)),
                00914,Acme Health Plan,claims review,2026-09-01,,\(try day(database, 0))
                00914,Other Clinic,continuity of care,2026-09-01,,

                """)
            #expect(try consentsCSV("consent") == """
                mrn,recipient,purpose,signed_on,expires_on,revoked_on
                00912,Acme Health Plan,claims review,2026-09-01,\(try day(database, 1)),

                """)
            #expect(consent.parameters.disclosure == .init(
                recipient: "Acme Health Plan", purpose: "claims review", basis: "consent", date: try day(database, 0),
                patients: 1, patientsExcluded: 2))
            #expect(consent.file(named: "NOTICE.txt") != nil)

            // What the consent export holds: 00912 alone, in every file and in the audit events.
            let consentFolder = folder.appendingPathComponent("consent")
            #expect(try text(consentFolder, "patients.csv").split(separator: "\r\n").map(String.init)
                == ["mrn,first_name,last_name,date_of_birth,gender,site_code", "00912,Fay,Moss,1990-04-01,female,NYC"]
                || text(consentFolder, "patients.csv").split(separator: "\n").map(String.init)
                == ["mrn,first_name,last_name,date_of_birth,gender,site_code", "00912,Fay,Moss,1990-04-01,female,NYC"])
            for file in ["attendance.csv", "enrollments.csv", "episodes.csv", "assignments.csv", "plans.csv", "audit.csv"] {
                let content = try text(consentFolder, file)
                #expect(!content.contains("00913") && !content.contains("00914"), "\(file)")
            }
            #expect(try text(consentFolder, "attendance.csv").split(separator: "\n").count == 1 + 2)
            #expect(try text(consentFolder, "audit.csv").contains("00912"))
            let notice = try text(consentFolder, "NOTICE.txt")
            // 42 CFR 2.32(a) as amended in 2024 (89 FR 12472), in force from February 16, 2026.
            let flowing = notice.replacingOccurrences(of: "\n", with: " ")
            #expect(flowing.contains(
                "These rules prohibit you from using or disclosing this record, or testimony that describes the information "
                    + "contained in this record, in any civil, criminal, administrative, or legislative proceedings by any "
                    + "Federal, State, or local authority, against the patient, unless authorized by the consent of the patient"))
            #expect(flowing.contains("(ii) You are a covered entity or business associate and have received the record for "
                + "treatment, payment, or health care operations, or"))
            #expect(flowing.contains("is NOT sufficient to meet the required elements of written consent to further use or "
                + "redisclose the record (see 42 CFR 2.31)."))
            #expect(!flowing.contains("any further disclosure"))
            #expect(notice.contains("\n42 CFR part 2 prohibits unauthorized use or disclosure of these records.\n"))
            #expect(notice.contains("Recipient:     Acme Health Plan\n"))
            #expect(notice.contains("Purpose:       claims review\n"))
            #expect(notice.contains("Basis:         consent, 42 CFR 2.31 (written consent of the patient)\n"))
            #expect(notice.contains("Disclosed on:  \(try day(database, 0))\n"))
            #expect(notice.contains("Patients:      1 with a consent for this recipient active on that day; 2 left out without one\n"))
            let (console, _) = Console.recording()
            #expect(try ExportOperation.verify(directory: consentFolder.path, console: console).isIntact)

            // The records.
            let connection = try database.connect()
            defer { connection.close() }
            let rows = try connection.query("""
                SELECT d.recipient, d.basis, d.db_user = session_user AS by_login, s.staff_id, d.patients_excluded,
                       (SELECT string_agg(p.mrn, ' ' ORDER BY p.mrn) FROM carelog.disclosure_patient dp
                          JOIN carelog.patient p ON p.id = dp.patient_id WHERE dp.disclosure_id = d.id) AS mrns,
                       jsonb_array_length(d.files) AS files
                  FROM carelog.disclosure d LEFT JOIN carelog.staff s ON s.id = d.acting_staff_id ORDER BY d.id
                """).map { row in
                    try ["recipient", "basis", "by_login", "staff_id", "patients_excluded", "mrns", "files"].map { try row[$0] }
                }
            #expect(rows == [
                // 24 CSV, their 24 workbooks, NOTICE.txt
                ["State licensing board", "audit", "t", "D001", "0", "00912 00913 00914", "49"],
                ["Acme Health Plan", "consent", "t", "D001", "2", "00912", "49"],
                ["County court", "court-order", "t", "D001", "0", "00912 00913", "49"],
            ])

            // The accounting, through the binary: 00913 is in the first and third, not the second.
            let result = try CarelogBinary.run(["disclosures", "--mrn", "00913", "--format", "csv"] + database.databaseArguments)
            #expect(result.status == 0, "\(result)")
            let lines = result.output.split(separator: "\r\n").map(String.init)
            #expect(lines.first == "disclosed_at,db_user,acting_staff,command,recipient,purpose,basis,privacy,period_from,period_to,site_code,files,manifest_sha256")
            #expect(lines.count == 3)
            let fields = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            #expect(fields.map { [$0[2], $0[3], $0[4], $0[5], $0[6], $0[7], $0[8], $0[9], $0[10]] } == [
                ["D001", "export", "State licensing board", "annual licensing audit", "audit", "clear", "2026-10-01", try day(database, 0), ""],
                ["D001", "export", "County court", "subpoena 26-114", "court-order", "clear", "2026-10-01", try day(database, 0), "NYC"],
            ])
            #expect(fields.allSatisfy { $0[1] == (try? connection.scalar("SELECT session_user::text")) ?? "" })
            #expect(fields.allSatisfy { $0[11].contains("NOTICE.txt") && $0[12].count == 64 })

            let text = try CarelogBinary.run(["disclosures", "--mrn", "00912"] + database.databaseArguments)
            #expect(text.status == 0, "\(text)")
            #expect(text.outputLines.first == "Disclosures of the records of MRN 00912, oldest first:")
            #expect(text.outputLines.filter { $0.hasPrefix("  2") }.count == 3)
            let later = try CarelogBinary.run(["disclosures", "--mrn", "00914", "--since", try day(database, 1)] + database.databaseArguments)
            #expect(later.outputLines == ["Disclosures of the records of MRN 00914 since \(try day(database, 1)), oldest first:", "  (none)", ""])
            let unknown = try CarelogBinary.run(["disclosures", "--mrn", "99999"] + database.databaseArguments)
            #expect(unknown.status == 2, "\(unknown)")
            // Leading zeros dropped: the stored MRN is suggested.
            let short = try CarelogBinary.run(["disclosures", "--mrn", "912"] + database.databaseArguments)
            #expect(short.status == 2, "\(short)")
            #expect(short.errorLines.contains("carelog: error: no patient with MRN \"912\""), "\(short)")
            #expect(short.error.contains("Did you mean 00912? MRNs keep their leading zeros; a spreadsheet may have dropped them."), "\(short)")
        }

        @Test("an export with --site holds that site's records only, its audit events included")
        func siteScopedAudit() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let (console, _) = Console.recording()
            let manifest = try ExportOperation.export(
                target: database.target, from: "2026-09-01", to: try day(database, 0), site: "LAX", directory: folder.path,
                pseudonymizer: nil, console: console)
            let audit = try text(folder, "audit.csv")
            // LAX: the site row, patient 00914 and its episode; nothing of NYC.
            for absent in ["00912", "00913", "New York House", "Reyes", "Okafor", "Morning 12-step", "P-912"] {
                #expect(!audit.contains(absent), "\(absent)")
            }
            #expect(audit.contains("00914") && audit.contains("Los Angeles House"))
            let tables = audit.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[5] }
            #expect(Set(tables) == ["site", "patient", "episode"])
            #expect(manifest.file(named: "audit.csv")?.rows == 3)
        }

        @Test("refusals: a partial disclosure, --basis consent on the monthly bundle, an unknown --by or --basis write nothing")
        func refusals() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let partial = try CarelogBinary.run(
                ["export", "--from", "2026-10-01", "--to", "2026-10-31", "--out", folder.path, "--recipient", "X"] + database.databaseArguments)
            #expect(partial.status == 2, "\(partial)")
            #expect(partial.errorLines.first == "carelog: error: A disclosure needs all of --recipient, --purpose and --basis.")
            let basis = try CarelogBinary.run(
                ["export", "--from", "2026-10-01", "--to", "2026-10-31", "--out", folder.path, "--recipient", "X",
                 "--purpose", "Y", "--basis", "friendship"] + database.databaseArguments)
            #expect(basis.status == 2, "\(basis)")
            #expect(basis.error.contains("--basis \"friendship\" is not a basis of disclosure"))
            let staff = try CarelogBinary.run(
                ["export", "--from", "2026-10-01", "--to", "2026-10-31", "--out", folder.path, "--recipient", "X",
                 "--purpose", "Y", "--basis", "audit", "--by", "NOBODY"] + database.databaseArguments)
            #expect(staff.status == 2, "\(staff)")
            let monthly = try CarelogBinary.run(
                ["report", "monthly", "--month", "2026-10", "--out", folder.path, "--recipient", "X",
                 "--purpose", "Y", "--basis", "consent"] + database.databaseArguments)
            #expect(monthly.status == 2, "\(monthly)")
            #expect(!FileManager.default.fileExists(atPath: folder.path))
            let connection = try database.connect()
            defer { connection.close() }
            #expect(try connection.count("carelog.disclosure") == 0)
            #expect(try connection.count("carelog.run_log") == 0)
        }

        @Test("report monthly with a recipient: NOTICE.txt, the disclosure of the month's patients, and the run log names --by")
        func monthlyDisclosure() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = try CarelogBinary.run(
                ["report", "monthly", "--month", "2026-10", "--out", folder.path, "--deidentify", "--by", "D001",
                 "--recipient", "Acme Health Plan", "--purpose", "quality review", "--basis", "audit"] + database.databaseArguments)
            #expect(result.status == 0, "\(result)")
            #expect(try text(folder, "NOTICE.txt").contains("Identifiers:   de-identified (HIPAA Safe Harbor), identifiers random to this bundle\n"))
            let connection = try database.connect()
            defer { connection.close() }
            #expect(try connection.scalar("""
                SELECT string_agg(p.mrn, ' ' ORDER BY p.mrn) FROM carelog.disclosure_patient dp JOIN carelog.patient p ON p.id = dp.patient_id
                """) == "00912 00913 00914")
            #expect(try connection.scalar("SELECT command || ' ' || privacy || ' ' || period_from || ' ' || period_to FROM carelog.disclosure")
                == "report monthly deidentified 2026-10-01 2026-10-31")
            let runs = try CarelogBinary.run(["audit", "runs"] + database.databaseArguments)
            #expect(runs.outputLines.dropFirst().first?.contains("/- by D001  report monthly  {\"by\": \"D001\"") == true, "\(runs)")
            // The same run for a script: one JSON line, the rows as a number.
            let json = try CarelogBinary.run(["audit", "runs", "--format", "json", "--limit", "1"] + database.databaseArguments)
            #expect(json.status == 0, "\(json)")
            let run = try #require(try JSONSerialization.jsonObject(with: Data(json.outputLines[0].utf8)) as? [String: Any])
            #expect(json.outputLines.count == 2 && json.outputLines[1].isEmpty)
            #expect(run["command"] as? String == "report monthly")
            #expect(run["acting_staff"] as? String == "D001")
            #expect((run["total_rows"] as? NSNumber)?.intValue ?? -1 > 0)
        }

        @Test("consents import: dates out of order and untrimmed recipients are refused")
        func consentImport() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let problems = refusedImport("consents", """
                mrn,recipient,purpose,signed_on,expires_on,revoked_on
                00912,Acme,claims,2026-09-01,2026-09-01,
                00913,Acme,claims,2026-09-01,,2026-08-31
                00914, Acme,claims,2026-09-01,,
                """, into: database)
            #expect(problems == [
                "line 2, column expires_on, value \"2026-09-01\": is not after signed_on 2026-09-01: a consent expires after the day it was signed",
                "line 3, column revoked_on, value \"2026-08-31\": is before signed_on 2026-09-01",
                "line 4, column recipient, value \" Acme\": has leading or trailing spaces; write the recipient exactly as --recipient will name it",
            ])
        }
    }
}

@Suite("manifests written before pseudonymized and disclosure existed")
struct OlderManifestTests {
    @Test("an export manifest without the new fields still reads (export verify of an older bundle)")
    func decodes() throws {
        let json = #"""
            {"tool": "carelog 0.1.0", "database": "carelog", "serverVersion": 150018, "snapshotTime": "2026-11-01T00:00:00Z",
             "parameters": {"from": "2026-10-01", "to": "2026-10-31", "deidentified": true}, "files": []}
            """#
        let manifest = try JSONDecoder().decode(ExportManifest.self, from: Data(json.utf8))
        #expect(manifest.parameters.deidentified)
        #expect(manifest.parameters.pseudonymized == nil)
        #expect(manifest.parameters.disclosure == nil)
    }
}
