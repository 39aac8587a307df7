/// The values of one `carelog seed` run: what the statements of `queries/seed/`
/// are run with.
///
/// How the reference data is built is said where it is built, in those files
/// (`001_draws.sql` for the deterministic draws, one file per table or staging
/// step). Everything happens inside PostgreSQL; the run's values reach it only as
/// bound parameters.
struct SeedPlan {
    /// Number of sites (1...99).
    let scale: Int
    let seed: Int
    /// First day of the first month, ISO.
    let start: String
    /// First day after the last month, ISO (exclusive end).
    let end: String
    /// Days from start to end.
    let days: Int
    /// First days of each month, plus the end: the attendance is written a month per statement.
    /// (The demo's first bound is the day its period starts, not a first of the month.)
    let monthBounds: [String]
    /// The demo's today, the period's last day, ISO: its sessions are all scheduled and
    /// only those before 09:00 site-local logged. Nil when every day is complete.
    var today: String? = nil

    /// The stream every draw hashes with: the seed spread out so that neighbouring
    /// seeds share no draws (wrapping, as any Int is a valid seed).
    var seedStream: Int { seed &* 1_000_003 }
}
