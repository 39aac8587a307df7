import Foundation
import Postgres

/// `carelog note`: the progress note of a group session (docs/notes.md).
///
/// A therapist drafts it from a template (`draft`), saves the edited file (`save`,
/// all or nothing), signs it (`sign`), and after that only adds addenda
/// (`addendum`); a note signed under a credential that does not sign alone waits
/// for a `cosign`. The database holds every rule (sql/018); the checks here come
/// first only to name the line, the field and what to do next.
public enum NoteOperation {
    /// The session a note command names, as `queries/note/session.sql` reads it.
    struct Session {
        var id: Int64
        var groupCode: String
        var groupName: String
        var siteName: String
        var start: String
        var duration: Int
        var facilitator: String
        var records: Int
        var noteStatus: String

        var label: String { "\(groupCode) \(start)" }
        var atOption: String { "--group \(groupCode) --at \"\(start)\"" }
    }

    // MARK: - draft

    /// Writes the template of the note of `groupCode` at `startsAt` to `out` (0600,
    /// whole or not at all), or prints it. A saved draft fills it in.
    @discardableResult
    public static func draft(target: DatabaseTarget, groupCode: String, startsAt: String, out: URL?, console: Console) throws -> String {
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let text = try connection.transaction(.snapshot) {
            let session = try findSession(connection, groupCode: groupCode, startsAt: startsAt)
            guard session.records > 0 else {
                throw CarelogError(.validation, "\(session.label) has no attendance recorded, so its note has no participants yet",
                                   suggestion: "Record the roll first: carelog attendance record \(session.atOption) --all-present; nothing was written.")
            }
            if session.noteStatus == "signed" {
                throw CarelogError(.validation, "the note of \(session.label) is signed: it is final",
                                   suggestion: "Read it with `carelog note show \(session.atOption)`; add to it with `carelog note addendum \(session.atOption) --text \"…\"`.")
            }
            return try template(connection, session)
        }
        if let out {
            try StagedOutput.write(Data(text.utf8), to: out)
            console.note("wrote the note template of \(groupCode) to \(out.path): fill it in, then run `carelog note save \(out.path)`")
        } else {
            console.write(text)
        }
        return text
    }

    static func template(_ connection: Connection, _ session: Session) throws -> String {
        let saved = try connection.query(StoredQuery.named("note/note", session.id)).first
        var sections: [String: [String: String]] = [:]
        for row in try connection.query(StoredQuery.named("note/sections", session.id, nil as String?)) {
            sections[try row.decode("mrn")] = [
                "goals": try row.decode("goals"), "participation": try row.decode("participation"),
                "response": try row.decode("response"), "progress": try row.decode("progress"),
            ]
        }
        let codes = try connection.query(StoredQuery.named("note/service_codes")).map {
            "\(try $0.decode("code", as: String.self)) (\(try $0.decode("minutes_per_unit", as: Int.self)))"
        }
        var lines = [
            "# carelog group note: fill in every field, then run `carelog note save FILE`.",
            "# Lines that start with # are comments; a field goes on to the lines below it",
            "# that start with two spaces. Leave out the section of a patient you do not write about.",
            "# \(session.groupCode) \(session.groupName), \(session.siteName), \(session.start), \(session.duration) minutes, facilitator \(session.facilitator)",
            "# service codes (minutes a unit): \(codes.joined(separator: ", "))",
            "group: \(session.groupCode)",
            "at: \(session.start)",
            NoteFile.field("service", try saved?.decodeIfPresent("service_code", as: String.self) ?? ""),
            NoteFile.field("minutes", String(try saved?.decodeIfPresent("minutes", as: Int.self) ?? session.duration)),
            NoteFile.field("topic", try saved?.decode("topic", as: String.self) ?? ""),
            NoteFile.field("interventions", try saved?.decode("interventions", as: String.self) ?? ""),
        ]
        for row in try connection.query(StoredQuery.named("note/attendees", session.id)) {
            let mrn: String = try row.decode("mrn")
            let goals = try row.decode("open_goals", as: String.self)
                .split(separator: "\n").map { "#   " + $0.replacingOccurrences(of: "\r", with: " ") }
            let section = sections[mrn] ?? [:]
            lines += ["", "== \(mrn) \(try row.decode("name", as: String.self)) (\(try row.decode("status", as: String.self)))"]
            lines += goals.isEmpty ? ["# open goals: none"] : ["# open goals:"] + goals
            lines += NoteFile.sectionFields.map { NoteFile.field($0, section[$0] ?? "") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - save

    /// Stores or replaces the draft a note file describes: every problem of the file
    /// is listed with its line and field, and then nothing is saved (exit 3).
    public static func save(target: DatabaseTarget, file: URL, by staffID: String, console: Console) throws {
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw CarelogError(.usage, "cannot read \(file.path) as UTF-8 text",
                               suggestion: "Name the file `carelog note draft --out FILE` wrote and you filled in.")
        }
        let (note, found) = NoteFile.parse(text)
        var problems = found
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let (session, count) = try connection.transaction { () -> (Session?, Int) in
            try ActingStaff.setForRecords(staffID, on: connection)
            var session: Session?
            if !note.group.isEmpty && !note.at.isEmpty {
                do {
                    session = try findSession(connection, groupCode: note.group, startsAt: note.at)
                } catch let error as CarelogError {
                    let field = error.message.hasPrefix("there is no group") ? "group" : "at"
                    problems.append(NoteFile.Problem(line: note.lines[field] ?? 1, field: field,
                                                     message: error.message + (error.suggestion.map { ": " + $0 } ?? "")))
                }
            }
            if let session {
                let line = note.lines["at"] ?? 1
                if session.noteStatus == "signed" {
                    problems.append(NoteFile.Problem(line: line, field: "at", message:
                        "the note of \(session.label) is signed and final: add to it with `carelog note addendum \(session.atOption) --text \"…\"`"))
                } else if session.records == 0 {
                    problems.append(NoteFile.Problem(line: line, field: "at", message:
                        "\(session.label) has no attendance recorded: record it first with `carelog attendance record \(session.atOption)`"))
                } else {
                    try requireMayWrite(connection, session)
                    problems += try sectionProblems(connection, session, note)
                }
            }
            if !note.service.isEmpty {
                let codes = try connection.query(StoredQuery.named("note/service_codes")).map { try $0.decode("code", as: String.self) }
                if !codes.contains(note.service) {
                    problems.append(NoteFile.Problem(line: note.lines["service"] ?? 1, field: "service",
                                                     message: "\"\(note.service)\" is not a service code: use one of \(codes.joined(separator: ", "))"))
                }
            }
            guard problems.isEmpty, let session, let minutes = note.minutes else {
                problems.sort { ($0.line, $0.field ?? "") < ($1.line, $1.field ?? "") }
                throw CarelogError(
                    .validation, "\(file.lastPathComponent): \(problems.count) problem\(problems.count == 1 ? "" : "s"); nothing was saved",
                    suggestion: problems.map(\.description).joined(separator: "\n") + "\nFix the file and run `carelog note save \(file.path)` again.")
            }
            let noteID: Int64 = try connection.query(StoredQuery.named(
                "note/save_note", session.id, note.topic, note.interventions, minutes, note.service))[0].decode("id")
            try connection.query(StoredQuery.named("note/delete_sections", noteID))
            let sections = note.sections
            try connection.query(StoredQuery.named(
                "note/insert_sections", noteID, session.id, sections.map(\.mrn), sections.map(\.participation),
                sections.map(\.response), sections.map(\.progress), sections.map { $0.goals.map(\.code).joined(separator: ",") }))
            return (session, sections.count)
        }
        guard let session else { return }
        console.print("\(session.label): draft saved with \(count) participant section\(count == 1 ? "" : "s")")
        console.note("sign it with `carelog note sign \(session.atOption)`; until then `note save` replaces it")
    }

    /// The problems of the file's sections the database finds (MRNs, attendance, goals).
    private static func sectionProblems(_ connection: Connection, _ session: Session, _ note: NoteFile) throws -> [NoteFile.Problem] {
        let goals = note.sections.flatMap { section in section.goals.map { (line: $0.line, mrn: section.mrn, code: $0.code) } }
        return try connection.query(StoredQuery.named(
            "note/check_sections", session.id, note.sections.map { String($0.line) }, note.sections.map(\.mrn),
            goals.map { String($0.line) }, goals.map(\.mrn), goals.map(\.code)
        )).map {
            NoteFile.Problem(line: try $0.decode("line"), field: try $0.decode("field"), message: try $0.decode("problem"))
        }
    }

    // MARK: - sign, cosign, addendum

    /// Signs the saved draft as `staffID`: from then on it is final.
    public static func sign(target: DatabaseTarget, groupCode: String, startsAt: String, by staffID: String, console: Console) throws {
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let (session, signed, unwritten) = try connection.transaction { () -> (Session, Signature, [String]) in
            try ActingStaff.setForRecords(staffID, on: connection)
            let session = try findSession(connection, groupCode: groupCode, startsAt: startsAt)
            switch session.noteStatus {
            case "missing":
                throw noNote(session)
            case "signed":
                throw CarelogError(.validation, "the note of \(session.label) is signed already",
                                   suggestion: "Read it with `carelog note show \(session.atOption)`; add to it with `carelog note addendum`.")
            default: break
            }
            try requireMayWrite(connection, session)
            let written = Set(try connection.query(StoredQuery.named("note/sections", session.id, nil as String?)).map { try $0.decode("mrn", as: String.self) })
            let attended = try connection.query(StoredQuery.named("note/attendees", session.id)).map { try $0.decode("mrn", as: String.self) }
            let signed = try refusingClearly {
                try connection.query(StoredQuery.named("note/sign", session.id))
            }
            guard let row = signed.first else {
                throw CarelogError(.validation, "the note of \(session.label) could not be signed by this login",
                                   suggestion: "Only the session's facilitators or a director sign its note; nothing was signed.")
            }
            return (session, Signature(cosign: try row.decode("cosign_required"), credential: try row.decodeIfPresent("signer_credential")),
                    attended.filter { !written.contains($0) })
        }
        for mrn in unwritten {
            console.warning("\(mrn) attended \(session.label) and has no section in its note (a documentation gap)")
        }
        if signed.cosign {
            console.print("\(session.label): note signed by \(staffID); \(staffID)'s credentials do not sign alone, "
                          + "so it awaits a co-signature by a director or a credentialed therapist (`carelog note cosign \(session.atOption)`)")
        } else {
            console.print("\(session.label): note signed by \(staffID) (\(signed.credential ?? "")); it is final: changes go in addenda")
        }
    }

    struct Signature { var cosign: Bool; var credential: String? }

    /// Co-signs a signed note that awaits it, as `staffID` (a director, or a
    /// therapist whose credentials sign alone, who did not sign it).
    public static func cosign(target: DatabaseTarget, groupCode: String, startsAt: String, by staffID: String, console: Console) throws {
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let session = try connection.transaction { () -> Session in
            try ActingStaff.setForRecords(staffID, on: connection)
            let session = try findSession(connection, groupCode: groupCode, startsAt: startsAt)
            guard session.noteStatus != "missing" else { throw noNote(session) }
            let note = try connection.query(StoredQuery.named("note/note", session.id))[0]
            guard session.noteStatus == "signed" else {
                throw CarelogError(.validation, "the note of \(session.label) is a draft: it is signed before it is co-signed",
                                   suggestion: "Sign it first: carelog note sign \(session.atOption).")
            }
            if let by: String = try note.decodeIfPresent("cosigned_by") {
                throw CarelogError(.validation, "the note of \(session.label) is co-signed already, by \(by)",
                                   suggestion: "Nothing was written.")
            }
            guard try note.decode("cosign_required", as: Bool.self) else {
                throw CarelogError(.validation, "the note of \(session.label) needs no co-signature: its signer signs alone",
                                   suggestion: "Nothing was written.")
            }
            let written = try refusingClearly { try connection.query(StoredQuery.named("note/cosign", session.id)) }
            guard !written.isEmpty else {
                throw CarelogError(.validation, "this login may not co-sign the note of \(session.label)",
                                   suggestion: "A director of its site, or one of the session's facilitators whose credentials sign alone, co-signs it; nothing was written.")
            }
            return session
        }
        console.print("\(session.label): note co-signed by \(staffID)")
    }

    /// Adds `text` to a signed note, or to the section of `mrn`.
    public static func addendum(
        target: DatabaseTarget, groupCode: String, startsAt: String, mrn: String?, text: String, by staffID: String, console: Console
    ) throws {
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else {
            throw CarelogError(.usage, "the addendum is empty", suggestion: "Give its text with --text \"…\" or --file FILE.")
        }
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let session = try connection.transaction { () -> Session in
            try ActingStaff.setForRecords(staffID, on: connection)
            let session = try findSession(connection, groupCode: groupCode, startsAt: startsAt)
            guard session.noteStatus != "missing" else { throw noNote(session) }
            guard session.noteStatus == "signed" else {
                throw CarelogError(.validation, "the note of \(session.label) is a draft: change the draft itself",
                                   suggestion: "Write the change into the note file and run `carelog note save FILE`; an addendum follows a signed note.")
            }
            if let mrn, try connection.query(StoredQuery.named("note/sections", session.id, mrn)).isEmpty {
                throw CarelogError(.validation, "the note of \(session.label) has no section of \(mrn) that this login may read",
                                   suggestion: "Check the MRN with `carelog note show \(session.atOption)`, or leave out --mrn to add to the whole note.")
            }
            try requireMayWrite(connection, session)
            try refusingClearly { try connection.query(StoredQuery.named("note/add_addendum", session.id, mrn, body)) }
            return session
        }
        console.print("\(session.label): addendum added to \(mrn.map { "the section of \($0)" } ?? "the note") by \(staffID)")
    }

    // MARK: - show

    /// Prints the note with its sections, signatures and addenda; with `mrn`, that
    /// patient's section alone (and the addenda to it or to the whole note).
    public static func show(target: DatabaseTarget, groupCode: String, startsAt: String, mrn: String?, console: Console) throws {
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let lines = try connection.transaction(.snapshot) { () -> [String] in
            let session = try findSession(connection, groupCode: groupCode, startsAt: startsAt)
            guard let note = try connection.query(StoredQuery.named("note/note", session.id)).first else { throw noNote(session) }
            let sections = try connection.query(StoredQuery.named("note/sections", session.id, mrn))
            if let mrn, sections.isEmpty {
                throw CarelogError(.validation, "the note of \(session.label) has no section of \(mrn) that this login may read",
                                   suggestion: "Leave out --mrn to see the sections you may read.")
            }
            var lines = ["\(session.groupCode) \(session.groupName), \(session.start) (\(session.siteName)), \(session.duration) minutes, facilitator \(session.facilitator)"]
            lines.append("status: " + (try statusLine(note)))
            let service = try note.decodeIfPresent("service_code", as: String.self) ?? "none"
            let minutes = try note.decodeIfPresent("minutes", as: Int.self).map { "\($0) minutes" } ?? "minutes not given"
            lines.append("service: \(service), \(minutes)")
            lines.append(indented("topic", try note.decode("topic")))
            lines.append(indented("interventions", try note.decode("interventions")))
            for section in sections {
                lines.append("")
                lines.append("\(try section.decode("mrn", as: String.self)) \(try section.decode("name", as: String.self)) (\(try section.decode("attendance", as: String.self)))")
                let goals: String = try section.decode("goals")
                lines.append(indented("  goals", goals.isEmpty ? "none" : goals))
                for field in ["participation", "response", "progress"] {
                    lines.append(indented("  " + field, try section.decode(field)))
                }
            }
            let addenda = try connection.query(StoredQuery.named("note/addenda", session.id, mrn))
            if !addenda.isEmpty {
                lines.append("")
                lines.append("addenda:")
                for addendum in addenda {
                    let to = try addendum.decodeIfPresent("mrn", as: String.self).map { ", on \($0)" } ?? ""
                    lines.append(indented("  \(try addendum.decode("added_at", as: String.self)) \(try addendum.decode("author_id", as: String.self)) "
                                          + "\(try addendum.decode("author_name", as: String.self))\(to)", try addendum.decode("body")))
                }
            }
            return lines
        }
        for line in lines { console.print(line) }
    }

    private static func statusLine(_ note: Postgres.Row) throws -> String {
        guard try note.decode("status", as: String.self) == "signed" else {
            return "draft, last saved \(try note.decode("written_at", as: String.self)) (author \(try note.decode("author_id", as: String.self)) \(try note.decode("author_name", as: String.self)))"
        }
        let credential = try note.decodeIfPresent("signer_credential", as: String.self).map { " (\($0))" } ?? ""
        var line = "signed by \(try note.decode("signed_by", as: String.self)) \(try note.decode("signed_by_name", as: String.self))\(credential) "
            + "at \(try note.decode("signed_at", as: String.self))"
        if let cosigner: String = try note.decodeIfPresent("cosigned_by") {
            line += "; co-signed by \(cosigner) \(try note.decode("cosigned_by_name", as: String.self)) at \(try note.decode("cosigned_at", as: String.self))"
        } else if try note.decode("cosign_required", as: Bool.self) {
            line += "; awaiting co-signature"
        }
        return line
    }

    /// "name: value", the value's further lines indented under it.
    private static func indented(_ name: String, _ value: String) -> String {
        let pad = String(repeating: " ", count: name.prefix { $0 == " " }.count + 2)
        let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
        return (["\(name): \(lines.first ?? "")"] + lines.dropFirst().map { pad + $0 }).joined(separator: "\n")
    }

    // MARK: - shared

    /// The session of `groupCode` at `startsAt`; a mistyped group or time is refused
    /// with the group's sessions of that day (as `attendance record` does).
    static func findSession(_ connection: Connection, groupCode: String, startsAt: String) throws -> Session {
        var check = SessionCheck(connection: connection, groupCode: groupCode, time: try SessionTime(startsAt))
        let time = try check.requireScheduledSession()
        let row = try connection.query(StoredQuery.named("note/session", groupCode, time.description))[0]
        let facilitatorID = try row.decodeIfPresent("facilitator_id", as: String.self) ?? "?"
        let facilitatorName = try row.decodeIfPresent("facilitator_name", as: String.self) ?? ""
        return Session(
            id: try row.decode("session_id"), groupCode: try row.decode("group_code"), groupName: try row.decode("group_name"),
            siteName: try row.decode("site_name"), start: try row.decode("local_start"), duration: try row.decode("duration_minutes"),
            facilitator: "\(facilitatorID) \(facilitatorName)", records: try row.decode("records"), noteStatus: try row.decode("note_status"))
    }

    private static func noNote(_ session: Session) -> CarelogError {
        CarelogError(.validation, "\(session.label) has no note yet",
                     suggestion: "Write one: carelog note draft \(session.atOption) --out note.txt, fill it in, then carelog note save note.txt.")
    }

    private static func requireMayWrite(_ connection: Connection, _ session: Session) throws {
        guard try connection.scalarBool(StoredQuery.named("note/may_write", session.id)) else {
            throw CarelogError(.validation, "only the session's facilitators or a director write the note of \(session.label) (facilitator: \(session.facilitator))",
                               suggestion: "Nothing was written. Ask the facilitator, or a director, to write it.")
        }
    }

    /// A rule of sql/018 that refuses the write, as input refused with the rule's own words.
    @discardableResult
    private static func refusingClearly<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as PostgresError where error.sqlState == .checkViolation {
            throw CarelogError(.validation, error.message, suggestion: error.hint)
        }
    }
}
