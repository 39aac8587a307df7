import Foundation
import Postgres
import Testing

@testable import Carelog

/// `carelog export --format fhir` (docs/fhir.md): the resources of ImportFixture's
/// October, line by line as worked out by hand from its CSVs; the labels and
/// references of every resource; the manifest and `export verify`; the privacy modes
/// (a leak check over the bytes); the disclosure record; the exit statuses; and what a
/// therapist's export holds against an auditor's.
extension DatabaseTests {
    @Suite("FHIR export")
    struct FHIRExportTests {
        /// meta of every resource: the three 42 CFR Part 2 labels, in this order.
        static let meta = #""meta":{"security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"R","display":"restricted"},{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"42CFRPart2","display":"42 CFR Part2"},{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"NORDSCLCD","display":"no redisclosure without consent directive"}]}"#

        static let files = [
            "Organization.ndjson", "Location.ndjson", "Practitioner.ndjson", "PractitionerRole.ndjson", "Patient.ndjson",
            "EpisodeOfCare.ndjson", "CareTeam.ndjson", "Goal.ndjson", "CarePlan.ndjson", "Group.ndjson", "Encounter.ndjson",
            "Observation.ndjson", "Consent.ndjson",
        ]

        /// Resources of October 2026, from ImportFixture and the consent below.
        static let octoberCounts: [String: Int] = [
            "Organization.ndjson": 2,     // NYC; LAX (00914's site)
            "Location.ndjson": 2,
            "Practitioner.ndjson": 2,     // T001, T002 (D001 is referred to by nothing)
            "PractitionerRole.ndjson": 2,
            "Patient.ndjson": 3,
            "EpisodeOfCare.ndjson": 3,
            "CareTeam.ndjson": 2,         // 00912 (T001), 00913 (T002, T001); 00914 has no assignment
            "Goal.ndjson": 2,
            "CarePlan.ndjson": 2,
            "Group.ndjson": 3,
            "Encounter.ndjson": 4,        // 4 attendance records, all of held sessions
            "Observation.ndjson": 1,      // 00912's PHQ-9 of 10-02 (the others are in September)
            "Consent.ndjson": 1,          // 00913's
        ]

        /// 00913's consent to a health information exchange, in force through October.
        static let consent = """
            mrn,recipient,purpose,signed_on,expires_on,revoked_on
            00913,County HIE,care coordination,2026-09-15,2099-12-31,
            """

        func scratch() -> URL {
            URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("carelog-fhir-\(UUID().uuidString.prefix(8))")
        }

        func export(
            _ database: TestDatabase, from: String = "2026-10-01", to: String = "2026-10-31", site: String? = nil,
            pseudonymizer: Pseudonymizer? = nil, disclosure: DisclosureRequest? = nil, by: String? = nil, into folder: URL
        ) throws -> ExportManifest {
            let (console, _) = Console.recording()
            return try ExportOperation.export(
                target: database.target, from: from, to: to, site: site, directory: folder.path, pseudonymizer: pseudonymizer,
                disclosure: disclosure, actingStaff: by, format: .fhir, console: console)
        }

        func lines(_ folder: URL, _ name: String) throws -> [String] {
            String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
                .split(separator: "\n").map(String.init)
        }

        /// The surrogate id of a row, read straight from the database.
        func id(_ database: TestDatabase, _ sql: String) throws -> String {
            let connection = try database.connect()
            defer { connection.close() }
            return try connection.scalar(SQLQuery(unsafeSQL: sql)) ?? "?"
        }

        @Test("October of the fixture: the resources of patient 00913 and 00912's PHQ-9, exactly, and the counts of every file")
        func fixtureResources() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try importCSV("consents", Self.consent, into: database)
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let manifest = try export(database, into: folder)

            #expect(manifest.files.map(\.name) == Self.files + ["NOTICE.txt"])
            for (name, count) in Self.octoberCounts {
                #expect(manifest.file(named: name)?.rows == count, "\(name)")
                #expect(try lines(folder, name).count == count, "\(name)")
            }
            #expect(manifest.format == "fhir")
            #expect(manifest.requiresAccessToken == false)
            #expect(manifest.transactionTime == manifest.snapshotTime)
            #expect(manifest.request == "carelog export --format fhir --from 2026-10-01 --to 2026-10-31")
            #expect(manifest.error == [])
            #expect(manifest.notice == "NOTICE.txt")
            #expect(manifest.output == Self.files.map { .init(type: String($0.dropLast(7)), url: $0, count: Self.octoberCounts[$0]!) })

            let nyc = try id(database, "SELECT id FROM carelog.site WHERE site_code = 'NYC'")
            let gus = try id(database, "SELECT id FROM carelog.patient WHERE mrn = '00913'")
            let fay = try id(database, "SELECT id FROM carelog.patient WHERE mrn = '00912'")
            let t001 = try id(database, "SELECT id FROM carelog.staff WHERE staff_id = 'T001'")
            let t002 = try id(database, "SELECT id FROM carelog.staff WHERE staff_id = 'T002'")
            let episode = try id(database, "SELECT e.id FROM carelog.episode e JOIN carelog.patient p ON p.id = e.patient_id WHERE p.mrn = '00913'")
            let fayEpisode = try id(database, "SELECT e.id FROM carelog.episode e JOIN carelog.patient p ON p.id = e.patient_id WHERE p.mrn = '00912'")
            let plan = try id(database, "SELECT id FROM carelog.treatment_plan WHERE plan_code = 'P-913'")
            let goal = try id(database, "SELECT g.id FROM carelog.plan_goal g JOIN carelog.treatment_plan t ON t.id = g.plan_id WHERE t.plan_code = 'P-913'")
            let aaam = try id(database, "SELECT id FROM carelog.care_group WHERE group_code = 'AA-AM'")
            let mrp = try id(database, "SELECT id FROM carelog.care_group WHERE group_code = 'M-RP'")
            let attendance = { (group: String) in
                try self.id(database, """
                    SELECT a.id FROM carelog.attendance a JOIN carelog.group_session s ON s.id = a.session_id
                      JOIN carelog.care_group g ON g.id = s.group_id JOIN carelog.patient p ON p.id = a.patient_id
                     WHERE g.group_code = '\(group)' AND p.mrn = '00913'
                    """)
            }
            let observation = try id(database, "SELECT id FROM carelog.assessment WHERE administered_on = '2026-10-02'")
            let consent = try id(database, "SELECT id FROM carelog.consent")
            let meta = Self.meta
            let patient = "\"subject\":{\"reference\":\"Patient/pt-\(gus)\"}"

            #expect(try lines(folder, "Patient.ndjson").contains(
                #"{"resourceType":"Patient","id":"pt-\#(gus)",\#(meta),"identifier":[{"use":"usual","type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR","display":"Medical record number"}]},"system":"urn:carelog:mrn","value":"00913"}],"name":[{"use":"official","family":"Hale","given":["Gus"]}],"gender":"male","birthDate":"1985-11-30","managingOrganization":{"reference":"Organization/org-\#(nyc)"}}"#))
            // 00914 is nonbinary: FHIR's `other`.
            #expect(try lines(folder, "Patient.ndjson").filter { $0.contains(#""gender":"other""#) && $0.contains(#""value":"00914""#) }.count == 1)
            #expect(try lines(folder, "EpisodeOfCare.ndjson").contains(
                #"{"resourceType":"EpisodeOfCare","id":"eoc-\#(episode)",\#(meta),"extension":[{"url":"urn:carelog:fhir:discharge-reason","valueCoding":{"system":"urn:carelog:teds-discharge-reason","code":"completed"}}],"status":"finished","type":[{"coding":[{"system":"urn:carelog:asam-level-of-care","code":"3.7","display":"ASAM level 3.7"}]}],"patient":{"reference":"Patient/pt-\#(gus)"},"managingOrganization":{"reference":"Organization/org-\#(nyc)"},"period":{"start":"2026-09-15","end":"2026-10-20"}}"#))
            // T002 primary until 10-19, T001 secondary with no end: the team is active.
            #expect(try lines(folder, "CareTeam.ndjson").contains(
                #"{"resourceType":"CareTeam","id":"team-\#(gus)",\#(meta),"status":"active",\#(patient),"participant":[{"role":[{"coding":[{"system":"urn:carelog:assignment-role","code":"primary"}]}],"member":{"reference":"Practitioner/pr-\#(t002)"},"period":{"start":"2026-09-15","end":"2026-10-19"}},{"role":[{"coding":[{"system":"urn:carelog:assignment-role","code":"secondary"}]}],"member":{"reference":"Practitioner/pr-\#(t001)"},"period":{"start":"2026-09-15"}}]}"#))
            // 1.5 sessions a week: 3 every 2 weeks.
            #expect(try lines(folder, "CarePlan.ndjson").contains(
                #"{"resourceType":"CarePlan","id":"plan-\#(plan)",\#(meta),"identifier":[{"system":"urn:carelog:plan-code","value":"P-913"}],"status":"completed","intent":"plan","category":[{"coding":[{"system":"http://snomed.info/sct","code":"736353004","display":"Behavioral health care plan"}]}],\#(patient),"period":{"start":"2026-09-16","end":"2026-10-20"},"created":"2026-09-16","author":{"reference":"Practitioner/pr-\#(t002)"},"goal":[{"reference":"Goal/goal-\#(goal)"}],"activity":[{"detail":{"code":{"coding":[{"system":"urn:carelog:modality","code":"relapse_prevention"}]},"status":"completed","scheduledTiming":{"repeat":{"frequency":3,"period":2,"periodUnit":"wk"}}}}]}"#))
            #expect(try lines(folder, "Goal.ndjson").contains(
                #"{"resourceType":"Goal","id":"goal-\#(goal)",\#(meta),"lifecycleStatus":"completed","achievementStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/goal-achievement","code":"achieved"}]},"category":[{"coding":[{"system":"urn:carelog:goal-domain","code":"relapse"}]}],"description":{"text":"Identify triggers"},\#(patient),"target":[{"dueDate":"2026-10-15"}],"statusDate":"2026-10-14"}"#))
            // The closed men's group: gender focus and kind as characteristics, 00913 a member until 10-19.
            #expect(try lines(folder, "Group.ndjson").contains(
                #"{"resourceType":"Group","id":"grp-\#(mrp)",\#(meta),"identifier":[{"system":"urn:carelog:group-code","value":"M-RP"}],"active":true,"type":"person","actual":true,"code":{"coding":[{"system":"urn:carelog:modality","code":"relapse_prevention"}]},"name":"Men's relapse prevention","quantity":1,"managingEntity":{"reference":"Organization/org-\#(nyc)"},"characteristic":[{"code":{"coding":[{"system":"urn:carelog:group-characteristic","code":"gender-focus"}]},"valueCodeableConcept":{"coding":[{"system":"urn:carelog:gender-focus","code":"men"}]},"exclude":false},{"code":{"coding":[{"system":"urn:carelog:group-characteristic","code":"kind"}]},"valueCodeableConcept":{"coding":[{"system":"urn:carelog:group-kind","code":"closed"}]},"exclude":false}],"member":[{"entity":{"reference":"Patient/pt-\#(gus)"},"period":{"start":"2026-09-16","end":"2026-10-19"},"inactive":true}]}"#))
            // Late at AA-AM 07:30 New York (11:30Z), 45 minutes; left early at M-RP 17:00 (21:00Z), 30 minutes. Level 3.7: NONAC.
            let encounters = try lines(folder, "Encounter.ndjson")
            let encounter = { (id: String, status: String, group: String, modality: String, facilitator: String, start: String, end: String, minutes: Int) in
                #"{"resourceType":"Encounter","id":"enc-\#(id)",\#(meta),"extension":[{"url":"urn:carelog:fhir:attendance-status","valueCoding":{"system":"urn:carelog:attendance-status","code":"\#(status)"}},{"url":"urn:carelog:fhir:care-group","valueReference":{"reference":"Group/grp-\#(group)"}}],"status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"NONAC","display":"inpatient non-acute"},"type":[{"coding":[{"system":"urn:carelog:modality","code":"\#(modality)"}]}],\#(patient),"episodeOfCare":[{"reference":"EpisodeOfCare/eoc-\#(episode)"}],"participant":[{"type":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"PPRF","display":"primary performer"}]}],"individual":{"reference":"Practitioner/pr-\#(facilitator)"}}],"period":{"start":"\#(start)","end":"\#(end)"},"length":{"value":\#(minutes),"unit":"min","system":"http://unitsofmeasure.org","code":"min"},"location":[{"location":{"reference":"Location/loc-\#(nyc)"}}],"serviceProvider":{"reference":"Organization/org-\#(nyc)"}}"#
            }
            #expect(encounters.contains(encounter(try attendance("AA-AM"), "late", aaam, "twelve_step", t001,
                                                  "2026-10-05T11:30:00Z", "2026-10-05T12:30:00Z", 45)))
            #expect(encounters.contains(encounter(try attendance("M-RP"), "left_early", mrp, "relapse_prevention", t002,
                                                  "2026-10-07T21:00:00Z", "2026-10-07T22:00:00Z", 30)))
            // 00912 absent from W-PROC: cancelled, the reason in the attendance status, no length.
            let absent = try #require(encounters.first { $0.contains(#""code":"absent""#) })
            #expect(absent.contains(#""status":"cancelled","class""#))
            #expect(!absent.contains("\"length\""))
            #expect(encounters.filter { $0.contains(#""status":"finished""#) }.count == 3)
            #expect(try lines(folder, "Observation.ndjson") == [
                #"{"resourceType":"Observation","id":"obs-\#(observation)",\#(meta),"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/workflow-episodeOfCare","valueReference":{"reference":"EpisodeOfCare/eoc-\#(fayEpisode)"}}],"status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"survey","display":"Survey"}]}],"code":{"coding":[{"system":"http://loinc.org","code":"44261-6","display":"Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]"}],"text":"PHQ-9 total score"},"subject":{"reference":"Patient/pt-\#(fay)"},"effectiveDateTime":"2026-10-02","valueQuantity":{"value":9,"unit":"{score}","system":"http://unitsofmeasure.org","code":"{score}"}}"#,
            ])
            #expect(try lines(folder, "Consent.ndjson") == [
                #"{"resourceType":"Consent","id":"consent-\#(consent)",\#(meta),"status":"active","scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy","display":"Privacy Consent"}]},"category":[{"coding":[{"system":"http://loinc.org","code":"59284-0","display":"Patient Consent"}]}],"patient":{"reference":"Patient/pt-\#(gus)"},"dateTime":"2026-09-15","organization":[{"reference":"Organization/org-\#(nyc)"}],"policy":[{"authority":"https://www.ecfr.gov","uri":"https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2"}],"provision":{"type":"permit","period":{"start":"2026-09-15","end":"2099-12-31"},"actor":[{"role":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"IRCP","display":"information recipient"}]},"reference":{"display":"County HIE"}}],"purpose":[{"display":"care coordination"}]}}"#,
            ])
            // NOTICE.txt carries the 2.32 notice though the export names no recipient.
            let notice = String(decoding: try Data(contentsOf: folder.appendingPathComponent("NOTICE.txt")), as: UTF8.self)
            #expect(notice.contains("\n42 CFR part 2 prohibits unauthorized use or disclosure of these records.\n"))
            #expect(notice.contains("This bundle:   FHIR R4 export of 2026-10-01 to 2026-10-31, all sites\n"))
            #expect(notice.contains("Recipient:     none named: not recorded as a disclosure."))
        }

        /// Every resource parsed: its type, id and labels; every reference `Type/id`
        /// found anywhere in it. Returns the ids and references of the bundle.
        func parse(_ folder: URL) throws -> (ids: Set<String>, references: Set<String>, problems: [String]) {
            var ids = Set<String>()
            var references = Set<String>()
            var problems: [String] = []
            let labels: Set<String> = [
                "http://terminology.hl7.org/CodeSystem/v3-Confidentiality|R", "http://terminology.hl7.org/CodeSystem/v3-ActCode|42CFRPart2",
                "http://terminology.hl7.org/CodeSystem/v3-ActCode|NORDSCLCD",
            ]
            func walk(_ value: Any) {
                if let object = value as? [String: Any] {
                    if let reference = object["reference"] as? String { references.insert(reference) }
                    object.values.forEach(walk)
                } else if let array = value as? [Any] {
                    array.forEach(walk)
                }
            }
            for name in Self.files {
                for line in try lines(folder, name) {
                    guard let resource = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                          let type = resource["resourceType"] as? String, let id = resource["id"] as? String else {
                        problems.append("\(name): \(line.prefix(60))")
                        continue
                    }
                    if type + ".ndjson" != name { problems.append("\(name): a \(type)") }
                    if !ids.insert(type + "/" + id).inserted { problems.append("\(type)/\(id) twice") }
                    let security = ((resource["meta"] as? [String: Any])?["security"] as? [[String: String]] ?? [])
                        .map { "\($0["system"] ?? "")|\($0["code"] ?? "")" }
                    if Set(security) != labels || security.count != 3 { problems.append("\(type)/\(id): labels \(security)") }
                    walk(resource)
                }
            }
            return (ids, references, problems)
        }

        @Test("every resource has its type, an id and the three labels; every reference resolves inside the export, in all three modes")
        func labelsAndReferences() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try importCSV("consents", Self.consent, into: database)
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            for (name, pseudonymizer, from) in [
                ("clear", nil, "2026-10-01"), ("pseudonymized", try Pseudonymizer(key: Data("fhir-test-key-0123456789abcdef".utf8)), "2026-10-01"),
                ("deidentified", Pseudonymizer.random(), "2026-01-01"),
            ] as [(String, Pseudonymizer?, String)] {
                let to = from == "2026-01-01" ? "2026-12-31" : "2026-10-31"
                let manifest = try export(database, from: from, to: to, pseudonymizer: pseudonymizer, into: folder.appendingPathComponent(name))
                let (ids, references, problems) = try parse(folder.appendingPathComponent(name))
                #expect(problems == [], "\(name)")
                #expect(references.subtracting(ids) == [], "\(name): references that resolve to nothing")
                #expect(ids.count == manifest.files.filter { $0.name.hasSuffix(".ndjson") }.map(\.rows).reduce(0, +), "\(name)")
                #expect(references.count > 10, "\(name)")
            }
            // --site LAX: 00914 and its episode; the NYC groups and their Encounters are not LAX's.
            let lax = try export(database, site: "LAX", into: folder.appendingPathComponent("lax"))
            let (ids, references, problems) = try parse(folder.appendingPathComponent("lax"))
            #expect(problems == [])
            #expect(references.subtracting(ids) == [])
            #expect(lax.file(named: "Patient.ndjson")?.rows == 1)
            #expect(lax.file(named: "EpisodeOfCare.ndjson")?.rows == 1)
            #expect(lax.file(named: "Encounter.ndjson")?.rows == 0)
            #expect(lax.request == "carelog export --format fhir --from 2026-10-01 --to 2026-10-31 --site LAX")
            // --site NYC when 00914 (LAX, level 2.1) walks into NYC's open AA-AM: its Encounter is
            // NYC's, its episode is not exported (a LAX patient's), so the Encounter names none;
            // its class is still AMB from the episode.
            try importCSV("attendance", """
                group_code,starts_at,mrn,status,minutes_attended,recorded_by,recorded_at
                AA-AM,2026-10-05 07:30,00914,present,60,T001,2026-10-05 08:35
                """, into: database)
            _ = try export(database, site: "NYC", into: folder.appendingPathComponent("nyc"))
            let nyc = try parse(folder.appendingPathComponent("nyc"))
            #expect(nyc.problems == [])
            #expect(nyc.references.subtracting(nyc.ids) == [])
            let kit = try id(database, "SELECT id FROM carelog.patient WHERE mrn = '00914'")
            let walkIn = try #require(try lines(folder.appendingPathComponent("nyc"), "Encounter.ndjson")
                .first { $0.contains(#""subject":{"reference":"Patient/pt-\#(kit)"}"#) })
            #expect(!walkIn.contains("episodeOfCare"))
            #expect(walkIn.contains(#""code":"AMB","display":"ambulatory""#))
        }

        @Test("export verify checks the NDJSON files: intact as written, a flipped byte or a dropped line is named")
        func verify() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            _ = try export(database, into: folder)
            let (console, _) = Console.recording()
            let intact = try ExportOperation.verify(directory: folder.path, console: console)
            #expect(intact.isIntact)
            #expect(intact.rowsCounted == Self.octoberCounts.values.reduce(0, +) - 1)  // no consent in this database
            #expect(intact.filesChecked == 14)

            // One byte of Encounter.ndjson flipped (a digit of a minute count: 45 → 46).
            let encounters = folder.appendingPathComponent("Encounter.ndjson")
            let original = try Data(contentsOf: encounters)
            let text = String(decoding: original, as: UTF8.self)
            let range = try #require(text.range(of: #""length":{"value":45"#))
            var altered = original
            let offset = text.utf8.distance(from: text.startIndex, to: range.upperBound) - 1
            altered[offset] = UInt8(ascii: "6")
            try altered.write(to: encounters)
            let flipped = try ExportVerifier.verify(directory: folder)
            #expect(flipped.problems.count == 1)
            #expect(flipped.problems.first?.file == "Encounter.ndjson")
            #expect(flipped.problems.first?.description.contains("SHA-256") == true)
            let binary = try CarelogBinary.run(["export", "verify", folder.path])
            #expect(binary.status == 1, "\(binary)")
            #expect(binary.error.contains("Encounter.ndjson"), "\(binary)")

            // The last line dropped: the hash and the count.
            var lines = original.split(separator: 0x0A, omittingEmptySubsequences: true)
            lines.removeLast()
            try Data(lines.joined(separator: [0x0A]) + [0x0A]).write(to: encounters)
            let dropped = try ExportVerifier.verify(directory: folder)
            #expect(dropped.problems.map(\.description) == [
                "Encounter.ndjson: altered (SHA-256 \(try ExportVerifier.sha256(of: encounters).prefix(12))… instead of "
                    + "\(Digest.sha256Hex(original).prefix(12))…; 3 resources instead of 4)",
            ])
        }

        /// Every byte of the bundle's NDJSON files and manifest, as text.
        func allText(_ folder: URL) throws -> String {
            try (Self.files + ["manifest.json"]).map { String(decoding: try Data(contentsOf: folder.appendingPathComponent($0)), as: UTF8.self) }
                .joined(separator: "\n")
        }

        @Test("--deidentify: no MRN, name, plan or group code, birth date or full date anywhere; years kept; two runs share no id")
        func deidentified() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try importCSV("consents", Self.consent, into: database)
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            _ = try export(database, from: "2026-01-01", to: "2026-12-31", pseudonymizer: .random(), into: folder.appendingPathComponent("a"))
            _ = try export(database, from: "2026-01-01", to: "2026-12-31", pseudonymizer: .random(), into: folder.appendingPathComponent("b"))
            let text = try allText(folder.appendingPathComponent("a"))
            for value in ["00912", "00913", "00914", "Fay", "Moss", "Gus", "Hale", "Kit", "Vale", "Reyes", "Okafor", "Ana", "LCSW", "CADC",
                          "P-912", "P-913", "AA-AM", "W-PROC", "M-RP", "Morning 12-step", "Identify triggers", "Abstain", "County HIE",
                          "care coordination", "1990-04-01", "1985-11-30", "2001-02-14", "T001", "T002"] {
                #expect(!text.contains(value), "\(value) is in the de-identified export")
            }
            let fullDate = try NSRegularExpression(pattern: #"\d{4}-\d{2}"#)
            let ndjson = try Self.files.map { String(decoding: try Data(contentsOf: folder.appendingPathComponent("a/" + $0)), as: UTF8.self) }
                .joined(separator: "\n")
            #expect(fullDate.numberOfMatches(in: ndjson, range: NSRange(ndjson.startIndex..., in: ndjson)) == 0)
            // Birth years (all under 90), episode years.
            let patients = try lines(folder.appendingPathComponent("a"), "Patient.ndjson")
            for year in ["1985", "1990", "2001"] {
                #expect(patients.filter { $0.contains(#""birthDate":"\#(year)""#) }.count == 1, "\(year)")
            }
            #expect(try lines(folder.appendingPathComponent("a"), "Encounter.ndjson").allSatisfy { $0.contains(#""period":{"start":"2026"}"#) && !$0.contains("participant") })
            // Two runs: no id in common.
            let (first, _, _) = try parse(folder.appendingPathComponent("a"))
            let (second, _, _) = try parse(folder.appendingPathComponent("b"))
            let siteIDs = first.filter { $0.hasPrefix("Organization/") || $0.hasPrefix("Location/") }
            #expect(first.subtracting(siteIDs).intersection(second) == [])
            #expect(first.count == second.count)
        }

        @Test("--deidentify: a patient 90 or older on the period's last day has no birth date at all")
        func ninetyPlus() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try importCSV("patients", """
                mrn,first_name,last_name,date_of_birth,gender,site_code
                00913,Gus,Hale,1936-06-30,male,NYC
                """, into: database)
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            _ = try export(database, from: "2026-01-01", to: "2026-12-31", pseudonymizer: .random(), into: folder)
            let patients = try lines(folder, "Patient.ndjson")
            #expect(patients.count == 3)
            #expect(patients.filter { !$0.contains("birthDate") }.count == 1)
            #expect(patients.filter { !$0.contains("birthDate") }.first?.contains(#""gender":"male""#) == true)
            let text = try allText(folder)
            #expect(!text.contains(#""birthDate":"1936""#) && !text.contains("1936-06-30"))
        }

        @Test("--pseudonymize: keyed ids, the same in two runs; no MRN, name, birth date or free text")
        func pseudonymized() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let key = Data("fhir-test-key-0123456789abcdef".utf8)
            _ = try export(database, pseudonymizer: try Pseudonymizer(key: key), into: folder.appendingPathComponent("a"))
            _ = try export(database, pseudonymizer: try Pseudonymizer(key: key), into: folder.appendingPathComponent("b"))
            let text = try allText(folder.appendingPathComponent("a"))
            for value in ["00912", "00913", "00914", "Fay", "Moss", "Gus", "Hale", "Reyes", "LCSW", "1990-04-01", "1985-11-30",
                          "P-913", "M-RP", "Identify triggers", "Men's relapse prevention", "T001"] {
                #expect(!text.contains(value), "\(value) is in the pseudonymised export")
            }
            // Patient ids are the keyed pseudonyms of the CSV export (Pseudonymizer).
            let pseudonym = try Pseudonymizer(key: key).pseudonym(for: "00913")
            #expect(try lines(folder.appendingPathComponent("a"), "Patient.ndjson").contains { $0.contains(#""id":"\#(pseudonym)""#) })
            // Same key, same database: the same resources, byte for byte.
            for name in Self.files {
                #expect(try lines(folder.appendingPathComponent("a"), name) == lines(folder.appendingPathComponent("b"), name), "\(name)")
            }
        }

        @Test("a FHIR export with a recipient is a disclosure: recorded with recipient, purpose, basis, its files and patients")
        func disclosure() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let manifest = try export(
                database, disclosure: try DisclosureRequest(recipient: "State licensing board", purpose: "annual licensing audit", basis: .audit),
                by: "D001", into: folder)
            #expect(manifest.parameters.disclosure?.recipient == "State licensing board")
            #expect(manifest.parameters.disclosure?.patients == 3)
            let notice = String(decoding: try Data(contentsOf: folder.appendingPathComponent("NOTICE.txt")), as: UTF8.self)
            #expect(notice.contains("Recipient:     State licensing board\n"))
            #expect(notice.contains("This bundle:   FHIR R4 export of 2026-10-01 to 2026-10-31, all sites\n"))
            let connection = try database.connect()
            defer { connection.close() }
            let row = try #require(try connection.query("""
                SELECT d.recipient, d.purpose, d.basis, s.staff_id, jsonb_array_length(d.files) AS files,
                       (SELECT string_agg(p.mrn, ' ' ORDER BY p.mrn) FROM carelog.disclosure_patient dp
                          JOIN carelog.patient p ON p.id = dp.patient_id WHERE dp.disclosure_id = d.id) AS mrns,
                       (SELECT f ->> 'rows' FROM jsonb_array_elements(d.files) AS f WHERE f ->> 'name' = 'Encounter.ndjson') AS encounters
                  FROM carelog.disclosure d LEFT JOIN carelog.staff s ON s.id = d.acting_staff_id
                """).first)
            #expect(try ["recipient", "purpose", "basis", "staff_id", "files", "mrns", "encounters"].map { try row[$0] }
                    == ["State licensing board", "annual licensing audit", "audit", "D001", "14", "00912 00913 00914", "4"])
            let result = try CarelogBinary.run(["disclosures", "--mrn", "00913", "--format", "csv"] + database.databaseArguments)
            #expect(result.status == 0, "\(result)")
            #expect(result.output.split(separator: "\r\n").count == 2)
        }

        @Test("the binary: --format fhir writes the bundle; a bad --format is a usage error (2); an output folder that cannot be made fails (1), one in the way is refused (2)")
        func exitStatuses() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let period = ["--from", "2026-10-01", "--to", "2026-10-31"]
            let written = try CarelogBinary.run(["export", "--format", "fhir"] + period + ["--out", folder.appendingPathComponent("ok").path]
                                                + database.databaseArguments)
            #expect(written.status == 0, "\(written)")
            #expect(written.output.hasPrefix("Wrote the FHIR R4 export of 2026-10-01 to 2026-10-31 to "), "\(written)")
            #expect(written.output.contains(": 14 files, 28 resources, snapshot "), "\(written)")
            let verified = try CarelogBinary.run(["export", "verify", folder.appendingPathComponent("ok").path])
            #expect(verified.status == 0, "\(verified)")

            let bad = try CarelogBinary.run(["export", "--format", "xml"] + period + ["--out", folder.appendingPathComponent("x").path]
                                            + database.databaseArguments)
            #expect(bad.status == 2, "\(bad)")
            #expect(bad.error.contains("The value 'xml' is invalid for '--format <format>'. Please provide one of 'csv' and 'fhir'."), "\(bad)")

            let mrnSystemWithoutFHIR = try CarelogBinary.run(["export", "--mrn-system", "urn:oid:1.2.3"] + period
                                                             + ["--out", folder.appendingPathComponent("y").path] + database.databaseArguments)
            #expect(mrnSystemWithoutFHIR.status == 2, "\(mrnSystemWithoutFHIR)")

            let unreachable = try CarelogBinary.run(["export", "--format", "fhir"] + period
                                                    + ["--out", "/proc/carelog-no-such-folder/out"] + database.databaseArguments)
            #expect(unreachable.status == 1, "\(unreachable)")
            #expect(unreachable.error.contains("carelog: error: could not create the folder /proc/carelog-no-such-folder"), "\(unreachable)")

            let occupied = try CarelogBinary.run(["export", "--format", "fhir"] + period + ["--out", folder.appendingPathComponent("ok").path]
                                                 + database.databaseArguments)
            #expect(occupied.status == 2, "\(occupied)")
            #expect(occupied.error.contains("already exists and is not empty"), "\(occupied)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x").path))

            // --mrn-system names the MRNs' system.
            let system = try CarelogBinary.run(["export", "--format", "fhir", "--mrn-system", "urn:oid:2.16.840.1.113883.3.999.1"] + period
                                               + ["--out", folder.appendingPathComponent("oid").path] + database.databaseArguments)
            #expect(system.status == 0, "\(system)")
            #expect(try lines(folder.appendingPathComponent("oid"), "Patient.ndjson").allSatisfy {
                $0.contains(#""system":"urn:oid:2.16.840.1.113883.3.999.1","value":"009"#) })
        }

        @Test("a therapist's FHIR export holds its caseload and groups only; an auditor's holds everything")
        func byRole() throws {
            let fixture = try AccessFixture()
            let folder = scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            func counts(_ login: String) throws -> [String: Int] {
                let (console, _) = Console.recording()
                let manifest = try ExportOperation.export(
                    target: fixture.target(as: login), from: "2026-10-01", to: "2026-10-31", site: nil,
                    directory: folder.appendingPathComponent(login).path, pseudonymizer: nil, format: .fhir, console: console)
                return Dictionary(uniqueKeysWithValues: manifest.files.filter { $0.name.hasSuffix(".ndjson") }.map { ($0.name, $0.rows) })
            }
            // T003 (see AccessFixture): attendance it may read is 4 rows (its LAX-AA session,
            // 00913's AA-AM and M-RP), patients 00913, 00914, 00915, the plan P-913.
            let therapist = try counts(fixture.otherTherapist)
            #expect(therapist["Encounter.ndjson"] == 4)
            #expect(therapist["Patient.ndjson"] == 3)
            #expect(therapist["CarePlan.ndjson"] == 1)
            #expect(therapist["Observation.ndjson"] == 0)   // 00912's PHQ-9 is not its patient's
            // The auditor reads everything: 6 attendance records, 5 patients, 2 plans, 00912's PHQ-9.
            let auditor = try counts(fixture.auditor)
            #expect(auditor["Encounter.ndjson"] == 6)
            #expect(auditor["Patient.ndjson"] == 5)
            #expect(auditor["CarePlan.ndjson"] == 2)
            #expect(auditor["Observation.ndjson"] == 1)
            // Both bundles are closed under reference.
            for login in [fixture.otherTherapist, fixture.auditor] {
                let (ids, references, problems) = try parse(folder.appendingPathComponent(login))
                #expect(problems == [], "\(login)")
                #expect(references.subtracting(ids) == [], "\(login)")
            }
        }
    }
}
