import ArgumentParser
import Carelog
import Foundation

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
                  carelog attendance sheet --group S01-WPG-A --at "2026-10-05 09:30" \\
                      --out sheet.html
                """,
            subcommands: [Roster.self, Record.self, VoidRecords.self, Sheet.self])
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

extension CarelogCommand.Attendance {
    struct Sheet: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a session's sign-in sheet (HTML, one page per session).",
            discussion: """
                A printable sign-in sheet: program, site, group, date, time and facilitator; \
                for a closed group the patients enrolled that day (as `attendance roster` \
                expects them) with time-in, time-out and signature columns and blank lines for \
                walk-ins; for an open group, blank lines to sign in on (its roster is everyone \
                who came in 14 days, not who is expected). --date prints every session of the \
                group (or of every group of --site) that day, each on its own page. Patients \
                are printed by name and MRN; --pseudonymize prints initials and the keyed \
                pseudonym, and staff and groups by their codes. The file is written whole, \
                readable by you only, and the run is recorded in the run log.

                Examples:
                  carelog attendance sheet --group S01-WPG-A --at "2026-10-05 09:30" \\
                      --out sheet.html
                  carelog attendance sheet --site S01 --date 2026-10-05 \\
                      --program "Riverside Recovery" --out day.html
                """)

        @Option(help: ArgumentHelp("The group's code.", valueName: "code"),
                completion: .custom { words, _, _ in GroupCodeCompletion.codes(words: words) })
        var group: String?

        @Option(help: ArgumentHelp("When the session starts, in the site's local time: \"YYYY-MM-DD HH:MM\", or HH:MM for today.", valueName: "time"))
        var at: String?

        @Option(help: ArgumentHelp("Every session of the group (or of the site's groups) on this day, YYYY-MM-DD.", valueName: "date"))
        var date: String?

        @Option(help: ArgumentHelp("With --date and no --group: every group of this site.", valueName: "code"))
        var site: String?

        @Option(help: ArgumentHelp("The program's name, printed at the top of each page (default: $CARELOG_PROGRAM).", valueName: "name"))
        var program: String?

        @Option(name: .customLong("blank-lines"), help: ArgumentHelp(
            "Blank lines for signing in (default: 4 under a closed group's roster, 20 for an open group).", valueName: "n"))
        var blankLines: Int?

        @Flag(help: ArgumentHelp(
            "Print patients by initials and keyed pseudonym, staff and groups by their codes.",
            discussion: "Needs the secret key in CARELOG_PSEUDONYM_KEY or a file named by CARELOG_PSEUDONYM_KEY_FILE."))
        var pseudonymize = false

        @Flag(help: "Refused: a de-identified sheet would leave nobody a line to sign (see --pseudonymize).")
        var deidentify = false

        @Option(help: ArgumentHelp("Write the HTML to this file instead of standard output.", valueName: "path"))
        var out: String?

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if deidentify {
                throw ValidationError("A sign-in sheet is not printed de-identified: patients sign against their own line. "
                    + "Use --pseudonymize for initials and pseudonyms, or --blank-lines with a group's open sheet.")
            }
            switch (group, at, date, site) {
            case (.some, .some, nil, nil): break
            case (_, nil, .some, _) where group != nil || site != nil: break
            case (_, .some, .some, _): throw ValidationError("Give --at (one session) or --date (every session of the day), not both.")
            case (nil, .some, _, _): throw ValidationError("--at needs --group: the session of which group?")
            case (_, .some, _, .some): throw ValidationError("--site goes with --date: --at names one group's session.")
            default: throw ValidationError("Give --group and --at for one session, or --date with --group or --site for every session of a day.")
            }
        }

        func run() throws {
            let selection: SignInSheetOperation.Selection = at.map { .session(group: group ?? "", at: $0) }
                ?? .day(group: group, site: site, date: date ?? "")
            let naming: SignInSheetOperation.Naming = pseudonymize
                ? .pseudonymized(try Pseudonymizer.fromEnvironment(ProcessInfo.processInfo.environment)) : .identified
            let programName = program ?? ProcessInfo.processInfo.environment["CARELOG_PROGRAM"].flatMap { $0.isEmpty ? nil : $0 }
            try SignInSheetOperation.write(
                target: database.target, selection: selection, program: programName, naming: naming, blankLines: blankLines,
                output: out, console: .standard())
        }
    }
}
