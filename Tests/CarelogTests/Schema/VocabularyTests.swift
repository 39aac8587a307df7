import Postgres
import Testing

@testable import Carelog

extension DatabaseTests {
    @Suite("vocabulary")
    struct VocabularyTests {
        /// Every enumerated column of the schema and the Swift list that mirrors it for
        /// the imports' friendly messages.
        static let mirrors: [String: [String]] = [
            "carelog.staff.role": Vocabulary.staffRoles,
            "carelog.patient.gender": Vocabulary.genders,
            "carelog.episode.level_of_care": Vocabulary.levelsOfCare,
            "carelog.episode.discharge_reason": Vocabulary.dischargeReasons,
            "carelog.therapist_assignment.role": Vocabulary.assignmentRoles,
            "carelog.plan_requirement.modality": Vocabulary.modalities,
            "carelog.plan_goal.status": Vocabulary.goalStatuses,
            "carelog.plan_goal.domain": Vocabulary.goalDomains,
            "carelog.care_group.modality": Vocabulary.modalities,
            "carelog.care_group.gender_focus": Vocabulary.genderFocuses,
            "carelog.care_group.kind": Vocabulary.groupKinds,
            "carelog.group_session.status": Vocabulary.sessionStatuses,
            "carelog.attendance.status": Vocabulary.attendanceStatuses,
            "carelog.assessment.instrument": Vocabulary.instruments,
            "carelog.drug_screen.result": Vocabulary.screenResults,
            "carelog.outcome_measure.time_point": Vocabulary.timePoints,
            // The modality reference list of sql/022 holds the same modalities.
            "carelog.modality.code": Vocabulary.modalities,
            // Not an import: `user add --role` checks it before asking the database.
            "carelog.app_user.role": UserOperation.roles,
        ]

        /// Enumerations of the audit trail's own tables: written by triggers, never imported.
        static let notImported: Set<String> = [
            "carelog.audit_batch.operation", "carelog.audit_event.operation",
            // written by export and report monthly from their options, checked below
            "carelog.disclosure.basis", "carelog.disclosure.privacy",
            // the privacy classification of sql/017, written by migrations only
            "carelog.column_class.class", "carelog.column_class.pseudonymized", "carelog.column_class.deidentified",
            // a note's status: draft when saved, signed by `note sign` (sql/018)
            "carelog.session_note.status",
        ]

        @Test("every list of Vocabulary is the value list of its column's CHECK constraint, in the same order")
        func vocabularyMatchesConstraints() throws {
            let database = try TestDatabase()
            let connection = try database.connect()
            defer { connection.close() }
            // Single-column CHECK constraints of the form `column IN (...)`, which the
            // server keeps as `column = ANY (ARRAY['a'::text, ...])`.
            let rows = try connection.query("""
                SELECT n.nspname || '.' || t.relname || '.' || a.attname AS column_name,
                       pg_get_constraintdef(c.oid) AS definition
                  FROM pg_constraint AS c
                  JOIN pg_class AS t ON t.oid = c.conrelid
                  JOIN pg_namespace AS n ON n.oid = t.relnamespace
                  JOIN pg_attribute AS a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                 WHERE c.contype = 'c' AND n.nspname = 'carelog' AND cardinality(c.conkey) = 1
                   AND NOT t.relispartition   -- a monthly partition repeats its table's constraints
                   AND pg_get_constraintdef(c.oid) LIKE '%= ANY (ARRAY[%'
                 ORDER BY 1
                """)
            var constraints: [String: [String]] = [:]
            for row in rows {
                let definition: String = try row.decode("definition")
                let values = definition.matches(of: /'((?:[^']|'')*)'::text/).map { String($0.1).replacingOccurrences(of: "''", with: "'") }
                constraints[try row.decode("column_name")] = values
            }
            #expect(Set(constraints.keys).subtracting(Self.notImported) == Set(Self.mirrors.keys))
            for (column, list) in Self.mirrors {
                #expect(constraints[column] == list, "\(column)")
            }
            // The parse itself: one constraint worked out by hand from sql/001_schema.sql.
            #expect(constraints["carelog.care_group.kind"] == ["open", "closed"])
            #expect(constraints["carelog.disclosure.basis"] == DisclosureRequest.Basis.allCases.map(\.rawValue))
            #expect(constraints["carelog.disclosure.privacy"] == ["clear", "pseudonymized", "deidentified"])
        }
    }
}
