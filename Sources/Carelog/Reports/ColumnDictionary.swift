/// `carelog report NAME --columns`: every column of a report with its kind and what it
/// holds (numerator and denominator of a rate, which statuses a count takes), read from
/// the report file's `-- column NAME: …` lines, so that a reader of a CSV can look a
/// figure up without reading SQL. Needs no database.
public enum ColumnDictionary {
    public static func print(report name: String, format: ListFormat, console: Console) throws {
        guard let report = try ReportCatalog.named(name) else {
            throw CarelogError(.usage, "there is no report \"\(name)\"",
                               suggestion: "The reports are: \(try ReportCatalog.all().map(\.name).joined(separator: ", ")).")
        }
        if format == .json {
            for column in report.columns {
                console.print(JSONLine([("column", .string(column.name)), ("kind", .string(column.kind.label)),
                                        ("definition", .string(report.columnDefinitions[column.name]))]).text)
            }
            return
        }
        console.print(render(report))
    }

    /// The text form: a title, then one entry a column with its definition wrapped under
    /// it, 100 characters wide at most.
    static func render(_ report: ReportDefinition, width: Int = 100) -> String {
        var out = "\(report.name): \(report.title)\n" + wrap(report.description, width: width, indent: "") + "\n"
        for column in report.columns {
            out += "\n\(column.name) (\(column.kind.label))\n"
            out += wrap(report.columnDefinitions[column.name] ?? "(not defined)", width: width, indent: "    ") + "\n"
        }
        return String(out.dropLast())
    }

    /// Words of `text` on lines of at most `width` characters, each line indented.
    static func wrap(_ text: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, indent.count + line.count + 1 + word.count > width {
                lines.append(indent + line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(indent + line) }
        return lines.joined(separator: "\n")
    }
}

extension ReportColumn.Kind {
    /// The kind as the dictionary names it: what a reader may do with the value.
    var label: String {
        switch self {
        case .code: return "code"
        case .text: return "text"
        case .date: return "date"
        case .timestamp: return "date and time"
        case .mrn: return "MRN"
        case .name: return "name"
        case .group: return "group code"
        case .staff: return "staff ID"
        case .detail: return "detail"
        case .note: return "free text"
        case .count: return "count, adds up across rows"
        case .distinct: return "count of distinct, does not add up"
        case .number: return "number"
        case .percent: return "percentage"
        }
    }
}
