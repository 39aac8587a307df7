import Foundation
import Postgres

/// `carelog attendance sheet`: the printable sign-in sheet of a session, or of every
/// session of a group or a site on a day, as one HTML file (docs/paperwork.md).
///
/// A sheet is identified: it prints the expected roster of a closed group by name
/// with the MRN staff record from. Under `--pseudonymize` a patient is printed by
/// initials and the keyed pseudonym, staff and groups by their codes; `--deidentify`
/// is refused, since a de-identified sheet would leave nobody a line to sign. An open
/// group's roster is a sign-in list (everyone who came in 14 days), so its sheet
/// prints blank lines to sign in on instead of every recent attendee's name.
///
/// The file is staged and renamed into place (0600) once the run is recorded in the
/// run log, as a report is.
public enum SignInSheetOperation {
    /// What names a sheet: a session (`--group` with `--at`), or every session of a
    /// group or a site on a day (`--date` with `--group` or `--site`).
    public enum Selection: Sendable, Equatable {
        case session(group: String, at: String)
        case day(group: String?, site: String?, date: String)
    }

    /// How patients, staff and groups are printed.
    public enum Naming: Sendable {
        case identified
        case pseudonymized(Pseudonymizer)
    }

    /// One session's page.
    struct Page {
        var groupCode: String
        var groupName: String?
        var kind: String
        var siteCode: String
        var siteName: String
        var day: String
        var weekday: String
        var time: String
        var end: String
        var facilitator: String
        var cofacilitators: String?
        /// Expected patients: name (or initials) and MRN (or pseudonym).
        var lines: [(name: String, identifier: String)]
        var blankLines: Int
    }

    /// Blank lines under a closed group's roster (walk-ins, a patient enrolled late).
    public static let closedGroupBlankLines = 4
    /// Blank lines of an open group's sheet, where everyone signs in on a blank line.
    public static let openGroupBlankLines = 20

    /// Writes the sheet to `output` (staged, 0600) or standard output; returns the
    /// number of pages (sessions).
    @discardableResult
    public static func write(
        target: DatabaseTarget, selection: Selection, program: String?, naming: Naming = .identified,
        blankLines: Int? = nil, output: String?, console: Console
    ) throws -> Int {
        if case .day(let group, let site, let date) = selection {
            guard group != nil || site != nil else {
                throw CarelogError(.usage, "--date needs --group or --site", suggestion: "Name the group (--group) or the site (--site) whose sessions to print.")
            }
            guard CalendarDate.isValid(date) else {
                throw CarelogError(.usage, "--date \"\(date)\" is not a date like 2026-10-05", suggestion: "Give the day as YYYY-MM-DD.")
            }
        }
        if let blankLines, !(0...200).contains(blankLines) {
            throw CarelogError(.usage, "--blank-lines \(blankLines) is out of range", suggestion: "Give from 0 to 200 blank lines.")
        }
        // A target that cannot be written is refused before anything is read.
        let file = try output.map { try StagedOutput(URL(fileURLWithPath: $0), shape: .file, replacing: true) }
        let connections = try RunConnections.open(read: target, log: nil, console: console)
        defer { connections.close() }
        let connection = connections.reader
        let pages = try connections.readSnapshot {
            try Self.pages(connection, selection: selection, naming: naming, blankLines: blankLines)
        }
        let html = SignInSheetHTML(pages: pages, program: program, pseudonymized: { if case .pseudonymized = naming { return true }; return false }()).render()
        let parameters: [String: String?] = {
            switch selection {
            case .session(let group, let at):
                return ["group": group, "at": at, "privacy": naming.mode, "out": output]
            case .day(let group, let site, let date):
                return ["group": group, "site": site, "date": date, "privacy": naming.mode, "out": output]
            }
        }()
        let record = {
            try RunLog.record(connections.recorder, command: "attendance sheet", parameters: parameters,
                              rowCounts: ["sessions": pages.count, "patients": pages.reduce(0) { $0 + $1.lines.count }], snapshotTime: nil)
        }
        let summary = pages.map { "\($0.groupCode) \($0.time)" }.joined(separator: ", ")
        if let file, let output {
            try file.write(contents: Data(html.utf8))
            try file.publish(recording: record, on: connections.recorder)
            console.note("wrote the sign-in sheet\(pages.count == 1 ? "" : "s") of \(pages.count) session\(pages.count == 1 ? "" : "s") (\(summary)) to \(output)")
        } else {
            try record()
            console.write(html)
        }
        return pages.count
    }

    /// The pages of the selection, in site, time and group order.
    static func pages(_ connection: Connection, selection: Selection, naming: Naming, blankLines: Int?) throws -> [Page] {
        let sessions: [SessionRow]
        switch selection {
        case .session(let group, let at):
            var check = SessionCheck(connection: connection, groupCode: group, time: try SessionTime(at))
            let time = try check.requireScheduledSession()
            sessions = try SessionRow.read(connection, group: group, site: nil, day: time.day ?? "", time: time.time)
            if let cancelled = sessions.first, cancelled.status == "cancelled" {
                throw CarelogError(.validation, "the session of \(group) at \(time) is cancelled: it has no sign-in sheet",
                                   suggestion: "Nothing was written.")
            }
        case .day(let group, let site, let date):
            if let group {
                _ = try SessionCheck.requireGroup(connection, groupCode: group)
            }
            if let site { try KnownSite.require(site, on: connection) }
            let all = try SessionRow.read(connection, group: group, site: site, day: date, time: nil)
            let held = all.filter { $0.status != "cancelled" }
            guard !held.isEmpty else {
                let whose = group ?? "site \(site ?? "")"
                let cancelled = all.count
                throw CarelogError(
                    .validation, "\(whose) has no session to sign in to on \(date)"
                        + (cancelled > 0 ? " (\(cancelled) cancelled)" : ""),
                    suggestion: "Check the day (`carelog board --date \(date)\(site.map { " --site \($0)" } ?? "")` lists the day's sessions); nothing was written.")
            }
            sessions = held
        }
        return try sessions.map { session in
            var lines: [(name: String, identifier: String)] = []
            if session.kind == "closed" {
                let time = try SessionTime("\(session.day) \(session.time)")
                for entry in try RosterOperation.entries(connection: connection, groupCode: session.groupCode, time: time) where entry.expected {
                    switch naming {
                    case .identified:
                        lines.append((entry.lastName + ", " + entry.firstName, entry.mrn))
                    case .pseudonymized(let pseudonymizer):
                        lines.append((initials(first: entry.firstName, last: entry.lastName), pseudonymizer.pseudonym(for: entry.mrn)))
                    }
                }
            }
            let blank = blankLines ?? (session.kind == "closed" ? closedGroupBlankLines : openGroupBlankLines)
            switch naming {
            case .identified:
                return Page(groupCode: session.groupCode, groupName: session.groupName, kind: session.kind, siteCode: session.siteCode,
                            siteName: session.siteName, day: session.day, weekday: session.weekday, time: session.time, end: session.end,
                            facilitator: session.facilitatorName.map { "\($0) (\(session.facilitatorID ?? ""))" } ?? (session.facilitatorID ?? ""),
                            cofacilitators: session.cofacilitators.isEmpty ? nil : session.cofacilitators, lines: lines, blankLines: blank)
            case .pseudonymized(let pseudonymizer):
                return Page(groupCode: pseudonymizer.groupCode(for: session.groupCode), groupName: nil, kind: session.kind,
                            siteCode: session.siteCode, siteName: session.siteName, day: session.day, weekday: session.weekday,
                            time: session.time, end: session.end,
                            facilitator: session.facilitatorID.map(pseudonymizer.staffCode(for:)) ?? "",
                            cofacilitators: nil, lines: lines, blankLines: blank)
            }
        }
    }

    /// "F. M." for Fay Moss: the first letter of each part of the first and last names.
    static func initials(first: String, last: String) -> String {
        let parts = (first + " " + last).split(whereSeparator: { $0 == " " || $0 == "-" })
        return parts.compactMap { $0.first.map { String($0).uppercased() + "." } }.joined(separator: " ")
    }

    /// A session as `queries/attendance/sheet_sessions.sql` reads it.
    struct SessionRow {
        var groupCode: String
        var groupName: String
        var kind: String
        var siteCode: String
        var siteName: String
        var day: String
        var weekday: String
        var time: String
        var end: String
        var status: String
        var facilitatorID: String?
        var facilitatorName: String?
        var cofacilitators: String

        static func read(_ connection: Connection, group: String?, site: String?, day: String, time: String?) throws -> [SessionRow] {
            try connection.query(StoredQuery.named("attendance/sheet_sessions", group, site, day, time)).map { row in
                SessionRow(
                    groupCode: try row.decode("group_code"), groupName: try row.decode("group_name"), kind: try row.decode("kind"),
                    siteCode: try row.decode("site_code"), siteName: try row.decode("site_name"), day: try row.decode("local_day"),
                    weekday: try row.decode("weekday"), time: try row.decode("local_time"), end: try row.decode("local_end"),
                    status: try row.decode("status"), facilitatorID: try row.decodeIfPresent("facilitator_id"),
                    facilitatorName: try row.decodeIfPresent("facilitator_name"), cofacilitators: try row.decode("cofacilitators"))
            }
        }
    }
}

extension SignInSheetOperation.Naming {
    /// The run log's name of the mode, as reports write it.
    var mode: String {
        switch self {
        case .identified: return PrivacyOptions.Mode.clear.rawValue
        case .pseudonymized: return PrivacyOptions.Mode.pseudonymized.rawValue
        }
    }
}
