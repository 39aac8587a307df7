import Foundation
import Testing

/// docs/citus-findings.md, checked on a real Citus cluster: what Citus 13.2.2 accepts of
/// carelog's schema as the migrations build it today, and the first refusal of every other
/// table, word for word as the page quotes it. When a step of the page's plan lands (string
/// bodies, site_id everywhere, policies without subqueries…), a refusal here goes away and
/// this test says which: the page and the expectations below change together.
///
/// Runs where Citus 13.2.2 is installed into this machine's PostgreSQL 15 (`scripts/citus-up`
/// builds and installs it once, about 10 minutes); skipped elsewhere, and the suite's
/// output names the suite as skipped. It starts a cluster of its own (a coordinator and 2
/// workers under a scratch CARELOG_HOME, on Unix sockets in that folder only), so it never
/// touches an engineer's cluster, and removes it at the end.
@Suite("Citus cluster: docs/citus-findings.md", .enabled(if: CitusCluster.isInstalled),
       .timeLimit(.minutes(TestTimeLimit.minutes)))
struct CitusFindingsTests {
    /// The first refusal of each table as migrated, from the page's table ("What Citus
    /// accepts today"): the reference tables with create_reference_table, the site-scoped
    /// ones with create_distributed_table(…, 'site_id').
    static let refusals: [(table: String, reference: Bool, error: String)] = {
        let dependency = "has dependency to \"table carelog.app_user\" that is not in Citus' metadata"
        let circular = "Citus can not handle circular dependencies between distributed objects"
        func triggers(_ table: String) -> String { "cannot distribute relation \"\(table)\" because it has triggers" }
        var rows: [(String, Bool, String)] = []
        for table in ["site", "staff", "closed_period"] { rows.append((table, true, dependency)) }
        for table in ["app_user", "care_group", "group_cofacilitator"] { rows.append((table, true, circular)) }
        for table in ["modality", "service_code", "credential"] { rows.append((table, true, triggers(table))) }
        rows.append(("teds_code", true, "Subqueries are not supported in policies on distributed tables"))
        for table in ["patient", "therapist_assignment", "group_session", "group_enrollment", "attendance",
                      "session_note", "participant_note", "audit_event"] {
            rows.append((table, false, circular))
        }
        for table in ["episode", "treatment_plan", "plan_requirement", "plan_goal", "plan_review", "assessment",
                      "drug_screen", "consent", "attendance_void", "note_addendum", "roll_closure", "outcome_measure",
                      "audit_batch", "disclosure", "disclosure_patient"] {
            rows.append((table, false, dependency))
        }
        return rows
    }()

    @Test("the migrations apply on a Citus coordinator; column_class alone becomes a reference table; every other table is refused, every report runs or is refused, each login reads, a rule on the shards refuses, each site's audit chain holds or breaks, and a third worker changes none of it, as the page says")
    func findings() async throws {
        let cluster = try await CitusCluster.start()
        do {
            try await check(cluster)
        } catch {
            await cluster.remove()
            throw error
        }
        await cluster.remove()
    }

    private func check(_ cluster: CitusCluster) async throws {
        let check = try await cluster.script("citus-check", ["carelog_citus"])
        try #require(check.status == 0, "\(check)")
        let lines = check.output.split(separator: "\n").map { String($0) }
        #expect(lines.first == "Citus 13.2.2, database carelog_citus, 2 workers, 1 Citus tables:", "\(check)")
        #expect(lines.contains(" reference | carelog.column_class | <none> |          1 |      1"), "\(check)")
        // The 36 tables of the page: the 33 tried below, column_class, and run_log and
        // schema_migration, which stay plain tables (as do the 33 until the plan lands).
        #expect(lines.last == "35 of 36 tables of schema carelog are not in Citus (plain tables on the coordinator)", "\(check)")

        // carelog itself sees the coordinator's database as migrated (citus-check writes the
        // bookkeeping rows as the Migrator does).
        let conninfo = cluster.conninfo("carelog_citus")
        let status = try await OwnThread.run { () -> (exit: Int32, output: String, shown: String) in
            let run = try CarelogBinary.run(["db", "status", "--database", conninfo])
            return (run.status, run.output, run.description)
        }
        #expect(status.exit == 0, "\(status.shown)")
        #expect(!status.output.contains("pending"), "\(status.shown)")

        #expect(Self.refusals.count == 33)
        var outcomes: [String] = []
        for refusal in Self.refusals {
            let call = refusal.reference
                ? "SELECT create_reference_table('carelog.\(refusal.table)')"
                : "SELECT create_distributed_table('carelog.\(refusal.table)', 'site_id')"
            // In a transaction that is rolled back, so that a table Citus took after all
            // changes nothing for the next one (and shows up as accepted here).
            let run = try await cluster.psql("carelog_citus", "BEGIN; \(call); ROLLBACK;")
            let refused = run.status != 0
            outcomes.append("\(refusal.table): " + (refused ? (run.error.contains(refusal.error) ? "as the page says" : run.error) : "accepted"))
        }
        #expect(outcomes == Self.refusals.map { "\($0.table): as the page says" })

        try await checkReports(cluster)
    }

    /// The page's "The reports on the cluster": what each report does on the experiment's
    /// distributed tables (two sites' records here, loaded from one node), as scripts/citus-reports
    /// prints it. A report that starts to run, or that runs and gives other rows than on one
    /// node, fails here.
    static let reportOutcomes: [(report: String, outcome: String)] = {
        let complexJoins = "refused: complex joins are only supported when all distributed tables are co-located and joined on their distribution columns"
        let repartition = "refused: the query contains a join that requires repartitioning"
        return [
            ("documentation-gaps", "refused: correlated subqueries are not supported when the FROM clause contains a CTE or subquery"),
            ("group-attendance", "same rows"),
            ("group-services", complexJoins), ("late-changes", complexJoins), ("noms", complexJoins),
            ("outcomes", repartition), ("patient-participation", repartition),
            ("plan-status", complexJoins), ("teds-admissions", complexJoins), ("teds-discharges", complexJoins),
            ("therapist-caseload", "refused: could not run distributed query with GROUPING"),
        ]
    }()

    private func checkReports(_ cluster: CitusCluster) async throws {
        // Two sites and one month, 12 shards a table (Citus makes 32): the smallest research
        // copy whose two sites are on different workers, to keep the suite short; the outcomes
        // are those of the page's 3 sites and 32 shards.
        let run = try await cluster.script("citus-reports", [], environment: [
            "CARELOG": try CarelogBinary.executable.path, "CITUS_SCALE": "2", "CITUS_MONTHS": "1", "CITUS_SHARD_COUNT": "12",
        ])
        try #require(run.status == 0, "\(run)")
        let lines = run.output.split(separator: "\n").map { String($0) }
        // Both workers hold sites: the rows of one report come from shards on two nodes.
        let placement = lines.first { $0.hasPrefix("sites on the cluster: ") } ?? ""
        #expect(placement.contains(":55433") && placement.contains(":55434"), "\(run)")
        var outcomes: [String] = []
        for (report, _) in Self.reportOutcomes {
            let line = lines.first { $0.hasPrefix(report.padding(toLength: 25, withPad: " ", startingAt: 0)) } ?? "no line"
            // "same rows (37 lines)": the count follows the seed's month, the outcome does not.
            let outcome = String(line.dropFirst(25)).replacingOccurrences(of: #" \(\d+ lines\)$"#, with: "", options: .regularExpression)
            outcomes.append("\(report): \(outcome)")
        }
        #expect(outcomes == Self.reportOutcomes.map { "\($0.report): \($0.outcome)" })
        #expect(lines.contains("1 of 11 reports give the same rows on the cluster as on one node"), "\(run)")
        // Plan step 7 on one report: with site_id in its joins, teds-admissions runs and its
        // rows are one node's.
        #expect(lines.contains { $0.hasPrefix("teds-admissions, joined on site_id too: same rows (") }, "\(run)")

        try await checkAccess(cluster)
    }

    /// The page's "Row-level security on the shards": how many of the 34 tables each login
    /// reads with one node's row count, at stage A (the experiment's cluster) and stage B
    /// (logins on every node, directors' policies by site) and C (the therapist's caseload read
    /// from the co-located shard), as scripts/citus-access prints it.
    static let accessOutcomes = [
        "A auditor    same count in 15 of 34 tables",
        "A director   same count in 13 of 34 tables",
        "A therapist  same count in 15 of 34 tables",
        "B auditor    same count in 34 of 34 tables",
        "B director   same count in 33 of 34 tables",
        "B therapist  same count in 15 of 34 tables",
        "C therapist  same count in 20 of 34 tables",
    ]

    private func checkAccess(_ cluster: CitusCluster) async throws {
        let run = try await cluster.script("citus-access", [])
        try #require(run.status == 0, "\(run)")
        let lines = run.output.split(separator: "\n").map { String($0) }
        #expect(lines.filter { !$0.hasPrefix(" ") } == Self.accessOutcomes, "\(run)")
        // Why, in the lines under each: the shard's nested query at stage A; at stage B the
        // director differs in audit_batch alone, whose batches have no site of their own yet.
        #expect(lines.contains { $0.hasPrefix("    cannot execute a distributed query from a query on a shard: assessment attendance") }, "\(run)")
        let directorAtB = lines.drop { $0 != Self.accessOutcomes[4] }.dropFirst().prefix { $0.hasPrefix(" ") }
        #expect(directorAtB.count == 1, "\(run)")
        #expect(directorAtB.first?.range(of: #"^    other count: audit_batch \(\d+, 0\)$"#, options: .regularExpression) != nil, "\(run)")

        // "A rule on the shards": attendance_patient_in_care as a row trigger on the shards,
        // reading the same site's shards of its own node.
        let rules = try await cluster.script("citus-rules", [])
        try #require(rules.status == 0, "\(rules)")
        #expect(rules.output.split(separator: "\n").map(String.init) == [
            "a patient in care on the session's day: accepted",
            "a patient not in care that day: attendance can only be recorded for a patient in care on the day of the session",
        ], "\(rules)")

        // "One audit chain per site": two chains, intact; still intact, walked by their links,
        // after one site's shards moved to the other worker (but not in the order of the batch
        // ids, which the move breaks); an event rewritten in one site's shard on its worker
        // breaks that site's chain at the batch that holds it, and only it.
        let audit = try await cluster.script("citus-audit", [])
        try #require(audit.status == 0, "\(audit)")
        let auditLines = audit.output.split(separator: "\n").map(String.init)
        let expected = [
            "after two statements:", "  S01: 2 batches, chain intact", "  S02: 2 batches, chain intact",
            "S02's shards moved from worker2 to worker1, then a third statement:",
            "  S01: 3 batches, chain intact", "  S02: 3 batches, chain intact",
            "  ordered by batch id instead of by link:",
            "    S01: 3 batches, chain intact", "    S02: 3 batches, broken at its batch 1",
            "one event of S02's first batch rewritten on worker1:",
            "  S01: 3 batches, chain intact", "  S02: 3 batches, broken at its batch 1",
        ]
        #expect(auditLines == expected, "\(audit)")
        // The owner was let in for the move only.
        let owner = try await cluster.psql("postgres", "SELECT rolcanlogin FROM pg_roles WHERE rolname = 'carelog_owner'")
        #expect(owner.output.contains(" f\n"), "\(owner)")

        // "A worker added, the shards rebalanced": a third worker takes its share of every
        // table's 32 shards, and what held before holds after.
        let grow = try await cluster.script("citus-grow", [])
        try #require(grow.status == 0, "\(grow)")
        let growLines = grow.output.split(separator: "\n").map(String.init)
        #expect(growLines.first?.range(of: #"^worker3 added and the shards rebalanced in [0-9.]+s: the 12 shards of each table now 4, 4, 4 on the 3 workers$"#,
                                        options: .regularExpression) != nil, "\(grow)")
        #expect(Array(growLines.dropFirst()) == [
            "group-attendance: same rows as on one node",
            "teds-admissions joined on site_id: same rows as on one node",
            "audit chain of S01: 3 batches, chain intact",
            "audit chain of S02: 3 batches, broken at its batch 1",
        ], "\(grow)")
    }
}

/// A private Citus cluster of the test's own, made by `scripts/citus-up` under a scratch
/// CARELOG_HOME (docs/citus-findings.md, "The cluster and the database").
struct CitusCluster: Sendable {
    let home: URL

    /// Citus 13.2.2 is in this machine's PostgreSQL 15: the control file, and the library
    /// that names its version (what scripts/citus-up's own check looks for). Without it the
    /// script would build Citus first, which a test run does not do.
    static var isInstalled: Bool {
        guard FileManager.default.fileExists(atPath: "/usr/share/postgresql/15/extension/citus.control"),
              let library = FileManager.default.contents(atPath: "/usr/lib/postgresql/15/lib/citus.so") else { return false }
        return library.range(of: Data("Citus 13.2.2 ".utf8)) != nil
    }

    typealias Run = ChildProcess.Run

    /// Starts a coordinator and 2 workers with `scripts/citus-up`.
    static func start() async throws -> CitusCluster {
        let cluster = CitusCluster(home: try ScratchFolder.create("citus"))
        let up = try await cluster.script("citus-up", [])
        guard up.status == 0 else {
            await cluster.remove()
            throw Failure(description: "scripts/citus-up failed: \(up)")
        }
        return cluster
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    var socketFolder: String { home.appendingPathComponent("citus/cluster/run").path }

    func conninfo(_ database: String) -> String {
        "host=\(socketFolder) port=55432 user=postgres dbname=\(database)"
    }

    /// Runs `scripts/NAME ARGUMENTS` with this cluster's CARELOG_HOME.
    ///
    /// The script runs with every descriptor but the standard three closed: citus-up
    /// starts servers that outlive it, and a server holding a descriptor the test process
    /// watches for the child's end would keep the test waiting after the script exited.
    func script(_ name: String, _ arguments: [String], environment extra: [String: String] = [:]) async throws -> Run {
        let closeInherited = #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec bash "$@""#
        return try await ChildProcess.run("/bin/bash", ["-c", closeInherited, "bash", ChildProcess.root.appendingPathComponent("scripts/\(name)").path] + arguments,
                                  environment: Self.environment(extra.merging(["CARELOG_HOME": home.path]) { _, home in home }))
    }

    /// Runs SQL on the coordinator with psql: stops at the first error, whose text (with its
    /// DETAIL) is on standard error.
    func psql(_ database: String, _ sql: String) async throws -> Run {
        try await ChildProcess.run("/usr/lib/postgresql/15/bin/psql",
                           [conninfo(database), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], environment: Self.environment([:]))
    }

    /// Stops the nodes and deletes the scratch home (the installed Citus stays).
    func remove() async {
        _ = try? await script("citus-down", ["--remove"])
        try? FileManager.default.removeItem(at: home)
    }

    private static func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8",
                           "HOME": NSTemporaryDirectory()]
        environment.merge(extra) { _, new in new }
        return environment
    }
}
