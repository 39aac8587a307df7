import Foundation
import Postgres

/// `carelog patient show MRN`: one patient's history on one screen — what a
/// therapist reads before a session or a review, instead of piecing it together from
/// reports and the audit log.
///
/// Every part is its own small query (`queries/patient/`), read in one read-only
/// transaction so the parts agree. The rows are the patient's own (a handful of
/// episodes, assignments and plans, ten sessions), never a table. Under the access
/// rules of docs/access.md (row-level security) each query sees what the login may see.
public enum PatientHistory {
    /// Prints the history of `mrn` as of `day` (`YYYY-MM-DD`, default today at the
    /// patient's site): "this month" runs from the first of the day's month to the
    /// day itself, "last month" is the whole month before.
    public static func show(target: DatabaseTarget, mrn: String, day: String? = nil, format: ListFormat = .text, console: Console) throws {
        if let day, !CalendarDate.isValid(day) {
            throw CarelogError(.usage, "--date \"\(day)\" is not a date like 2026-10-05", suggestion: "Give the day as YYYY-MM-DD.")
        }
        let connection = try DatabaseSession.open(target, console: console)
        defer { connection.close() }
        let text = try connection.transaction(.snapshot) {
            format == .json ? try PatientHistoryJSON.render(connection: connection, mrn: mrn, day: day)
                            : try render(connection: connection, mrn: mrn, day: day)
        }
        console.write(text)
    }

    static func render(connection: Connection, mrn: String, day: String?) throws -> String {
        guard let patient = try connection.query(StoredQuery.named("patient/patient", mrn, day)).first else {
            throw PatientLookup.unknown(mrn, connection: connection)
        }
        let asOf: String = try patient.decode("as_of")
        var out = ""
        func line(_ text: String = "") { out += text.showingControlCharacters + "\n" }

        line("Patient \(mrn): \(try patient.decode("last_name", as: String.self)), \(try patient.decode("first_name", as: String.self))"
             + " (\(try patient.decode("gender", as: String.self)), born \(try patient.decode("date_of_birth", as: String.self))), site \(try patient.decode("site_code", as: String.self))")
        line("As of \(asOf)")

        line()
        line("Episodes")
        let episodes = try connection.query(StoredQuery.named("patient/episodes", mrn))
        if episodes.isEmpty {
            line("  none")
        } else {
            var table = PlainTable(["Admitted", "Discharged", "Level", "Reason"])
            for row in episodes {
                let discharged: String? = try row["discharged_on"]
                table.add([try row["admitted_on"], discharged ?? "(in care)", try row["level_of_care"],
                           try row["discharge_reason"].map { $0.replacingOccurrences(of: "_", with: " ") }])
            }
            out += table.render(indent: "  ")
        }

        line()
        line("Therapists")
        let therapists = try connection.query(StoredQuery.named("patient/therapists", mrn))
        if therapists.isEmpty {
            line("  none")
        } else {
            var table = PlainTable(["Role", "Staff", "Name", "From", "To (last day)"])
            for row in therapists {
                table.add([try row["role"], try row["staff_id"], try row["staff_name"], try row["starts_on"], try row["ends_on"] ?? "-"])
            }
            out += table.render(indent: "  ")
        }

        line()
        let plans = try connection.query(StoredQuery.named("patient/active_plans", mrn, asOf))
        if plans.isEmpty { line("Active plan: none") }
        for plan in plans {
            let code: String = try plan.decode("plan_code")
            let review = try plan["last_review"].map { "last review \($0), " } ?? "no review yet, "
            let heading = "Active plan \(code): created \(try plan.decode("created_on", as: String.self)) by \(try plan.decode("author", as: String.self)), "
                + review + "next due \(try plan.decode("review_due", as: String.self))"
            // A long plan code: the dates go on a line of their own.
            if heading.count <= 100 {
                line(heading)
            } else {
                let colon = heading.range(of: ": ")!
                line(String(heading[..<colon.lowerBound]))
                line("  " + heading[colon.upperBound...])
            }
            let requirements = try connection.query(StoredQuery.named("patient/plan_requirements", code)).map { row in
                "\(try row.decode("modality", as: String.self).replacingOccurrences(of: "_", with: " ")) \(try row.decode("sessions_per_week", as: String.self))/week"
            }
            line("  Requires: " + (requirements.isEmpty ? "nothing" : requirements.joined(separator: ", ")))
            let goals = try connection.query(StoredQuery.named("patient/plan_goals", code))
            if goals.isEmpty {
                line("  Goals: none")
            } else {
                // The description last, so that a long one wraps under itself.
                var table = PlainTable(["Goal", "Domain", "Target", "Status", "Description"])
                for goal in goals {
                    let status: String = try goal.decode("status")
                    table.add([try goal["goal_code"], try goal["domain"], try goal["target_date"],
                               status.replacingOccurrences(of: "_", with: " ") + (try goal["status_on"].map { " \($0)" } ?? ""),
                               try goal["description"]])
                }
                out += table.render(indent: "  ")
            }
        }

        line()
        line("Adherence")
        let (monthStart, previousStart, dayAfter) = try months(of: asOf)
        var adherence = PlainTable(["Month", "Days in care", "Required", "Attended", "Absent", "Excused", "Adherence"],
                                   rightAligned: [1, 2, 3, 4, 5, 6])
        for (label, from, to) in [(monthStart + ".." + asOf.suffix(2), monthStart, dayAfter),
                                  (String(previousStart.prefix(7)), previousStart, monthStart)] {
            let row = try connection.query(StoredQuery.named("patient/adherence", mrn, from, to))[0]
            adherence.add([label, try row["days_in_care"], try row["required_sessions"], try row["attended"], try row["absent"],
                           try row["excused"], try row["adherence_pct"].map { $0 + "%" } ?? "-"])
        }
        out += adherence.render(indent: "  ")

        line()
        line("Last 10 sessions")
        let sessions = try connection.query(StoredQuery.named("patient/recent_sessions", mrn, asOf))
        if sessions.isEmpty {
            line("  none")
        } else {
            var table = PlainTable(["When", "Group", "Name", "Status"])
            for row in sessions {
                table.add([try row["starts_at"], try row["group_code"], try row["group_name"],
                           try row["status"].map { $0.replacingOccurrences(of: "_", with: " ") }])
            }
            out += table.render(indent: "  ")
        }

        line()
        let notes = try connection.query(StoredQuery.named("patient/recent_notes", mrn, asOf))
        if let newest = notes.first {
            line((notes.count == 1 ? "Last note" : "Last \(notes.count) notes") + " (the whole section: carelog note show --group \(try newest.decode("group_code", as: String.self)) "
                 + "--at \"\(try newest.decode("starts_at", as: String.self))\" --mrn \(mrn))")
            var table = PlainTable(["When", "Group", "Note", "Goals", "Progress"])
            for row in notes {
                let state: String = try row.decode("note")
                table.add([try row["starts_at"], try row["group_code"], state == "awaiting co-signature" ? "co-sign due" : state,
                           try row["goals"], try row["progress"]])
            }
            out += table.render(indent: "  ")
        } else {
            line("Last notes")
            line("  none")
        }

        line()
        line("Assessments")
        let scores = try connection.query(StoredQuery.named("patient/assessments", mrn, asOf)).map { row in
            (instrument: try row.decode("instrument", as: String.self), day: try row.decode("administered_on", as: String.self),
             score: try row.decode("score", as: String.self))
        }
        if scores.isEmpty { line("  none") }
        var instruments: [String] = []
        for score in scores where !instruments.contains(score.instrument) { instruments.append(score.instrument) }
        for instrument in instruments {
            let series = scores.filter { $0.instrument == instrument }.map { (day: $0.day, score: $0.score) }
            for text in Self.trendLines(instrument: instrument, series: series) { line(text) }
        }

        line()
        let screens = try connection.query(StoredQuery.named("patient/drug_screens", mrn, asOf))
        line(screens.count > 1 ? "Last \(screens.count) drug screens" : "Drug screens")
        if screens.isEmpty { line("  none") } else {
            var table = PlainTable(["Collected", "Result", "Substances"])
            for row in screens { table.add([try row["collected_on"], try row["result"], try row["substances"]]) }
            out += table.render(indent: "  ")
        }

        line()
        line("Outcome measures (NOMs, TEDS codes: docs/teds.md)")
        let measures = try connection.query(StoredQuery.named("patient/measures", mrn))
        if measures.isEmpty { line("  none") }
        var episodeTable: PlainTable?
        var episodeKey = ""
        for row in measures {
            let admitted: String = try row.decode("admitted_on")
            let discharged: String? = try row["discharged_on"]
            let heading = "  Episode \(admitted) to \(discharged ?? "(in care)")"
            guard try row.decode("recorded", as: Bool.self) else {
                // Nothing entered: one line with the self-help attendance carelog computes.
                if let computed: String = try row["computed_self_help"] {
                    let meetings: String = try row.decode("meetings")
                    line(heading + ": nothing entered; self-help computed "
                         + Self.coded(computed, try row["computed_label"]) + " (\(meetings) meeting\(meetings == "1" ? "" : "s"))")
                }
                continue
            }
            if admitted != episodeKey {
                if let table = episodeTable { out += table.render(indent: "    ") }
                episodeKey = admitted
                line(heading)
                episodeTable = PlainTable(["Item", "Admission", "Discharge"])
            }
            var discharge = Self.coded(try row["discharge"], try row["discharge_label"])
            if let computed: String = try row["computed_self_help"] {
                let meetings: String = try row.decode("meetings")
                let computedText = Self.coded(computed, try row["computed_label"]) + " (computed: \(meetings) meeting\(meetings == "1" ? "" : "s"))"
                let entered: String? = try row["discharge"]
                // The entered code only: the label would push the line past the width.
                discharge = entered == nil || entered == computed ? computedText : computedText + "; entered " + entered!
            }
            episodeTable?.add([(try row.decode("item", as: String.self)).replacingOccurrences(of: "_", with: " "),
                               Self.coded(try row["admission"], try row["admission_label"]), discharge])
        }
        if let table = episodeTable { out += table.render(indent: "    ") }
        return out
    }

    /// A TEDS code and its label ("2 Alcohol"), or "-" when the item is not recorded.
    static func coded(_ code: String?, _ label: String?) -> String {
        guard let code else { return "-" }
        return label.map { "\(code) \($0)" } ?? code
    }

    /// One instrument's last six scores, oldest first, and the change since its first
    /// score, broken before an arrow so that no line is wider than `width` columns
    /// (continuation lines are indented under the first score).
    public static func trendLines(instrument: String, series: [(day: String, score: String)], width: Int = 100) -> [String] {
        var pieces = series.suffix(6).map { "\($0.score) (\($0.day))" }
        if series.count > 6 { pieces.insert("…", at: 0) }
        if series.count > 1, let first = Decimal(string: series[0].score), let last = Decimal(string: series[series.count - 1].score) {
            let change = last - first
            pieces[pieces.count - 1] += ": change \(change > 0 ? "+" : "")\(change) since \(series[0].day)"
        }
        let lead = "  \(instrument.padding(6)) "
        let indent = String(repeating: " ", count: lead.count)
        var lines: [String] = []
        var current = lead
        for (index, piece) in pieces.enumerated() {
            let joined = index == 0 ? piece : " → " + piece
            if index > 0, current.count + joined.count > width {
                lines.append(current)
                current = indent + "→ " + piece
            } else {
                current += joined
            }
        }
        lines.append(current)
        return lines
    }

    /// The first day of the month of `day`, of the month before, and the day after `day`.
    static func months(of day: String) throws -> (monthStart: String, previousStart: String, dayAfter: String) {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { throw CarelogError(.failure, "the database gave an unexpected date \"\(day)\"") }
        let (year, month) = (parts[0], parts[1])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: DateComponents(year: year, month: month, day: parts[2]))!
        let next = calendar.dateComponents([.year, .month, .day], from: calendar.date(byAdding: .day, value: 1, to: date)!)
        let previous = month == 1 ? (year - 1, 12) : (year, month - 1)
        return (String(format: "%04d-%02d-01", year, month), String(format: "%04d-%02d-01", previous.0, previous.1),
                String(format: "%04d-%02d-%02d", next.year!, next.month!, next.day!))
    }
}
