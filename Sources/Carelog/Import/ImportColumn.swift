/// One column of an import file: its header name, what its text must look like, and
/// where it goes in the table.
///
/// The checks a column carries are the friendly front of the database's own
/// constraints: they let an import list every problem of a file with its line and
/// column before anything is written. The constraints stay the last word.
struct ImportColumn: Sendable {
    enum ValueType: Sendable {
        /// Free text, stored exactly as given.
        case text
        /// A code or identifier: text that must not be blank.
        case code
        case date
        case integer(minimum: Int?, maximum: Int?)
        /// A code of a TEDS code list (docs/teds.md): a whole number among `codes`.
        case tedsCode([Int])
        /// A decimal; `positive` requires > 0.
        case decimal(positive: Bool)
        case boolean
        case enumeration([String])
        /// An instant given with an offset or as wall time in the site's zone, where
        /// the site is that of the row referenced by `timezoneOf` (a column name).
        case instant(timezoneOf: String)
        /// A natural key of another table, resolved to its surrogate id.
        case reference(Reference)
    }

    /// How a natural key of another table resolves: `mrn` → `carelog.patient.id`.
    struct Reference: Sendable {
        var table: String
        var keyColumn: String
        /// Phrase for a miss, e.g. "no patient with this MRN".
        var missing: String
        /// Join the referenced row's site as well, to read its time zone.
        var joinsSite: Bool = false
        /// On a miss, name the stored key that differs only by leading zeros (a
        /// spreadsheet turns MRN 01000359 into 1000359), among the rows the login may read.
        var suggestsLeadingZeros: Bool = false
    }

    enum Presence: Sendable, Equatable {
        /// Must be in the header and non-empty in every row.
        case required
        /// May be absent from the header or empty; empty means NULL.
        case optional
        /// May be absent or empty; then the table's default applies. An absent
        /// column leaves an existing record's value alone.
        case defaulted
    }

    let name: String
    let type: ValueType
    let presence: Presence
    /// The table column it fills, or nil for a column used only to find a record
    /// (such as `group_code` and `starts_at` of an attendance row).
    let target: String?

    init(_ name: String, _ type: ValueType, _ presence: Presence = .required, target: String? = nil, lookupOnly: Bool = false) {
        self.name = name
        self.type = type
        self.presence = presence
        if lookupOnly {
            self.target = nil
        } else if let target {
            self.target = target
        } else if case .reference = type {
            self.target = name + "_id"
        } else {
            self.target = name
        }
    }

    /// Whether the export writes the column as text, with the spreadsheet guard
    /// (`SpreadsheetEscaping`): text, codes, enumerations and the codes of references.
    /// Dates, numbers, booleans and instants are written as they are.
    var isSpreadsheetText: Bool {
        switch type {
        case .text, .code, .enumeration, .reference: return true
        case .date, .integer, .tedsCode, .decimal, .boolean, .instant: return false
        }
    }

    var reference: Reference? {
        if case .reference(let reference) = type { return reference }
        return nil
    }
}

/// The references every import uses, named once.
extension ImportColumn.Reference {
    static let site = Self(table: "site", keyColumn: "site_code", missing: "no site with this code")
    static let staff = Self(table: "staff", keyColumn: "staff_id", missing: "no staff member with this ID")
    static let patient = Self(table: "patient", keyColumn: "mrn", missing: "no patient with this MRN", suggestsLeadingZeros: true)
    static let plan = Self(table: "treatment_plan", keyColumn: "plan_code", missing: "no treatment plan with this code")
    static let group = Self(table: "care_group", keyColumn: "group_code", missing: "no group with this code", joinsSite: true)
}

/// Enumerations of docs/data-model.md, mirrored from the CHECK constraints of sql/001_schema.sql
/// (a test proves the two lists agree).
enum Vocabulary {
    static let staffRoles = ["therapist", "counselor", "director", "auditor", "other"]
    static let genders = ["female", "male", "nonbinary", "unknown"]
    static let levelsOfCare = ["1.0", "2.1", "2.5", "3.1", "3.3", "3.5", "3.7", "4.0"]
    static let dischargeReasons = [
        "completed", "left_against_advice", "terminated_by_facility", "transferred", "incarcerated", "death", "other",
    ]
    static let assignmentRoles = ["primary", "secondary"]
    static let modalities = [
        "twelve_step", "process", "relapse_prevention", "education", "family", "smart_recovery", "activity", "individual",
    ]
    static let goalStatuses = ["open", "met", "partially_met", "not_met", "discontinued"]
    /// A goal's life area (sql/017): a checked list, so that no free text hides in a
    /// column every privacy mode writes.
    static let goalDomains = [
        "substance_use", "withdrawal", "medical", "mental_health", "readiness", "relapse", "recovery", "recovery_support",
        "housing", "employment", "education", "legal", "family", "social", "financial", "other",
    ]
    static let genderFocuses = ["all", "women", "men"]
    static let groupKinds = ["open", "closed"]
    static let sessionStatuses = ["held", "cancelled"]
    static let attendanceStatuses = ["present", "late", "left_early", "absent", "excused"]
    static let instruments = ["PHQ-9", "GAD-7", "BAM"]
    static let screenResults = ["negative", "positive", "dilute", "refused"]
    static let noteStatuses = ["draft", "signed"]
    static let timePoints = ["admission", "discharge"]
}
