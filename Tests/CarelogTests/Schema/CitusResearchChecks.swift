import Foundation
import Testing

/// The research sections of docs/citus-findings.md, checked line by line on the cluster of
/// CitusFindingsTests after its findings: the reports, the logins, a rule, the audit chains and
/// a third worker, each run by its script (scripts/citus-reports, citus-access, citus-rules,
/// citus-audit, citus-grow) on what the one before it left.
extension CitusFindingsTests {
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

    func checkReports(_ cluster: CitusCluster) async throws {
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

    func checkAccess(_ cluster: CitusCluster) async throws {
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
    }

    /// "A rule on the shards": attendance_patient_in_care as a row trigger on the shards,
    /// reading the same site's shards of its own node.
    func checkRule(_ cluster: CitusCluster) async throws {
        let rules = try await cluster.script("citus-rules", [])
        try #require(rules.status == 0, "\(rules)")
        #expect(rules.output.split(separator: "\n").map(String.init) == [
            "a patient in care on the session's day: accepted",
            "a patient not in care that day: attendance can only be recorded for a patient in care on the day of the session",
        ], "\(rules)")
    }

    /// "One audit chain per site": two chains, intact; still intact, walked by their links,
    /// after one site's shards moved to the other worker (but not in the order of the batch
    /// ids, which the move breaks); an event rewritten in one site's shard on its worker
    /// breaks that site's chain at the batch that holds it, and only it.
    func checkAuditChains(_ cluster: CitusCluster) async throws {
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
    }

    /// "A worker added, the shards rebalanced": a third worker takes its share of every
    /// table's shards, and what held before holds after.
    func checkGrowth(_ cluster: CitusCluster) async throws {
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
