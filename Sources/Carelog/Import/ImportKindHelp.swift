/// What `carelog import KIND --help` and docs/imports.md say about one import format:
/// its columns, which are required, what each holds, and an example that imports.
///
/// Written from the kind's own definition, so the help cannot drift from what the
/// importer accepts; the examples of all kinds, imported in order into an empty
/// database, are accepted (a test does exactly that).
extension ImportKind {
    /// One example file per kind: header and one row, consistent across kinds.
    static let examples: [String: String] = [
        "sites": "site_code,name,timezone\nS01,Riverside House,America/New_York",
        "staff": "staff_id,first_name,last_name,role,credentials,site_code,active\nT0101,Ana,Reyes,therapist,LCSW,S01,true",
        "patients": "mrn,first_name,last_name,date_of_birth,gender,site_code\n01000001,María José,Núñez,1985-03-14,female,S01",
        "episodes": "mrn,admitted_on,level_of_care,discharged_on,discharge_reason\n01000001,2026-09-01,3.5,,",
        "assignments": "mrn,staff_id,role,starts_on,ends_on\n01000001,T0101,primary,2026-09-01,",
        "plans": "plan_code,mrn,created_on,author,review_interval_days,closed_on\nPL-01000001-1,01000001,2026-09-02,T0101,30,",
        "plan-requirements": "plan_code,modality,sessions_per_week\nPL-01000001-1,twelve_step,7",
        "goals": "plan_code,goal_code,domain,description,target_date,status,status_on\nPL-01000001-1,G1,substance_use,Attend a meeting every day,2026-12-01,open,",
        "reviews": "plan_code,reviewed_on,reviewer,note\nPL-01000001-1,2026-10-01,T0101,On track",
        "groups": "group_code,name,modality,gender_focus,kind,site_code,capacity,facilitator\nS01-WPG,Women's process group,process,women,closed,S01,12,T0101\nS01-12S,Morning 12-step meeting,twelve_step,all,open,S01,,T0101",
        "cofacilitators": "group_code,staff_id\nS01-WPG,T0101",
        "enrollments": "group_code,mrn,starts_on,ends_on\nS01-WPG,01000001,2026-09-03,",
        "sessions": "group_code,starts_at,duration_minutes,facilitator,status\nS01-WPG,2026-10-05 09:30,90,T0101,held\nS01-12S,2026-10-05 07:00,60,T0101,held",
        "attendance": "group_code,starts_at,mrn,status,minutes_attended,recorded_by,recorded_at\nS01-WPG,2026-10-05 09:30,01000001,present,90,T0101,2026-10-05 11:05",
        "roll-closures": "group_code,starts_at,closed_by,closed_at\nS01-12S,2026-10-05 07:00,T0101,2026-10-05 08:05",
        "assessments": "mrn,instrument,administered_on,score\n01000001,PHQ-9,2026-09-02,14",
        "screens": "mrn,collected_on,result,substances\n01000001,2026-09-10,negative,",
        "consents": "mrn,recipient,purpose,signed_on,expires_on,revoked_on\n01000001,State licensing board,annual licensing audit,2026-09-01,2027-08-31,",
        "credentials": "code,title,signs_alone\nPRSS,Peer recovery support specialist,false",
        "service-codes": "code,title,minutes_per_unit\nH0004,Behavioral health counseling and therapy,15",
        "session-notes": "group_code,starts_at,topic,interventions,minutes,service_code,status,author,signed_by,signed_at\nS01-WPG,2026-10-05 09:30,Coping with cravings,CBT thought records; peer feedback,90,90853,signed,T0101,T0101,2026-10-05 16:00",
        "participant-notes": "group_code,starts_at,mrn,participation,response,progress,goals\nS01-WPG,2026-10-05 09:30,01000001,Shared openly,Receptive to feedback,Progressing,G1",
        "measures": "mrn,admitted_on,time_point,primary_substance,secondary_substance,tertiary_substance,route,use_frequency,age_at_first_use,employment,living_arrangement,arrests,prior_treatment_episodes,referral_source,moud,self_help_frequency\n01000001,2026-09-01,admission,2,4,1,1,3,15,3,2,0,1,7,2,1",
        "note-addenda": "group_code,starts_at,mrn,body,author,added_at\nS01-WPG,2026-10-05 09:30,,Late entry: the session ended ten minutes early.,T0101,2026-10-06 10:00",
    ]

    /// The columns as a text table and the example, as printed by `--help`.
    var help: String {
        var table = PlainTable(["Column", "", "Value"])
        for column in columns {
            let presence: String
            switch column.presence {
            case .required: presence = "required"
            case .optional: presence = "optional"
            case .defaulted: presence = "optional"
            }
            table.add([column.name, presence, valueDescription(column)])
        }
        return """
            carelog import \(name) FILE: one CSV file of \(name), header row first.
            Any column order, names in any case; optional columns may be left out; an empty field is no value.

            \(table.render(indent: "  "))
            Example (\(name).csv):
            \(Self.examples[name].map { $0.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") } ?? "")

            """
    }

    private func valueDescription(_ column: ImportColumn) -> String {
        var text: String
        switch column.type {
        case .text: text = "text"
        case .code: text = "a code, kept exactly (leading zeros included)"
        case .date: text = "a date: YYYY-MM-DD or YYYY/MM/DD (DD/MM/YYYY or MM/DD/YYYY only with --date-order)"
        case .integer(let minimum, let maximum):
            text = "a whole number" + (minimum.map { " from \($0)" } ?? "") + (maximum.map { " to \($0)" } ?? "")
        case .decimal(let positive): text = positive ? "a number greater than 0 (2 or 2.5)" : "a number (2 or 2.5)"
        case .tedsCode(let codes):
            text = "a TEDS code: " + TEDSCodes.describe(codes) + " (docs/teds.md)"
        case .boolean: text = "true or false (also yes/no, y/n, 1/0)"
        case .enumeration(let allowed):
            let synonyms = FriendlyValues.synonyms.filter { allowed.contains($0.value) }.keys.sorted()
            text = "one of " + allowed.joined(separator: ", ") + " (any case" + (synonyms.isEmpty ? "" : "; also " + synonyms.joined(separator: ", ")) + ")"
        case .instant: text = "a time: YYYY-MM-DD HH:MM in the site's zone, or ISO 8601 with an offset"
        case .reference(let reference):
            let kind = ImportKind.all.first { $0.table == reference.table }?.name ?? reference.table
            text = "the \(reference.keyColumn) of one of the \(kind)"
        }
        if column.presence == .defaulted {
            text += "; empty keeps the stored value or the default"
        }
        return text
    }
}

extension ImportOperation {
    /// `carelog import KIND --help`, or nil for an unknown kind.
    public static func help(kind: String) -> String? {
        ImportKind.named(kind)?.help
    }
}
