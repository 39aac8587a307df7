/// A report table as a privacy mode shows it (PrivacyOptions): identifiers coded or
/// dropped, small cells suppressed (docs/privacy.md).
extension ReportTable {
    /// The table as it may be shown under `options`: patient columns treated by kind
    /// (see `PrivacyOptions`), then small counts suppressed.
    public func applying(_ options: PrivacyOptions) -> ReportTable {
        var table = self
        if let pseudonymizer = options.pseudonymizer {
            table = table.protected(with: pseudonymizer, mode: options.mode)
        }
        if let minimumCell = options.minimumCell, minimumCell > 1 {
            table = SmallCellSuppression(minimumCell: minimumCell).apply(to: table)
        }
        return table
    }

    private func protected(with pseudonymizer: Pseudonymizer, mode: PrivacyOptions.Mode) -> ReportTable {
        let columns = definition.columns
        let kept = columns.indices.filter { index in
            switch columns[index].kind {
            case .name, .note: return false
            case .detail: return mode != .deidentified
            default: return true
            }
        }
        let rows = rows.map { row in
            kept.map { index -> String? in
                guard let value = row[index] else { return nil }
                switch columns[index].kind {
                case .mrn:
                    return pseudonymizer.pseudonym(for: value)
                case .group:
                    return pseudonymizer.groupCode(for: value)
                case .staff:
                    return pseudonymizer.staffCode(for: value)
                case .date, .timestamp:
                    // Safe Harbor: no element of a date but the year.
                    return mode == .deidentified ? String(value.prefix(4)) : value
                default:
                    return value
                }
            }
        }
        let shown = definition.keepingColumns(kept)
        return ReportTable(definition: shown, period: period, site: site,
                           rows: mode == .deidentified ? Self.orderedByRandomIdentifier(rows, columns: shown.columns) : rows)
    }

    /// Under --deidentify, rows in the order of the identifiers random to the run
    /// (patient, group or staff member: the first such column), after the code columns
    /// before it (kind, site): the stored order (by MRN, group code or staff id) would
    /// line two runs up row by row, and with the clear report. Tables without such a
    /// column keep their order.
    static func orderedByRandomIdentifier(_ rows: [[String?]], columns: [ReportColumn]) -> [[String?]] {
        let isIdentifier: (ReportColumn.Kind) -> Bool = { $0 == .mrn || $0 == .group || $0 == .staff }
        guard let identifier = columns.firstIndex(where: { isIdentifier($0.kind) }) else { return rows }
        let keys = columns.indices.filter { $0 < identifier && columns[$0].kind == .code } + [identifier]
        return rows.enumerated().sorted { left, right in
            for key in keys where left.element[key] != right.element[key] {
                return (left.element[key] ?? "") < (right.element[key] ?? "")
            }
            return left.offset < right.offset
        }.map(\.element)
    }
}

extension ReportDefinition {
    /// The same report with only some of its columns (privacy modes drop names and details).
    func keepingColumns(_ indices: [Int]) -> ReportDefinition {
        ReportDefinition(name: name, title: title, description: description, columns: indices.map { columns[$0] }, sql: sql, totals: totals)
    }
}
