/// What a report or export must hide: `--deidentify` and `--min-cell N`.
public struct PrivacyOptions: Sendable {
    public var pseudonymizer: Pseudonymizer?
    /// Counts from 1 to minimumCell − 1 print as `<N`; nil or 0 turns suppression off.
    public var minimumCell: Int?

    public init(pseudonymizer: Pseudonymizer? = nil, minimumCell: Int? = nil) {
        self.pseudonymizer = pseudonymizer
        self.minimumCell = minimumCell
    }

    public static let none = PrivacyOptions()
}

extension ReportTable {
    /// The table as it may be shown under `options`: MRNs replaced by pseudonyms and
    /// patient names dropped, then small counts suppressed.
    public func applying(_ options: PrivacyOptions) -> ReportTable {
        var table = self
        if let pseudonymizer = options.pseudonymizer {
            table = table.deidentified(with: pseudonymizer)
        }
        if let minimumCell = options.minimumCell, minimumCell > 1 {
            table = SmallCellSuppression(minimumCell: minimumCell).apply(to: table)
        }
        return table
    }

    private func deidentified(with pseudonymizer: Pseudonymizer) -> ReportTable {
        let kept = definition.columns.indices.filter { definition.columns[$0].kind != .name }
        let rows = rows.map { row in
            kept.map { index -> String? in
                guard definition.columns[index].kind == .mrn, let mrn = row[index] else { return row[index] }
                return pseudonymizer.pseudonym(for: mrn)
            }
        }
        return ReportTable(definition: definition.keepingColumns(kept), period: period, site: site, rows: rows)
    }
}

extension ReportDefinition {
    /// The same report with only some of its columns (de-identification drops names).
    func keepingColumns(_ indices: [Int]) -> ReportDefinition {
        ReportDefinition(name: name, title: title, description: description, columns: indices.map { columns[$0] }, sql: sql)
    }
}
