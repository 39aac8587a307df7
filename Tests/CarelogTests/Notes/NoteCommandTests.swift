import Foundation
import Postgres
import Testing

@testable import Carelog

/// `carelog note draft|save|sign|cosign|addendum|show` on the import fixture:
/// AA-AM 2026-10-05 07:30 (NYC, 60 minutes, facilitator T001 Ana Reyes, LCSW) with
/// 00912 Fay Moss present (open goal G1, substance_use) and 00913 Gus Hale late
/// (goal G1, relapse, met on 2026-10-14 and so open that day); M-RP 2026-10-07
/// 17:00 (T002 Ben Okafor, CADC: does not sign alone) with 00913 left early.
extension DatabaseTests {
    @Suite("notes: the command line")
    struct NoteCommandTests {
        static let amTemplate = """
            # carelog group note: fill in every field, then run `carelog note save FILE`.
            # Lines that start with # are comments; a field goes on to the lines below it
            # that start with two spaces. Leave out the section of a patient you do not write about.
            # AA-AM Morning 12-step, New York House, 2026-10-05 07:30, 60 minutes, facilitator T001 Ana Reyes
            # service codes (minutes a unit): 90853 (45), H0005 (45), H2035 (60)
            group: AA-AM
            at: 2026-10-05 07:30
            service:
            minutes: 60
            topic:
            interventions:

            == 00912 Fay Moss (present)
            # open goals:
            #   G1 (substance_use) Abstain; attend daily meetings
            goals:
            participation:
            response:
            progress:

            == 00913 Gus Hale (late)
            # open goals:
            #   G1 (relapse) Identify triggers
            goals:
            participation:
            response:
            progress:

            """

        static let amFilled = """
            group: AA-AM
            at: 2026-10-05 7:30
            service: h0005
            minutes: 55
            topic: Cravings at work
            interventions: Urge surfing
              Role play of refusal skills

            == 00912 Fay Moss (present)
            goals: G1
            participation: Shared a near-relapse at work
            response: Practised urge surfing with the group
            progress: Names two triggers; G1 on track

            == 00913
            participation: Arrived 15 minutes late; listened
            response: Quiet
            progress: No change

            """

        static func folder() throws -> URL {
            let folder = ScratchFolder.url("notes")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return folder
        }

        @Test("draft → save → sign → addendum → show through the binary, with exact output; the template lists exactly the attendees")
        func wholePath() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = try Self.folder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let session = ["--group", "AA-AM", "--at", "2026-10-05 07:30"]

            let draft = try CarelogBinary.run(["note", "draft"] + session + database.databaseArguments)
            #expect(draft.status == 0, "\(draft)")
            #expect(draft.output == Self.amTemplate)
            // --out writes the same text, readable by its owner only.
            let file = folder.appendingPathComponent("note.txt")
            let written = try CarelogBinary.run(["note", "draft"] + session + ["--out", file.path, "-q"] + database.databaseArguments)
            #expect(written.status == 0 && written.output == "" && written.error == "", "\(written)")
            #expect(try String(contentsOf: file, encoding: .utf8) == Self.amTemplate)
            #expect((try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int) == 0o600)

            try Self.amFilled.write(to: file, atomically: true, encoding: .utf8)
            let save = try CarelogBinary.run(["note", "save", file.path, "--by", "T001", "-q"] + database.databaseArguments)
            #expect(save.status == 0, "\(save)")
            #expect(save.output == "AA-AM 2026-10-05 07:30: draft saved with 2 participant sections\n")
            // The saved draft fills the next template in.
            let again = try CarelogBinary.run(["note", "draft"] + session + database.databaseArguments)
            #expect(again.outputLines.contains("interventions: Urge surfing"))
            #expect(again.outputLines.contains("  Role play of refusal skills"))
            #expect(again.outputLines.contains("progress: Names two triggers; G1 on track"))

            let sign = try CarelogBinary.run(["note", "sign"] + session + ["--by", "T001", "-q"] + database.databaseArguments)
            #expect(sign.status == 0, "\(sign)")
            #expect(sign.output == "AA-AM 2026-10-05 07:30: note signed by T001 (LCSW); it is final: changes go in addenda\n")
            let addendum = try CarelogBinary.run(
                ["note", "addendum"] + session + ["--by", "T001", "--mrn", "00913", "--text", "Late: bus strike.", "-q"] + database.databaseArguments)
            #expect(addendum.output == "AA-AM 2026-10-05 07:30: addendum added to the section of 00913 by T001\n", "\(addendum)")

            let connection = try database.connect()
            let signedAt = try #require(try connection.scalar(
                "SELECT to_char(signed_at AT TIME ZONE 'America/New_York', 'YYYY-MM-DD HH24:MI') FROM carelog.session_note"))
            let addedAt = try #require(try connection.scalar(
                "SELECT to_char(added_at AT TIME ZONE 'America/New_York', 'YYYY-MM-DD HH24:MI') FROM carelog.note_addendum"))
            let show = try CarelogBinary.run(["note", "show"] + session + ["-q"] + database.databaseArguments)
            #expect(show.status == 0, "\(show)")
            #expect(show.output == """
                AA-AM Morning 12-step, 2026-10-05 07:30 (New York House), 60 minutes, facilitator T001 Ana Reyes
                status: signed by T001 Ana Reyes (LCSW) at \(signedAt)
                service: H0005, 55 minutes
                topic: Cravings at work
                interventions: Urge surfing
                  Role play of refusal skills

                00912 Fay Moss (present)
                  goals: G1
                  participation: Shared a near-relapse at work
                  response: Practised urge surfing with the group
                  progress: Names two triggers; G1 on track

                00913 Gus Hale (late)
                  goals: none
                  participation: Arrived 15 minutes late; listened
                  response: Quiet
                  progress: No change

                addenda:
                  \(addedAt) T001 Ana Reyes, on 00913: Late: bus strike.

                """)
            // One patient's part alone: its section, and the addenda to it or to the whole note.
            let one = try CarelogBinary.run(["note", "show"] + session + ["--mrn", "00912", "-q"] + database.databaseArguments)
            #expect(one.outputLines.filter { $0.hasPrefix("009") } == ["00912 Fay Moss (present)"])
            #expect(!one.output.contains("addenda:"))

            // Signed: saving again is refused, naming the line and what to do instead.
            let resave = try CarelogBinary.run(["note", "save", file.path, "--by", "T001", "-q"] + database.databaseArguments)
            #expect(resave.status == 3)
            #expect(resave.errorLines.contains(
                "line 2, field at: the note of AA-AM 2026-10-05 07:30 is signed and final: add to it with "
                    + "`carelog note addendum --group AA-AM --at \"2026-10-05 07:30\" --text \"…\"`"), "\(resave)")
            #expect(try connection.scalar("SELECT topic FROM carelog.session_note") == "Cravings at work")
        }

        @Test("note save lists every problem of the file with its line and field, and saves nothing")
        func everyProblem() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = try Self.folder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("note.txt")
            try """
                group: AA-AM
                at: 2026-10-05 07:30
                service: X999
                minutes: an hour
                topic: Cravings
                mood: calm

                == 00912
                goals: G1, G9
                participation: Shared
                response: Engaged

                == 00914
                participation: x
                response: x
                progress: x

                == 00912
                participation: again
                """.write(to: file, atomically: true, encoding: .utf8)
            let error = #expect(throws: CarelogError.self) {
                try NoteOperation.save(target: database.target, file: file, by: "T001", console: Console.recording().0)
            }
            #expect(error?.exitCode == 3)
            #expect(error?.message == "note.txt: 10 problems; nothing was saved")
            #expect(error?.suggestion == """
                line 3, field service: "X999" is not a service code: use one of 90853, H0005, H2035
                line 4, field minutes: "an hour" is not a number of minutes: write the minutes the session lasted, e.g. 60
                line 6, field mood: not a field of the note's header (its fields: group, at, service, minutes, topic, interventions)
                line 8, field interventions: missing: write the interventions used after "interventions:"
                line 8, field progress: empty in the section of 00912: write how the patient progressed on the plan's goals
                line 9, field goals: G9 is not one of 00912's goals open on the session's day (open: G1)
                line 13, field mrn: 00914 did not attend this session (no attendance record): a section is written for a patient recorded present, late or left early; remove it, or correct the roll with `carelog attendance record --correct`
                line 18, field mrn: 00912 has a section already (line 8): keep one
                line 18, field progress: empty in the section of 00912: write how the patient progressed on the plan's goals
                line 18, field response: empty in the section of 00912: write how the patient responded to the interventions
                Fix the file and run `carelog note save \(file.path)` again.
                """)
            #expect(try database.connect().count("carelog.session_note") == 0)
        }

        @Test("a session without attendance is refused, naming attendance record; an unknown time lists the day's sessions")
        func noAttendance() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            try importCSV("sessions", "group_code,starts_at,duration_minutes,facilitator,status\nAA-AM,2026-10-08 07:30,60,T001,held", into: database)
            let result = try CarelogBinary.run(["note", "draft", "--group", "AA-AM", "--at", "2026-10-08 07:30", "-q"] + database.databaseArguments)
            #expect(result.status == 3)
            #expect(result.error == """
                carelog: error: AA-AM 2026-10-08 07:30 has no attendance recorded, so its note has no participants yet
                Record the roll first: carelog attendance record --group AA-AM --at "2026-10-08 07:30" --all-present; nothing was written.

                """)
            let mistyped = try CarelogBinary.run(["note", "sign", "--group", "AA-AM", "--at", "2026-10-05 07:00", "--by", "T001", "-q"] + database.databaseArguments)
            #expect(mistyped.status == 3)
            #expect(mistyped.errorLines.first == "carelog: error: AA-AM has no session at 2026-10-05 07:00", "\(mistyped)")
            let none = try CarelogBinary.run(["note", "show", "--group", "AA-AM", "--at", "2026-10-05 07:30", "-q"] + database.databaseArguments)
            #expect(none.status == 3)
            #expect(none.errorLines.first == "carelog: error: AA-AM 2026-10-05 07:30 has no note yet")
        }

        @Test("co-signature: a counselor's note awaits it; not by the signer; a director co-signs")
        func cosignature() throws {
            let database = try TestDatabase()
            try ImportFixture.load(into: database)
            let folder = try Self.folder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("m-rp.txt")
            try """
                group: M-RP
                at: 2026-10-07 17:00
                service: 90853
                minutes: 60
                topic: High-risk situations
                interventions: Relapse-prevention worksheet

                == 00913
                participation: Left after 30 minutes
                response: Completed half the worksheet
                progress: Partial
                """.write(to: file, atomically: true, encoding: .utf8)
            let (console, recording) = Console.recording()
            try NoteOperation.save(target: database.target, file: file, by: "T002", console: console)
            try NoteOperation.sign(target: database.target, groupCode: "M-RP", startsAt: "2026-10-07 17:00", by: "T002", console: console)
            let signed = "M-RP 2026-10-07 17:00: note signed by T002; T002's credentials do not sign alone, "
                + "so it awaits a co-signature by a director or a credentialed therapist (`carelog note cosign --group M-RP --at \"2026-10-07 17:00\"`)"
            #expect(recording.output.split(separator: "\n").last.map(String.init) == signed)
            let ownCosign = #expect(throws: CarelogError.self) {
                try NoteOperation.cosign(target: database.target, groupCode: "M-RP", startsAt: "2026-10-07 17:00", by: "T002", console: console)
            }
            #expect(ownCosign?.exitCode == 3)
            #expect(ownCosign?.message == "the note of M-RP at 2026-10-07 17:00 is co-signed by a director or by a staff member who signs alone, other than its signer")
            try NoteOperation.cosign(target: database.target, groupCode: "M-RP", startsAt: "2026-10-07 17:00", by: "D001", console: console)
            #expect(recording.output.split(separator: "\n").last == "M-RP 2026-10-07 17:00: note co-signed by D001")
            let connection = try database.connect()
            let times = try #require(try connection.query("""
                SELECT to_char(signed_at AT TIME ZONE 'America/New_York', 'YYYY-MM-DD HH24:MI') AS signed,
                       to_char(cosigned_at AT TIME ZONE 'America/New_York', 'YYYY-MM-DD HH24:MI') AS cosigned
                  FROM carelog.session_note
                """).first)
            let (show, shown) = Console.recording()
            try NoteOperation.show(target: database.target, groupCode: "M-RP", startsAt: "2026-10-07 17:00", mrn: nil, console: show)
            #expect(shown.output.split(separator: "\n")[1] == "status: signed by T002 Ben Okafor at \(try times.decode("signed", as: String.self)); "
                + "co-signed by D001 Dora Lind at \(try times.decode("cosigned", as: String.self))")
        }

        @Test("a note file's fields run on over indented lines; comments and blank lines are skipped")
        func parsing() {
            let (file, problems) = NoteFile.parse("# header\r\ngroup: G\nat: 2026-10-05 07:30\nservice: h0005\nminutes: 60\ntopic: a\n  b\ninterventions: c\n\n== 01 name (present)\n# goals\ngoals: G1,G2 G1\nparticipation: p\nresponse: r\nprogress: q\n  r\n")
            #expect(problems == [])
            #expect(file.topic == "a\nb")
            #expect(file.service == "H0005")
            #expect(file.sections.map(\.mrn) == ["01"])
            #expect(file.sections[0].goals.map(\.code) == ["G1", "G2"])
            #expect(file.sections[0].progress == "q\nr")
        }
    }
}
