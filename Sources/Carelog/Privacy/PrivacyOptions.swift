/// What a report or export must hide: `--pseudonymize` or `--deidentify`, and
/// `--min-cell N`.
///
/// Treatment of each report column by its kind (docs/privacy.md lists every column):
///
/// | kind        | clear | --pseudonymize               | --deidentify                         |
/// |-------------|-------|------------------------------|--------------------------------------|
/// | `mrn`       | kept  | keyed pseudonym `P-…`        | identifier random to the run `R-…`   |
/// | `name`      | kept  | dropped                      | dropped                              |
/// | `group`, `staff` | kept | keyed code `GR-…`, `ST-…` | code random to the run `GR-…`, `ST-…`   |
/// | `detail`    | kept  | kept (plan codes pseudonymised in SQL) | dropped                    |
/// | `note`      | kept  | dropped (free text typed by staff)     | dropped                    |
/// | `date`, `timestamp` | kept | kept                   | generalised to the year              |
/// | others      | kept  | kept                         | kept (codes, counts, rates, staff)   |
public struct PrivacyOptions: Sendable {
    public enum Mode: String, Sendable {
        /// Patients as stored.
        case clear
        /// `--pseudonymize` (docs/privacy.md): stable keyed pseudonyms; still protected health information.
        case pseudonymized
        /// `--deidentify` (docs/privacy.md): HIPAA Safe Harbor.
        case deidentified
    }

    public var mode: Mode
    /// Keyed (`--pseudonymize`) or random to the run (`--deidentify`); nil in the clear.
    public var pseudonymizer: Pseudonymizer?
    /// Counts from 1 to minimumCell − 1 print as `<N`; nil or 0 turns suppression off.
    public var minimumCell: Int?

    /// Pseudonymised when a pseudonymizer is given, in the clear otherwise.
    public init(pseudonymizer: Pseudonymizer? = nil, minimumCell: Int? = nil) {
        self.pseudonymizer = pseudonymizer
        self.minimumCell = minimumCell
        mode = pseudonymizer == nil ? .clear : (pseudonymizer!.isRandom ? .deidentified : .pseudonymized)
    }

    /// Safe Harbor de-identification with identifiers random to this run.
    public static func deidentified(minimumCell: Int? = nil) -> PrivacyOptions {
        PrivacyOptions(pseudonymizer: .random(), minimumCell: minimumCell)
    }

    public static let none = PrivacyOptions()

    /// The same protection of identifiers, without small-cell suppression: what the
    /// summary's key figures are computed from (each then hidden where it is small).
    var withoutSuppression: PrivacyOptions {
        var options = self
        options.minimumCell = nil
        return options
    }
}
