import Foundation
import Postgres
import Testing

@testable import Carelog

/// The audit trail's events of many rows (sql/012: a statement of 1,000 rows or more is
/// recorded one event per patient, its rows in json arrays) under the export's privacy
/// rules: --site discloses only the rows of that site, even from an event that holds
/// rows of two sites; --pseudonymize and --deidentify treat every row of such an event
/// as they treat a one-row event.
extension DatabaseTests {
    @Suite("privacy: the audit trail's events of many rows")
    struct BulkAuditPrivacyTests {
        func scratch() -> URL {
            ScratchFolder.url("bulk-audit")
        }

        /// Today (UTC, the export's day), ISO.
        func today(_ database: TestDatabase) throws -> String {
            let connection = try database.connect()
            defer { connection.close() }
            return try connection.scalar("SELECT (now() AT TIME ZONE 'UTC')::date::text") ?? ""
        }

        /// audit.csv of an export as rows of fields, header first.
        func csvRows(_ url: URL) throws -> [[String]] {
            var rows: [[String]] = []
            try CSVReader(.file(path: url.path)).read(
                onRecord: { record in rows.append((0..<record.fieldCount).map { record.string(at: $0) }) },
                onProblem: { problem in Issue.record("bad CSV in \(url.lastPathComponent): \(problem)") })
            return rows
        }

        /// A changed record of audit.csv: one-row events as they are, events of many rows
        /// one per element of their arrays.
        struct Change {
            var table: String
            var operation: String
            var old: [String: Any]?
            var new: [String: Any]?
        }

        /// The records of audit.csv (clear or pseudonymised columns), each event's json
        /// object or array decoded.
        func changes(_ rows: [[String]]) throws -> [Change] {
            let header = try #require(rows.first)
            let table = try #require(header.firstIndex(of: "table_name"))
            let operation = try #require(header.firstIndex(of: "operation"))
            let oldValues = try #require(header.firstIndex(of: "old_values"))
            let newValues = try #require(header.firstIndex(of: "new_values"))
            func elements(_ text: String) throws -> [[String: Any]?]? {
                guard !text.isEmpty else { return nil }
                let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
                if let array = value as? [[String: Any]] { return array }
                return [try #require(value as? [String: Any])]
            }
            return try rows.dropFirst().flatMap { row -> [Change] in
                let old = try elements(row[oldValues]), new = try elements(row[newValues])
                if let old, let new { #expect(old.count == new.count) }
                let count = max(old?.count ?? 0, new?.count ?? 0)
                return (0..<count).map { index in
                    Change(table: row[table], operation: row[operation], old: old?[index], new: new?[index])
                }
            }
        }

        @Test("--site: an event of many rows of two sites discloses only that site's rows; audit log --mrn shows them all")
        func siteScoped() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try importCSV("staff", """
                staff_id,first_name,last_name,role,credentials,site_code,active
                T003,Lu,Pham,therapist,LCSW,LAX,true
                """, into: database)
            try importCSV("groups", """
                group_code,name,modality,gender_focus,kind,site_code,capacity,facilitator
                LA-AM,Morning 12-step LA,twelve_step,all,open,LAX,40,T003
                """, into: database)
            // 1,200 patients in one import: the odd-numbered at NYC, the even-numbered at LAX.
            let numbers = Array(1...1200)
            let mrn = { (number: Int) in String(format: "QX-%04d", number) }
            try importCSV("patients", "mrn,first_name,last_name,date_of_birth,gender,site_code\n"
                + numbers.map { "\(mrn($0)),Ann,Lee,1960-01-01,female,\($0 % 2 == 1 ? "NYC" : "LAX")" }
                    .joined(separator: "\n"), into: database)
            // 520 sessions of each site's open group in one import (one event: sessions name
            // no patient), AA-AM on the hour, LA-AM at half past, and 00914 (LAX) attending
            // all 1,040 (one event: one patient, rows of two sites).
            let hours = (2...23).flatMap { day in (0..<24).map { String(format: "2026-10-%02d %02d", day, $0) } }.prefix(520)
            try importCSV("sessions", "group_code,starts_at,duration_minutes,facilitator\n"
                + hours.flatMap { ["AA-AM,\($0):00,30,T001", "LA-AM,\($0):30,30,T003"] }.joined(separator: "\n"), into: database)
            try importCSV("attendance", "group_code,starts_at,mrn,status,recorded_by\n"
                + hours.flatMap { ["AA-AM,\($0):00,00914,present,T001", "LA-AM,\($0):30,00914,late,T003"] }
                    .joined(separator: "\n"), into: database)

            let connection = try database.connect()
            defer { connection.close() }
            // The premise: the sessions and the attendance are each one event of 1,040 rows.
            #expect(try connection.scalar("""
                SELECT string_agg(e.table_name || ':' || json_array_length(e.new_rows), ' ' ORDER BY e.table_name)
                  FROM carelog.audit_event AS e WHERE e.record_id IS NULL AND e.table_name <> 'patient'
                """) == "attendance:1040 group_session:1040")
            func sessionIDs(_ site: String) throws -> Set<Int> {
                Set(try connection.query("""
                    SELECT gs.id FROM carelog.group_session AS gs JOIN carelog.care_group AS g ON g.id = gs.group_id
                      JOIN carelog.site AS s ON s.id = g.site_id
                     WHERE s.site_code = \(site)
                    """).map { Int(try $0.decode("id", as: Int64.self)) })
            }
            let groupID = { (code: String) in
                Int(try connection.scalar("SELECT id FROM carelog.care_group WHERE group_code = \(code)") ?? "") ?? -1
            }
            let attendanceSessions = { (site: String) in
                Set(try connection.query("""
                    SELECT a.session_id FROM carelog.attendance AS a
                      JOIN carelog.group_session AS gs ON gs.id = a.session_id
                      JOIN carelog.care_group AS g ON g.id = gs.group_id
                      JOIN carelog.site AS s ON s.id = g.site_id
                     WHERE s.site_code = \(site)
                    """).map { Int(try $0.decode("session_id", as: Int64.self)) })
            }

            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let (console, _) = Console.recording()
            for (site, parity, fixturePatients) in [("LAX", 0, ["00914"]), ("NYC", 1, ["00912", "00913"])] {
                let export = folder.appendingPathComponent(site)
                try ExportOperation.export(
                    target: database.target, from: "2026-09-01", to: try today(database), site: site, directory: export.path,
                    pseudonymizer: nil, console: console)
                let changes = try changes(try csvRows(export.appendingPathComponent("audit.csv")))
                let patients = changes.filter { $0.table == "patient" }.compactMap { $0.new?["mrn"] as? String }
                #expect(patients.count == 600 + fixturePatients.count, "\(site)")
                #expect(Set(patients) == Set(numbers.filter { $0 % 2 == parity }.map(mrn) + fixturePatients), "\(site)")
                let sessions = changes.filter { $0.table == "group_session" }
                let sessionsWritten = Set(sessions.compactMap { ($0.new?["id"] as? NSNumber)?.intValue })
                #expect(sessionsWritten == (try sessionIDs(site)), "\(site)")
                #expect(Set(sessions.compactMap { ($0.new?["group_id"] as? NSNumber)?.intValue })
                    == (site == "LAX" ? [try groupID("LA-AM")] : [try groupID("AA-AM"), try groupID("W-PROC"), try groupID("M-RP")]),
                    "\(site)")
                #expect(sessions.count == 520 + (site == "LAX" ? 0 : 4), "\(site)")
                let attendance = changes.filter { $0.table == "attendance" }
                #expect(attendance.count == 520 + (site == "LAX" ? 0 : 4), "\(site)")
                #expect(Set(attendance.compactMap { ($0.new?["session_id"] as? NSNumber)?.intValue }) == (try attendanceSessions(site)),
                        "\(site)")
            }

            // Unscoped, the event is written whole, exactly as stored.
            let all = folder.appendingPathComponent("all")
            try ExportOperation.export(
                target: database.target, from: "2026-09-01", to: try today(database), site: nil, directory: all.path,
                pseudonymizer: nil, console: console)
            let rows = try csvRows(all.appendingPathComponent("audit.csv"))
            let stored = try #require(try connection.scalar(
                "SELECT new_rows::text FROM carelog.audit_event WHERE record_id IS NULL AND table_name = 'attendance'"))
            #expect(rows.filter { $0[5] == "attendance" }.map { $0[9] }.contains(stored))
            #expect(try changes(rows).filter { $0.table == "attendance" }.count == 1040 + 4)

            // audit log --mrn: each of 00914's 1,040 attendance rows, by its natural key (session and MRN).
            let log = try CarelogBinary.run(
                ["audit", "log", "--mrn", "00914", "--table", "attendance", "--limit", "5000"] + database.databaseArguments)
            #expect(log.status == 0, "\(log)")
            let logged = log.outputLines.compactMap { line -> String? in
                guard let start = line.range(of: "  INSERT  attendance "), line.hasSuffix("  created") else { return nil }
                return String(line[start.upperBound...].dropLast("  created".count))
            }
            #expect(logged.count == 1040)
            #expect(Set(logged) == Set(try connection.query("""
                SELECT g.group_code || ' ' || to_char(s.starts_at AT TIME ZONE st.timezone, 'YYYY-MM-DD HH24:MI') || ' ' || p.mrn AS label
                  FROM carelog.attendance AS a JOIN carelog.patient AS p ON p.id = a.patient_id
                  JOIN carelog.group_session AS s ON s.id = a.session_id JOIN carelog.care_group AS g ON g.id = s.group_id
                  JOIN carelog.site AS st ON st.id = g.site_id
                 WHERE p.mrn = '00914'
                """).map { try $0.decode("label", as: String.self) }))
        }

        /// RFC 4231 cases 6 and 7: a key of 131 bytes 0xAA, and messages whose HMACs the
        /// RFC gives; as MRNs they have known pseudonyms.
        static let rfcCases = [6, 7].map { number in RFC4231.vectors.first { $0.number == number }! }

        /// One site and therapist; 1,202 patients in one import (QX-0001 ... QX-1200 and the
        /// two RFC messages), each born on another day; two plans each for QX-0001 ... QX-0600
        /// whose codes hold the MRN and last name (1,200 rows: events of two rows); then every
        /// patient re-imported as male (an UPDATE of 1,202 rows).
        static func loadBulkPatients(into database: TestDatabase) throws -> [String] {
            try importCSV("sites", "site_code,name,timezone\nNYC,New York House,America/New_York", into: database)
            try importCSV("staff", """
                staff_id,first_name,last_name,role,credentials,site_code,active
                T001,Ana,Reyes,therapist,LCSW,NYC,true
                """, into: database)
            let mrns = (1...1200).map { String(format: "QX-%04d", $0) } + rfcCases.map { $0.text! }
            func patients(_ gender: String) -> String {
                "mrn,first_name,last_name,date_of_birth,gender,site_code\n" + mrns.enumerated().map { index, mrn in
                    "\"\(mrn)\",Zelphine,Quaxworth,\(String(format: "19%02d-%02d-%02d", 30 + index / 336, 1 + index / 28 % 12, 1 + index % 28)),\(gender),NYC"
                }.joined(separator: "\n")
            }
            try importCSV("patients", patients("female"), into: database)
            try importCSV("plans", "plan_code,mrn,created_on,author,review_interval_days\n" + mrns.prefix(600).flatMap { mrn in
                ["a", "b"].map { "TP-\(mrn)-Quaxworth-\($0),\(mrn),2026-10-01,T001,30" }
            }.joined(separator: "\n"), into: database)
            try importCSV("patients", patients("male"), into: database)
            return mrns
        }

        /// Every MRN, first name, last name and date of birth in the database.
        func identifiers(_ database: TestDatabase) throws -> Set<String> {
            let connection = try database.connect()
            defer { connection.close() }
            return Set(try connection.query("SELECT mrn, first_name, last_name, date_of_birth::text AS dob FROM carelog.patient").flatMap { row in
                [try row.decode("mrn", as: String.self), try row.decode("first_name", as: String.self),
                 try row.decode("last_name", as: String.self), try row.decode("dob", as: String.self)]
            })
        }

        /// Each identifier that audit.csv holds (case-insensitive).
        func leaks(_ url: URL, _ identifiers: Set<String>) throws -> [String] {
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self).lowercased()
            return identifiers.filter { text.contains($0.lowercased()) }.sorted()
        }

        @Test("--pseudonymize: every row of an event of many rows loses MRN, names and date of birth and gains its pseudonym")
        func pseudonymized() throws {
            let database = try TestDatabase()
            let mrns = try Self.loadBulkPatients(into: database)
            let identifiers = try identifiers(database)
            #expect(identifiers.count == 1202 + 2 + 1202)
            let connection = try database.connect()
            defer { connection.close() }
            // The premise: the plans are 600 events of two rows; the patients 1,202 events of one row, twice.
            #expect(try connection.scalar("""
                SELECT string_agg(table_name || ' ' || operation || ' ' || events || 'x' || rows, ', ' ORDER BY table_name, operation)
                  FROM (SELECT table_name, operation, count(*) AS events, min(json_array_length(coalesce(new_rows, old_rows))) AS rows
                          FROM carelog.audit_event WHERE record_id IS NULL GROUP BY 1, 2) AS e
                """) == "patient INSERT 1202x1, patient UPDATE 1202x1, treatment_plan INSERT 600x2")

            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let (console, _) = Console.recording()
            try ExportOperation.export(
                target: database.target, from: "2026-09-01", to: try today(database), site: nil, directory: folder.path,
                pseudonymizer: try Pseudonymizer(key: Data(Self.rfcCases[0].key)), console: console)
            let audit = folder.appendingPathComponent("audit.csv")
            #expect(try leaks(audit, identifiers) == [])

            let changes = try changes(try csvRows(audit))
            let patients = changes.filter { $0.table == "patient" }
            #expect(patients.count == 2 * mrns.count)
            #expect(patients.filter { $0.operation == "UPDATE" }.count == mrns.count)
            let values = patients.flatMap { [$0.old, $0.new].compactMap { $0 } }
            #expect(values.count == 3 * mrns.count)
            #expect(values.allSatisfy { Set($0.keys) == ["id", "gender", "site_id", "pseudonym"] })
            let pseudonyms = values.compactMap { $0["pseudonym"] as? String }
            for vector in Self.rfcCases {
                // inserted, then updated: old and new values
                #expect(pseudonyms.filter { $0 == vector.pseudonym }.count == 3, "\(vector)")
            }
            #expect(Set(pseudonyms).count == mrns.count)
            let plans = changes.filter { $0.table == "treatment_plan" }
            #expect(plans.count == 1200)
            #expect(plans.allSatisfy { ($0.new?["plan_code"] as? String)?.hasPrefix("PL-") == true && $0.old == nil })
            #expect(Set(plans.compactMap { $0.new?["plan_code"] as? String }).count == 1200)
        }

        @Test("--deidentify: an event of many rows names the columns its rows changed, and no identifier")
        func deidentified() throws {
            let database = try TestDatabase()
            let mrns = try Self.loadBulkPatients(into: database)
            let identifiers = try identifiers(database)
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let (console, _) = Console.recording()
            try ExportOperation.export(
                target: database.target, from: "2026-01-01", to: String(try today(database).prefix(4)) + "-12-31", site: nil,
                directory: folder.path, pseudonymizer: .random(), console: console)
            let audit = folder.appendingPathComponent("audit.csv")
            #expect(try leaks(audit, identifiers) == [])

            let rows = try csvRows(audit)
            #expect(rows.first == ["event_id", "batch_id", "changed_year", "db_user", "acting_staff", "table_name", "operation", "changed_columns"])
            let connection = try database.connect()
            defer { connection.close() }
            func columns(_ table: String) throws -> String {
                try connection.scalar("""
                    SELECT string_agg(column_name::text, ' ' ORDER BY column_name::text) FROM information_schema.columns
                     WHERE table_schema = 'carelog' AND table_name = \(table)
                    """) ?? ""
            }
            var seen: [String: Int] = [:]
            for row in rows.dropFirst() { seen["\(row[5]) \(row[6]) \(row[7])", default: 0] += 1 }
            #expect(seen == [
                "site INSERT \(try columns("site"))": 1,
                "staff INSERT \(try columns("staff"))": 1,
                "patient INSERT \(try columns("patient"))": mrns.count,
                "patient UPDATE gender": mrns.count,
                "treatment_plan INSERT \(try columns("treatment_plan"))": 600,
            ])
        }
    }
}
