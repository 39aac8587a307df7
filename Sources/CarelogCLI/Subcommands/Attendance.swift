import ArgumentParser
import Carelog

extension CarelogCommand {
    struct Attendance: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Log group attendance.",
            discussion: "Example:\n  carelog attendance record --group AA-AM --at \"2026-10-05 07:30\" --by T001 --present 00912 00913",
            subcommands: [Record.self])
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
                yet is refused. Every MRN is checked: the patient must be in care that day, \
                admitted by the group's gender focus and, in a closed group, enrolled in it; on \
                any problem nothing is recorded and the exit status is 3. Running it again with \
                a changed status corrects the record (kept in the audit trail).

                Example:
                  carelog attendance record --group AA-AM --at "2026-10-05 07:30" --by T001 \\
                      --present 00912 00913 --late 00914 --excused 00920
                """)

        @Option(help: ArgumentHelp("The group's code.", valueName: "code"))
        var group: String

        @Option(help: ArgumentHelp("When the session started, in the site's local time: \"YYYY-MM-DD HH:MM\".", valueName: "time"))
        var at: String

        @Option(help: ArgumentHelp("Your staff ID: who recorded the attendance.", valueName: "staff-id"))
        var by: String

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

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            var roll = AttendanceOperation.Roll()
            roll.add("present", present)
            roll.add("late", late)
            roll.add("left_early", leftEarly)
            roll.add("excused", excused)
            roll.add("absent", absent)
            try AttendanceOperation.record(
                target: database.target, groupCode: group, startsAt: at, by: by, roll: roll, newSession: newSession,
                console: .standard())
        }
    }
}
