import ArgumentParser
import Carelog

extension CarelogCommand {
    struct Attendance: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take and log group attendance.",
            discussion: """
                Examples:
                  carelog attendance roster --group S01-WPG-A --at "2026-10-05 09:30"
                  carelog attendance record --group S01-WPG-A --at "2026-10-05 09:30" \\
                      --by T0101 --correct --reason "late arrival missed" --late 01000184
                  carelog attendance void --group S01-WPG-A --at "2026-10-05 09:30" \\
                      --by T0101 --mrn 01000184 --reason "not in this group that day"
                """,
            subcommands: [Roster.self, Record.self, VoidRecords.self])
    }
}

extension CarelogCommand.Attendance {
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record one session's attendance in one command.",
            discussion: """
                The session must be on the schedule (imported with its group's sessions): a time \
                that matches no session is refused and the group's sessions of that day are \
                listed, so a typo never creates a second session. --new-session creates it, as \
                held, for a session that is not on the schedule; a session that has not started \
                yet is refused. --at 9:30 without a date means today at the group's site. \
                --all-present records everyone on the session's roster (see `attendance roster`) \
                as present, except the patients given another status. Every MRN is checked: the patient must be in care that day, \
                admitted by the group's gender focus and, in a closed group, enrolled in it; on \
                any problem nothing is recorded and the exit status is 3.

                A session that already has records is a logged roll: recording into it is \
                refused (exit 3) unless --correct --reason says why, so a wrong group code or \
                time never rewrites someone's roll. A correction lists each change (01000184 \
                absent → late), keeps who first recorded each record and when, and adds who \
                corrected it, when and why; --all-present never changes a recorded status. \
                Only the session's facilitators, or a director, correct a roll; in a closed \
                month (see `carelog period close`) only a director.

                An open group (a 12-step meeting) has a sign-in list, not a roster: record who \
                signed in as they come (--present, --late, --left-early; a later run adds to \
                them), and close the roll with --done once the sign-ins are complete (with the \
                last sign-ins, or alone). Until then `carelog today` shows the roll open. \
                --all-present is refused there (the list is who came in the last 14 days, not \
                who came today). After the roll is closed, a sign-in is a correction: \
                --correct --reason. See docs/open-groups.md.

                Examples:
                  carelog attendance record --group S01-WPG-A --at "2026-10-05 09:30" \\
                      --by T0101 --correct --reason "late arrival missed" --late 01000184
                  carelog attendance record --group S01-12S --at "2026-10-05 07:00" \\
                      --by T0105 --correct --reason "sign-in sheet" --present 01000018
                """)

        @Option(help: ArgumentHelp("The group's code.", valueName: "code"),
                completion: .custom { words, _, _ in GroupCodeCompletion.codes(words: words) })
        var group: String

        @Option(help: ArgumentHelp("When the session started, in the site's local time: \"YYYY-MM-DD HH:MM\", or HH:MM for today.", valueName: "time"))
        var at: String

        @Option(help: ArgumentHelp("Your staff ID: who recorded the attendance (default: $CARELOG_STAFF_ID).", valueName: "staff-id"))
        var by: String?

        @Flag(name: .customLong("all-present"), help: "Record everyone on the session's roster as present, except those given another status.")
        var allPresent = false

        @Option(parsing: .upToNextOption, help: ArgumentHelp("MRNs of patients present.", valueName: "mrn"))
        var present: [String] = []

        @Option(parsing: .upToNextOption, help: ArgumentHelp("MRNs of patients who came late.", valueName: "mrn"))
        var late: [String] = []

        @Option(name: .customLong("left-early"), parsing: .upToNextOption, help: ArgumentHelp("MRNs of patients who left early.", valueName: "mrn"))
        var leftEarly: [String] = []

        @Option(parsing: .upToNextOption, help: ArgumentHelp("MRNs of patients excused.", valueName: "mrn"))
        var excused: [String] = []

        @Option(parsing: .upToNextOption, help: ArgumentHelp("MRNs of patients absent.", valueName: "mrn"))
        var absent: [String] = []

        @Flag(name: .customLong("new-session"), help: "Create the session (as held) when it is not on the schedule.")
        var newSession = false

        @Flag(help: "An open group: close the roll (the sign-ins are complete), after recording any given here.")
        var done = false

        @Flag(help: "Change or add to a session that already has records (needs --reason).")
        var correct = false

        @Option(help: ArgumentHelp("Why the logged roll changes (kept with each corrected record).", valueName: "text"))
        var reason: String?

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if correct && reason == nil { throw ValidationError("--correct needs --reason \"why the roll changes\".") }
            if reason != nil && !correct { throw ValidationError("--reason goes with --correct.") }
        }

        func run() throws {
            var roll = AttendanceOperation.Roll()
            roll.add("present", present)
            roll.add("late", late)
            roll.add("left_early", leftEarly)
            roll.add("excused", excused)
            roll.add("absent", absent)
            try AttendanceOperation.record(
                target: database.target, groupCode: group, startsAt: at, by: try StaffIdentity.resolve(by), roll: roll,
                newSession: newSession, allPresent: allPresent, correctionReason: correct ? reason : nil, done: done,
                console: .standard())
        }
    }

    struct VoidRecords: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "void",
            abstract: "Void attendance records that should never have been logged.",
            discussion: """
                Removes the records of the given patients from the session, and so from every \
                report and count; the database keeps each voided record with who voided it, \
                when and why (table attendance_void, and the audit trail). Only the session's \
                facilitators, or a director, void; in a closed month only a director. All or \
                nothing: an MRN without a record refuses the lot (exit 3).

                Example:
                  carelog attendance void --group S01-WPG-A --at "2026-10-05 09:30" \\
                      --by T0101 --mrn 01000184 --reason "not in this group that day"
                """)

        @Option(help: ArgumentHelp("The group's code.", valueName: "code"),
                completion: .custom { words, _, _ in GroupCodeCompletion.codes(words: words) })
        var group: String

        @Option(help: ArgumentHelp("When the session started, in the site's local time: \"YYYY-MM-DD HH:MM\", or HH:MM for today.", valueName: "time"))
        var at: String

        @Option(parsing: .upToNextOption, help: ArgumentHelp("MRNs whose records are voided.", valueName: "mrn"))
        var mrn: [String] = []

        @Option(help: ArgumentHelp("Why the records are void (kept with each).", valueName: "text"))
        var reason: String

        @Option(help: ArgumentHelp("Your staff ID (default: $CARELOG_STAFF_ID).", valueName: "staff-id"))
        var by: String?

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try AttendanceVoidOperation.void(
                target: database.target, groupCode: group, startsAt: at, mrns: mrn, reason: reason,
                by: try StaffIdentity.resolve(by), console: .standard())
        }
    }

    struct Roster: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show who is expected at a session, with names and what is already recorded.",
            discussion: """
                Expected: for a closed group, the patients enrolled on the session's day; for an \
                open group, those who attended it in the 14 days before the session. Only patients \
                in care that day whom the group admits are listed; patients recorded but not \
                expected follow, marked "not on the roster".

                Examples:
                  carelog attendance roster --group S01-WPG-A --at "2026-10-05 09:30"
                  carelog attendance roster --group S01-12S --at "2026-10-05 07:00" \\
                      --format json
                """)

        @Option(help: ArgumentHelp("The group's code.", valueName: "code"),
                completion: .custom { words, _, _ in GroupCodeCompletion.codes(words: words) })
        var group: String

        @Option(help: ArgumentHelp("When the session starts, in the site's local time: \"YYYY-MM-DD HH:MM\", or HH:MM for today.", valueName: "time"))
        var at: String

        @Option(help: "text (for people) or json (JSON Lines, one patient a line).")
        var format: ListFormatArgument = .text

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try RosterOperation.show(target: database.target, groupCode: group, startsAt: at, format: format.format, console: .standard())
        }
    }
}
