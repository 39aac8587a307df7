import Postgres

/// The files of an auditor export and the SELECT that produces each one.
///
/// Every file has the columns of the import kind of the same name (natural keys, not
/// surrogate ids), so an exported file can be imported again. The statements read the
/// period, the site and the pseudonym pads from transaction-local settings
/// (`carelog.export_*`, set by `ExportOperation.export`), because `COPY (SELECT …) TO STDOUT`
/// takes no bind parameters; no value is ever part of the SQL text.
///
/// What a period [from, to] (inclusive local dates) exports:
/// - sessions whose site-local date is in the period, and their attendance;
/// - episodes, therapist assignments, group enrollments and treatment plans whose days
///   overlap the period (assignment and enrollment ends inclusive, discharge and closing dates exclusive; a same-day episode or plan counts for its
///   first day, as the episode_no_overlap constraint sees it); plans with a review in
///   the period too, so that every exported review has its plan;
/// - the requirements and goals of the exported plans; reviews, assessments and drug
///   screens dated in the period;
/// - the patients, staff, groups and sites those rows refer to (so the files are closed
///   under reference: each can be imported after the ones it names);
/// - the audit events whose batch was written in the period, by UTC calendar date
///   (the trail belongs to no site; `--site` does not narrow it).
///
/// With `--site`, group-side rows (groups, enrollments, sessions, attendance) are those
/// of the site's groups and patient-side rows (episodes, assignments, plans and what
/// hangs off them, assessments, screens) those of the site's patients; the records they
/// refer to are exported whatever their own site.
enum ExportTables {
    struct Table: Sendable {
        /// File name without `.csv`: the import kind, or `audit`.
        let name: String
        let columns: [String]
        /// The SELECT, complete with its WITH clause; trusted text built from constants.
        let select: String

        var fileName: String { name + ".csv" }
    }

    /// Every file, in the order an import of them would go (sites first, audit last).
    static func all(deidentified: Bool) -> [Table] {
        // De-identified, a patient is read through a derived table that computes each
        // pseudonym once (OFFSET 0 keeps PostgreSQL from folding it into the outer
        // query, which would compute it once per attendance row); only the patients
        // the export refers to are in it.
        let patients = deidentified
            ? """
              (SELECT p0.id, p0.gender, p0.site_id, \(pseudonym(mrn: "p0.mrn")) AS pseudonym
                 FROM x CROSS JOIN carelog.patient AS p0
                WHERE p0.id IN (SELECT unnest(current_setting('carelog.export_patients')::bigint[]))
               OFFSET 0) AS p
              """
            : "carelog.patient AS p"
        let patient = deidentified ? "p.pseudonym" : text("p.mrn")
        // Rows are ordered by MRN in the clear; in a de-identified export by surrogate
        // id, so that the order of rows reveals nothing about the order of MRNs.
        let byPatient = deidentified ? "p.id" : "p.mrn COLLATE \"C\""
        return [
            table("sites", [
                ("site_code", text("st.site_code")),
                ("name", text("st.name")),
                ("timezone", text("st.timezone")),
            ], from: "carelog.site AS st WHERE st.id IN (SELECT unnest(current_setting('carelog.export_sites')::bigint[]))",
               orderBy: ["st.site_code COLLATE \"C\""]),

            table("staff", [
                ("staff_id", text("sf.staff_id")),
                ("first_name", text("sf.first_name")),
                ("last_name", text("sf.last_name")),
                ("role", text("sf.role")),
                ("credentials", text("sf.credentials")),
                ("site_code", text("st.site_code")),
                ("active", "CASE WHEN sf.active THEN 'true' ELSE 'false' END"),
            ], from: """
                carelog.staff AS sf
                  JOIN carelog.site AS st ON st.id = sf.site_id
                 WHERE sf.id IN (SELECT unnest(current_setting('carelog.export_staff')::bigint[]))
                """, orderBy: ["sf.staff_id COLLATE \"C\""]),

            table("patients", (deidentified
                ? [("mrn", patient)]
                : [("mrn", patient),
                   ("first_name", text("p.first_name")),
                   ("last_name", text("p.last_name")),
                   ("date_of_birth", "p.date_of_birth")])
                + [("gender", text("p.gender")),
                   ("site_code", text("st.site_code"))],
               from: """
                \(patients)
                  JOIN carelog.site AS st ON st.id = p.site_id
                 WHERE p.id IN (SELECT unnest(current_setting('carelog.export_patients')::bigint[]))
                """, orderBy: ["(" + patient + ") COLLATE \"C\""]),

            table("episodes", [
                ("mrn", patient),
                ("admitted_on", "e.admitted_on"),
                ("level_of_care", text("e.level_of_care")),
                ("discharged_on", "e.discharged_on"),
                ("discharge_reason", text("e.discharge_reason")),
            ], from: """
                sel_episode AS e
                  JOIN \(patients) ON p.id = e.patient_id
                """, orderBy: [byPatient, "e.admitted_on"]),

            table("assignments", [
                ("mrn", patient),
                ("staff_id", text("sf.staff_id")),
                ("role", text("a.role")),
                ("starts_on", "a.starts_on"),
                ("ends_on", "a.ends_on"),
            ], from: """
                sel_assignment AS a
                  JOIN \(patients) ON p.id = a.patient_id
                  JOIN carelog.staff AS sf ON sf.id = a.therapist_id
                """, orderBy: [byPatient, "a.starts_on", "sf.staff_id COLLATE \"C\"", "a.role COLLATE \"C\""]),

            table("plans", [
                ("plan_code", text("tp.plan_code")),
                ("mrn", patient),
                ("created_on", "tp.created_on"),
                ("author", text("au.staff_id")),
                ("review_interval_days", "tp.review_interval_days"),
                ("closed_on", "tp.closed_on"),
            ], from: """
                sel_plan AS tp
                  JOIN \(patients) ON p.id = tp.patient_id
                  JOIN carelog.staff AS au ON au.id = tp.author_id
                """, orderBy: ["tp.plan_code COLLATE \"C\""]),

            table("plan-requirements", [
                ("plan_code", text("tp.plan_code")),
                ("modality", text("r.modality")),
                ("sessions_per_week", "r.sessions_per_week"),
            ], from: """
                carelog.plan_requirement AS r
                  JOIN sel_plan AS tp ON tp.id = r.plan_id
                """, orderBy: ["tp.plan_code COLLATE \"C\"", "r.modality COLLATE \"C\""]),

            table("goals", [
                ("plan_code", text("tp.plan_code")),
                ("goal_code", text("gl.goal_code")),
                ("domain", text("gl.domain")),
                ("description", text("gl.description")),
                ("target_date", "gl.target_date"),
                ("status", text("gl.status")),
                ("status_on", "gl.status_on"),
            ], from: """
                carelog.plan_goal AS gl
                  JOIN sel_plan AS tp ON tp.id = gl.plan_id
                """, orderBy: ["tp.plan_code COLLATE \"C\"", "gl.goal_code COLLATE \"C\""]),

            table("reviews", [
                ("plan_code", text("tp.plan_code")),
                ("reviewed_on", "rv.reviewed_on"),
                ("reviewer", text("sf.staff_id")),
                ("note", text("rv.note")),
            ], from: """
                sel_review AS rv
                  JOIN carelog.treatment_plan AS tp ON tp.id = rv.plan_id
                  JOIN carelog.staff AS sf ON sf.id = rv.reviewer_id
                """, orderBy: ["tp.plan_code COLLATE \"C\"", "rv.reviewed_on"]),

            table("groups", [
                ("group_code", text("g.group_code")),
                ("name", text("g.name")),
                ("modality", text("g.modality")),
                ("gender_focus", text("g.gender_focus")),
                ("kind", text("g.kind")),
                ("site_code", text("st.site_code")),
                ("capacity", "g.capacity"),
                ("facilitator", text("sf.staff_id")),
            ], from: """
                carelog.care_group AS g
                  JOIN carelog.site AS st ON st.id = g.site_id
                  LEFT JOIN carelog.staff AS sf ON sf.id = g.facilitator_id
                 WHERE g.id IN (SELECT unnest(current_setting('carelog.export_groups')::bigint[]))
                """, orderBy: ["g.group_code COLLATE \"C\""]),

            table("enrollments", [
                ("group_code", text("g.group_code")),
                ("mrn", patient),
                ("starts_on", "en.starts_on"),
                ("ends_on", "en.ends_on"),
            ], from: """
                sel_enrollment AS en
                  JOIN carelog.care_group AS g ON g.id = en.group_id
                  JOIN \(patients) ON p.id = en.patient_id
                """, orderBy: ["g.group_code COLLATE \"C\"", byPatient, "en.starts_on"]),

            table("sessions", [
                ("group_code", text("g.group_code")),
                ("starts_at", instant("gs.starts_at")),
                ("duration_minutes", "gs.duration_minutes"),
                ("facilitator", text("sf.staff_id")),
                ("status", text("gs.status")),
            ], from: """
                sel_session AS gs
                  JOIN carelog.care_group AS g ON g.id = gs.group_id
                  JOIN carelog.staff AS sf ON sf.id = gs.facilitator_id
                """, orderBy: ["gs.starts_at", "g.group_code COLLATE \"C\""]),

            table("attendance", [
                ("group_code", text("g.group_code")),
                ("starts_at", instant("gs.starts_at")),
                ("mrn", patient),
                ("status", text("a.status")),
                ("minutes_attended", "a.minutes_attended"),
                ("recorded_by", text("sf.staff_id")),
                ("recorded_at", instant("a.recorded_at")),
            ], from: """
                sel_session AS gs
                  JOIN carelog.attendance AS a ON a.session_id = gs.id
                  JOIN carelog.care_group AS g ON g.id = gs.group_id
                  JOIN \(patients) ON p.id = a.patient_id
                  JOIN carelog.staff AS sf ON sf.id = a.recorded_by_id
                """, orderBy: ["gs.starts_at", "g.group_code COLLATE \"C\"", byPatient]),

            table("assessments", [
                ("mrn", patient),
                ("instrument", text("asm.instrument")),
                ("administered_on", "asm.administered_on"),
                ("score", "asm.score"),
            ], from: """
                sel_assessment AS asm
                  JOIN \(patients) ON p.id = asm.patient_id
                """, orderBy: [byPatient, "asm.administered_on", "asm.instrument COLLATE \"C\""]),

            table("screens", [
                ("mrn", patient),
                ("collected_on", "ds.collected_on"),
                ("result", text("ds.result")),
                ("substances", text("ds.substances")),
            ], from: """
                sel_screen AS ds
                  JOIN \(patients) ON p.id = ds.patient_id
                """, orderBy: [byPatient, "ds.collected_on"]),

            table("audit", [
                ("event_id", "ev.id"),
                ("batch_id", "ev.batch_id"),
                ("changed_at", instant("b.created_at")),
                ("db_user", text("b.db_user")),
                ("acting_staff", text("b.acting_staff")),
                ("table_name", text("ev.table_name")),
                ("operation", text("ev.operation")),
                ("record_id", "ev.record_id"),
                // jsonb text always starts with "{", so it needs no spreadsheet guard.
                ("old_values", deidentified ? auditValues("ev.old_values") : "ev.old_values::text"),
                ("new_values", deidentified ? auditValues("ev.new_values") : "ev.new_values::text"),
            ], from: """
                carelog.audit_batch AS b
                  JOIN carelog.audit_event AS ev ON ev.batch_id = b.id
                 WHERE b.created_at >= x.audit_from AND b.created_at < x.audit_until
                """, orderBy: ["ev.id"]),
        ]
    }

    /// The statement run once before the files: it works out which patients, staff
    /// members, groups and sites the rows of the period refer to and keeps their ids
    /// in transaction-local settings (`carelog.export_patients` etc., bigint arrays
    /// as text), which sites.csv, staff.csv, patients.csv and groups.csv then read.
    /// One pass over the period's attendance instead of one per file.
    static let references: String = {
        let body = """
            SELECT set_config('carelog.export_patients', (SELECT coalesce(array_agg(patient_id ORDER BY patient_id), '{}') FROM ref_patient)::text, true),
                   set_config('carelog.export_staff', (SELECT coalesce(array_agg(staff_id ORDER BY staff_id), '{}') FROM ref_staff)::text, true),
                   set_config('carelog.export_groups', (SELECT coalesce(array_agg(group_id ORDER BY group_id), '{}') FROM ref_group)::text, true),
                   set_config('carelog.export_sites', (SELECT coalesce(array_agg(site_id ORDER BY site_id), '{}') FROM ref_site)::text, true)
            """
        return with(for: body) + "\n" + body
    }()

    // MARK: - Building blocks

    private static func table(_ name: String, _ columns: [(String, String)], from: String, orderBy: [String]) -> Table {
        let list = columns.map { "       \($0.1) AS \(SQLQuery.quoteIdentifier($0.0))" }.joined(separator: ",\n")
        let body = """
            SELECT
            \(list)
              FROM x CROSS JOIN \(from)
             ORDER BY \(orderBy.joined(separator: ", "))
            """
        return Table(name: name, columns: columns.map(\.0), select: with(for: body) + "\n" + body)
    }

    /// A text column with the spreadsheet guard of SPEC §4: a value starting with
    /// `=`, `+`, `-`, `@`, tab, CR or LF gets a leading apostrophe. NULL stays NULL.
    static func text(_ column: String) -> String {
        "CASE WHEN \(column) ~ '^[-=+@\\t\\r\\n]' THEN '''' || \(column) ELSE \(column) END"
    }

    /// An instant as ISO 8601 in UTC (`2026-10-05T11:30:00Z`), with the fraction of a
    /// second only when there is one (`…:00.5Z`), so that a re-import finds the same
    /// instant. This is PostgreSQL's own output of a timestamptz under DateStyle ISO
    /// and TimeZone UTC, which the export sets (`2026-10-05 11:30:00+00`), with `T`
    /// and `Z` put in: one conversion, cheaper than to_char.
    static func instant(_ column: String) -> String {
        "replace(replace(\(column)::text, ' ', 'T'), '+00', 'Z')"
    }

    /// `P-` and the first 8 bytes, in hex, of HMAC-SHA-256(key, MRN), computed from the
    /// key's inner and outer pads (RFC 2104) with the server's sha256(); equal to
    /// `Pseudonymizer.pseudonym(for:)` with the same key.
    static func pseudonym(mrn: String) -> String {
        "'P-' || encode(substring(sha256(x.opad || sha256(x.ipad || convert_to(\(mrn), 'UTF8'))) FROM 1 FOR 8), 'hex')"
    }

    /// Old or new values of an audit event, de-identified: a patient row loses its
    /// MRN, names and date of birth and gains its pseudonym. Other tables refer to
    /// patients by surrogate id only and are left as they are.
    private static func auditValues(_ column: String) -> String {
        """
        CASE WHEN ev.table_name = 'patient' AND \(column) IS NOT NULL \
        THEN ((\(column) - ARRAY['mrn', 'first_name', 'last_name', 'date_of_birth']) \
        || jsonb_build_object('pseudonym', \(pseudonym(mrn: "(\(column) ->> 'mrn')"))))::text \
        ELSE \(column)::text END
        """
    }

    /// The WITH clause a statement needs: the parameters (`x`, always) and the CTEs it
    /// names, with the CTEs those name, in dependency order. Only what a statement
    /// uses is in it, so that PostgreSQL can inline a CTE named once (and, for
    /// attendance, read the sessions in time order).
    static func with(for body: String) -> String {
        var needed = Set<String>()
        func visit(_ text: String) {
            for cte in ctes where !needed.contains(cte.name) && mentions(text, cte.name) {
                needed.insert(cte.name)
                visit(cte.body)
            }
        }
        visit(body)
        let chosen = [parameters] + ctes.filter { needed.contains($0.name) }.map { "\($0.name) AS (\n\($0.body)\n)" }
        return "WITH " + chosen.joined(separator: ",\n")
    }

    private static func mentions(_ text: String, _ name: String) -> Bool {
        var rest = text[...]
        while let range = rest.range(of: name) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            func isWord(_ c: Character?) -> Bool { c.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false }
            if !isWord(before) && !isWord(after) { return true }
            rest = text[range.upperBound...]
        }
        return false
    }

    /// The parameters, read once per statement. `earliest` and `latest` bound the
    /// instants that can fall on a day of the period in some time zone (UTC-12 to
    /// UTC+14), so that sessions are found through the index on starts_at.
    private static let parameters = """
        x AS MATERIALIZED (
            SELECT f.from_on, t.to_on,
                   (SELECT id FROM carelog.site
                     WHERE site_code = nullif(current_setting('carelog.export_site'), '')) AS site_id,
                   nullif(current_setting('carelog.export_site'), '') IS NULL AS all_sites,
                   daterange(f.from_on, t.to_on, '[]') AS days,
                   (f.from_on - 1)::timestamp AT TIME ZONE 'UTC' AS earliest,
                   (t.to_on + 2)::timestamp AT TIME ZONE 'UTC' AS latest,
                   f.from_on::timestamp AT TIME ZONE 'UTC' AS audit_from,
                   (t.to_on + 1)::timestamp AT TIME ZONE 'UTC' AS audit_until,
                   decode(current_setting('carelog.export_ipad'), 'hex') AS ipad,
                   decode(current_setting('carelog.export_opad'), 'hex') AS opad
              FROM (SELECT current_setting('carelog.export_from')::date AS from_on) AS f,
                   (SELECT current_setting('carelog.export_to')::date AS to_on) AS t
        )
        """

    /// The rows of the period, and what they refer to, by name.
    private static let ctes: [(name: String, body: String)] = {
        [
            ("sel_session", """
                    SELECT gs.*
                      FROM x
                      JOIN carelog.group_session AS gs
                        ON gs.starts_at >= x.earliest AND gs.starts_at < x.latest
                      JOIN carelog.care_group AS g ON g.id = gs.group_id
                      JOIN carelog.site AS st ON st.id = g.site_id
                     WHERE carelog.site_local_date(gs.starts_at, st.timezone) BETWEEN x.from_on AND x.to_on
                       AND (x.all_sites OR g.site_id = x.site_id)
                """),
            ("ref_attendance", """
                    SELECT DISTINCT a.patient_id, a.recorded_by_id
                      FROM sel_session AS gs
                      JOIN carelog.attendance AS a ON a.session_id = gs.id
                """),
            ("site_patient", """
                    SELECT p.id FROM x JOIN carelog.patient AS p ON x.all_sites OR p.site_id = x.site_id
                """),
            ("sel_episode", """
                    SELECT e.*
                      FROM x JOIN carelog.episode AS e
                        ON carelog.episode_days(e.admitted_on, e.discharged_on) && x.days
                     WHERE e.patient_id IN (SELECT id FROM site_patient)
                """),
            ("sel_assignment", """
                    SELECT a.*
                      FROM x JOIN carelog.therapist_assignment AS a
                        ON daterange(a.starts_on, a.ends_on, '[]') && x.days
                     WHERE a.patient_id IN (SELECT id FROM site_patient)
                """),
            ("sel_enrollment", """
                    SELECT en.*
                      FROM x JOIN carelog.group_enrollment AS en
                        ON daterange(en.starts_on, en.ends_on, '[]') && x.days
                      JOIN carelog.care_group AS g ON g.id = en.group_id
                     WHERE x.all_sites OR g.site_id = x.site_id
                """),
            ("sel_review", """
                    SELECT rv.*
                      FROM x JOIN carelog.plan_review AS rv ON rv.reviewed_on BETWEEN x.from_on AND x.to_on
                      JOIN carelog.treatment_plan AS tp ON tp.id = rv.plan_id
                     WHERE tp.patient_id IN (SELECT id FROM site_patient)
                """),
            ("sel_plan", """
                    SELECT tp.*
                      FROM x JOIN carelog.treatment_plan AS tp
                        ON carelog.episode_days(tp.created_on, tp.closed_on) && x.days
                        OR tp.id IN (SELECT plan_id FROM sel_review)
                     WHERE tp.patient_id IN (SELECT id FROM site_patient)
                """),
            ("sel_assessment", """
                    SELECT asm.*
                      FROM x JOIN carelog.assessment AS asm ON asm.administered_on BETWEEN x.from_on AND x.to_on
                     WHERE asm.patient_id IN (SELECT id FROM site_patient)
                """),
            ("sel_screen", """
                    SELECT ds.*
                      FROM x JOIN carelog.drug_screen AS ds ON ds.collected_on BETWEEN x.from_on AND x.to_on
                     WHERE ds.patient_id IN (SELECT id FROM site_patient)
                """),
            ("ref_group", """
                    SELECT group_id FROM sel_session
                    UNION SELECT group_id FROM sel_enrollment
                """),
            ("ref_patient", """
                    SELECT patient_id FROM sel_episode
                    UNION SELECT patient_id FROM sel_assignment
                    UNION SELECT patient_id FROM sel_plan
                    UNION SELECT patient_id FROM sel_enrollment
                    UNION SELECT patient_id FROM ref_attendance
                    UNION SELECT patient_id FROM sel_assessment
                    UNION SELECT patient_id FROM sel_screen
                """),
            ("ref_staff", """
                    SELECT therapist_id AS staff_id FROM sel_assignment
                    UNION SELECT author_id FROM sel_plan
                    UNION SELECT reviewer_id FROM sel_review
                    UNION SELECT g.facilitator_id FROM carelog.care_group AS g
                           WHERE g.id IN (SELECT group_id FROM ref_group) AND g.facilitator_id IS NOT NULL
                    UNION SELECT facilitator_id FROM sel_session
                    UNION SELECT recorded_by_id FROM ref_attendance
                """),
            ("ref_site", """
                    SELECT p.site_id FROM carelog.patient AS p WHERE p.id IN (SELECT patient_id FROM ref_patient)
                    UNION SELECT sf.site_id FROM carelog.staff AS sf WHERE sf.id IN (SELECT staff_id FROM ref_staff)
                    UNION SELECT g.site_id FROM carelog.care_group AS g WHERE g.id IN (SELECT group_id FROM ref_group)
                """),
        ]
    }()
}
