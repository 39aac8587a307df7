/// The forms of a value that people and spreadsheets write, mapped to the one the
/// database stores, so that a file saved from a spreadsheet (`Male`, `F`,
/// `Director`, `2026/10/05`) imports without hand-editing, while nothing is ever
/// guessed: an alias is listed here only when it can mean one value, and a
/// day-first or month-first date is read only with an explicit `--date-order`.
///
/// The mapping runs in SQL over the staging table before the value checks
/// (`ImportStatements.normalization`); a value with no mapping is left as given and
/// refused by the checks with the allowed values.
enum FriendlyValues {
    /// Extra spellings of enumeration values, lower case → stored value. Every value
    /// is also accepted in any letter case and with spaces or hyphens for its
    /// underscores (`Left Early`, `left-early`).
    static let synonyms: [String: String] = [
        // Genders: the one-letter forms of intake forms and spreadsheets.
        "m": "male", "f": "female", "non-binary": "nonbinary", "nb": "nonbinary", "u": "unknown",
        // Discharge reasons: the clinical abbreviation of "against medical advice".
        "ama": "left_against_advice",
        // Session status: the American spelling.
        "canceled": "cancelled",
        // Instruments without their hyphen.
        "phq9": "PHQ-9", "gad7": "GAD-7",
    ]

    /// `(alias, stored)` pairs for one enumeration: each allowed value's own
    /// variants and the synonyms that map into it.
    static func aliases(for allowed: [String]) -> [(alias: String, value: String)] {
        var pairs: [String: String] = [:]
        for value in allowed {
            let lower = value.lowercased()
            for variant in [lower, lower.replacingOccurrences(of: "_", with: " "), lower.replacingOccurrences(of: "_", with: "-")] {
                pairs[variant] = value
            }
        }
        for (alias, value) in synonyms where allowed.contains(value) && pairs[alias] == nil {
            pairs[alias] = value
        }
        return pairs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

/// How to read a date written with the year last (`03/04/1985`): never guessed.
public enum DateOrder: String, Sendable, CaseIterable {
    /// Day first: `14/03/1985`, `14.03.1985`.
    case dmy
    /// Month first: `03/14/1985`.
    case mdy
}
