/// The plain-text note file of `note draft` and `note save`: a header of the
/// session's fields and one section per participant, ready for `$EDITOR`.
///
///     # comment lines start with #
///     group: AA-AM
///     at: 2026-10-05 07:30
///     service: H0005
///     minutes: 60
///     topic: Coping with cravings
///     interventions: CBT skills practice; role play
///       a field goes on to the lines below it that start with two spaces
///
///     == 00912 Fay Moss (present)
///     goals: G1, G2
///     participation: …
///     response: …
///     progress: …
///
/// A section starts with `==` and the patient's MRN; what follows the MRN on that
/// line is for the reader. Parsing never stops at the first problem: every problem
/// is listed with its line and field.
struct NoteFile: Equatable {
    struct Section: Equatable {
        var line: Int
        var mrn: String
        var goals: [(line: Int, code: String)] = []
        var participation = ""
        var response = ""
        var progress = ""

        static func == (lhs: Section, rhs: Section) -> Bool {
            lhs.line == rhs.line && lhs.mrn == rhs.mrn && lhs.goals.map(\.code) == rhs.goals.map(\.code)
                && lhs.participation == rhs.participation && lhs.response == rhs.response && lhs.progress == rhs.progress
        }
    }

    struct Problem: Equatable, CustomStringConvertible {
        var line: Int
        var field: String?
        var message: String
        var description: String { "line \(line)" + (field.map { ", field \($0)" } ?? "") + ": " + message }
    }

    var group = ""
    var at = ""
    var service = ""
    var minutes: Int?
    var topic = ""
    var interventions = ""
    /// The line of each header field, for problems found later (an unknown service code).
    var lines: [String: Int] = [:]
    var sections: [Section] = []

    static let headerFields = ["group", "at", "service", "minutes", "topic", "interventions"]
    static let sectionFields = ["goals", "participation", "response", "progress"]

    /// Parses `text`; returns the file and every problem found (the file is usable
    /// only when there are none).
    static func parse(_ text: String) -> (NoteFile, [Problem]) {
        var file = NoteFile()
        var problems: [Problem] = []
        // Each field's value and line as read, the header's and each section's.
        var header: [String: (line: Int, value: String)] = [:]
        var sectionValues: [[String: (line: Int, value: String)]] = []
        var current: (field: String, section: Int?)?

        func store(_ field: String, _ line: Int, _ value: String, section: Int?) {
            if let section {
                if sectionValues[section][field] != nil {
                    problems.append(Problem(line: line, field: field, message: "given twice in the section of \(file.sections[section].mrn): keep one"))
                }
                sectionValues[section][field] = (line, value)
            } else {
                if header[field] != nil {
                    problems.append(Problem(line: line, field: field, message: "given twice: keep one"))
                }
                header[field] = (line, value)
            }
        }

        // "\r\n" is one Character in Swift: a file from Windows splits on it too.
        let rawLines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        for (index, raw) in rawLines.enumerated() {
            let number = index + 1
            if raw.hasPrefix("#") { continue }
            if raw.trimmingCharacters(in: .whitespaces).isEmpty { current = nil; continue }
            if raw.hasPrefix("  ") {
                guard let (field, section) = current else {
                    problems.append(Problem(line: number, field: nil, message: "an indented line continues a field, and no field comes before it"))
                    continue
                }
                let more = raw.trimmingCharacters(in: .whitespaces)
                if let section {
                    let previous = sectionValues[section][field]!
                    sectionValues[section][field] = (previous.line, previous.value.isEmpty ? more : previous.value + "\n" + more)
                } else {
                    let previous = header[field]!
                    header[field] = (previous.line, previous.value.isEmpty ? more : previous.value + "\n" + more)
                }
                continue
            }
            if raw.hasPrefix("==") {
                let words = raw.dropFirst(2).split(separator: " ", omittingEmptySubsequences: true)
                guard let mrn = words.first.map(String.init) else {
                    problems.append(Problem(line: number, field: nil, message: "a section starts with == and the patient's MRN"))
                    current = nil
                    continue
                }
                if let earlier = file.sections.first(where: { $0.mrn == mrn }) {
                    problems.append(Problem(line: number, field: "mrn", message: "\(mrn) has a section already (line \(earlier.line)): keep one"))
                }
                file.sections.append(Section(line: number, mrn: mrn))
                sectionValues.append([:])
                current = nil
                continue
            }
            guard let colon = raw.firstIndex(of: ":") else {
                problems.append(Problem(line: number, field: nil, message: "not a field (\"name: value\"), a section (\"== MRN\") or a comment (\"# …\")"))
                current = nil
                continue
            }
            let field = raw[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = raw[raw.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            let section = file.sections.isEmpty ? nil : file.sections.count - 1
            let known = section == nil ? NoteFile.headerFields : NoteFile.sectionFields
            guard known.contains(field) else {
                let place = section == nil ? "the note's header" : "a participant's section"
                problems.append(Problem(line: number, field: field, message: "not a field of \(place) (its fields: \(known.joined(separator: ", ")))"))
                current = nil
                continue
            }
            store(field, number, value, section: section)
            current = (field, section)
        }

        // The header: every field present and filled in.
        let firstLine = file.sections.first?.line ?? max(rawLines.count, 1)
        for field in headerFields {
            guard let (line, value) = header[field], !value.isEmpty else {
                problems.append(Problem(line: header[field]?.line ?? firstLine, field: field, message: headerHint(field)))
                continue
            }
            file.lines[field] = line
            switch field {
            case "group": file.group = value
            case "at": file.at = value
            case "service": file.service = value.uppercased()
            case "minutes":
                if let minutes = Int(value), minutes > 0 {
                    file.minutes = minutes
                } else {
                    problems.append(Problem(line: line, field: field, message: "\"\(value)\" is not a number of minutes: write the minutes the session lasted, e.g. 60"))
                }
            case "topic": file.topic = value
            default: file.interventions = value
            }
        }
        if file.sections.isEmpty {
            problems.append(Problem(line: firstLine, field: nil, message: "the note has no participant's section: `carelog note draft` writes one for each patient who attended"))
        }
        for (index, fields) in sectionValues.enumerated() {
            let mrn = file.sections[index].mrn
            for field in requiredSectionFields {
                guard let (_, value) = fields[field], !value.isEmpty else {
                    problems.append(Problem(line: fields[field]?.line ?? file.sections[index].line, field: field,
                                            message: "empty in the section of \(mrn): write how the patient \(sectionHint(field))"))
                    continue
                }
                switch field {
                case "participation": file.sections[index].participation = value
                case "response": file.sections[index].response = value
                default: file.sections[index].progress = value
                }
            }
            if let (line, value) = fields["goals"] {
                var seen: Set<String> = []
                for code in value.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" }).map(String.init)
                where seen.insert(code).inserted {
                    file.sections[index].goals.append((line, code))
                }
            }
        }
        problems.sort { ($0.line, $0.field ?? "") < ($1.line, $1.field ?? "") }
        return (file, problems)
    }

    private static let requiredSectionFields = ["participation", "response", "progress"]

    private static func headerHint(_ field: String) -> String {
        switch field {
        case "group": return "missing: write the group's code after \"group:\""
        case "at": return "missing: write the session's start after \"at:\", as YYYY-MM-DD HH:MM"
        case "service": return "missing: write the service code the session is billed under, e.g. H0005"
        case "minutes": return "missing: write the minutes the session lasted, e.g. 60"
        case "topic": return "missing: write the session's topic after \"topic:\""
        default: return "missing: write the interventions used after \"interventions:\""
        }
    }

    private static func sectionHint(_ field: String) -> String {
        switch field {
        case "participation": return "took part"
        case "response": return "responded to the interventions"
        default: return "progressed on the plan's goals"
        }
    }

    /// A field's value as the file writes it: the first line after the name, the
    /// others indented by two spaces.
    static func field(_ name: String, _ value: String) -> String {
        let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, !value.isEmpty else { return "\(name):" }
        return (["\(name): \(first)"] + lines.dropFirst().map { "  " + $0 }).joined(separator: "\n")
    }
}
