/// The period of an export: two ISO dates, inclusive, `from` not after `to`.
struct ExportPeriod: Sendable, Equatable {
    let from: String
    let to: String

    init(from: String, to: String) throws {
        guard CalendarDate.isValid(from) else {
            throw CarelogError(.usage, "--from \"\(from)\" is not a date like 2026-10-01")
        }
        guard CalendarDate.isValid(to) else {
            throw CarelogError(.usage, "--to \"\(to)\" is not a date like 2026-10-31")
        }
        // Valid ISO dates of four-digit years compare as text.
        guard from <= to else {
            throw CarelogError(.usage, "--from \(from) is after --to \(to)", suggestion: "The period runs from --from to --to, both days included.")
        }
        self.from = from
        self.to = to
    }

    /// Whether the period is whole calendar years (`--from` a 1 January, `--to` a
    /// 31 December).
    var isWholeYears: Bool { from.hasSuffix("-01-01") && to.hasSuffix("-12-31") }

    /// Under `--deidentify` the files give every date as its year; a shorter period in
    /// the manifest (and the choice of rows) would give the dates back: a one-day
    /// export dates every row to that day. Refused (usage, exit 2) unless whole years.
    func requireWholeYears() throws {
        guard !isWholeYears else { return }
        throw CarelogError(
            .usage,
            "--deidentify exports whole calendar years only: the period \(from) to \(to) would date every row more "
                + "precisely than the year the files give",
            suggestion: "Give --from YYYY-01-01 and --to YYYY-12-31 (several years are fine), or use --pseudonymize for a shorter period.")
    }
}
