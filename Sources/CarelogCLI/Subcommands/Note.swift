import ArgumentParser
import Carelog
import Foundation

extension CarelogCommand {
    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write, sign and read the progress note of a group session.",
            discussion: """
                A held session with attendance has one note: its topic, interventions, minutes \
                and service code, and a section for each patient who attended. `note draft` \
                writes a template to fill in, `note save` stores it as a draft (all or nothing), \
                `note sign` makes it final: after that only addenda and a co-signature are \
                added (docs/notes.md).

                Examples:
                  carelog note draft --group S01-WPG-A --at "2026-11-18 09:30" \\
                      --out note.txt
                  carelog note save note.txt --by T0101
                  carelog note sign --group S01-WPG-A --at "2026-11-18 09:30" --by T0101
                """,
            subcommands: [Draft.self, Save.self, Sign.self, Cosign.self, Addendum.self, Show.self])
    }
}

/// `--group` and `--at` of the note commands.
struct NoteSessionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The group's code.", valueName: "code"),
            completion: .custom { words, _, _ in GroupCodeCompletion.codes(words: words) })
    var group: String

    @Option(help: ArgumentHelp("When the session started, in the site's local time: \"YYYY-MM-DD HH:MM\", or HH:MM for today.", valueName: "time"))
    var at: String
}

extension CarelogCommand.Note {
    struct Draft: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the template of a session's note, to fill in with an editor.",
            discussion: """
                The template has the session's header, the topic, interventions, minutes and \
                service code fields, and one section for each patient who attended (present, \
                late, left early) with their MRN, name, attendance and open plan goals with \
                their codes. A saved draft fills it in. A session with no attendance is \
                refused (exit 3): record the roll first with `carelog attendance record`.

                Examples:
                  carelog note draft --group S01-IOP --at "2026-11-30 18:00"
                  carelog note draft --group S01-WPG-A --at "2026-11-18 09:30" \\
                      --out note.txt
                """)

        @OptionGroup var session: NoteSessionOptions

        @Option(help: ArgumentHelp("Write the template to this file (readable by you only) instead of standard output.", valueName: "file"))
        var out: String?

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try NoteOperation.draft(
                target: database.target, groupCode: session.group, startsAt: session.at,
                out: out.map { URL(fileURLWithPath: $0) }, console: .standard())
        }
    }

    struct Save: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store or replace a session's draft note from a filled-in note file.",
            discussion: """
                All or nothing: every problem is listed with its line and field (a missing \
                field, an MRN that did not attend, a goal that is not one of the patient's open \
                goals, an unknown service code) and then nothing is saved (exit 3). A saved \
                draft is replaced by the next save until it is signed.

                Example:
                  carelog note save note.txt --by T0101
                """)

        @Argument(help: ArgumentHelp("The note file (see `carelog note draft`).", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("Your staff ID (default: $CARELOG_STAFF_ID).", valueName: "staff-id"))
        var by: String?

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try NoteOperation.save(
                target: database.target, file: URL(fileURLWithPath: file), by: try StaffIdentity.resolve(by), console: .standard())
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a session's draft note: it is final from then on.",
            discussion: """
                The database refuses any later change of a signed note or of its sections, \
                whoever asks; add an addendum instead. A note signed by a staff member none of \
                whose credentials signs alone (an intern, a counselor in training) awaits a \
                co-signature (`carelog note cosign`). Attendees without a section are named \
                as warnings.

                Example:
                  carelog note sign --group S01-WPG-A --at "2026-11-18 09:30" --by T0101
                """)

        @OptionGroup var session: NoteSessionOptions

        @Option(help: ArgumentHelp("Your staff ID (default: $CARELOG_STAFF_ID).", valueName: "staff-id"))
        var by: String?

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try NoteOperation.sign(
                target: database.target, groupCode: session.group, startsAt: session.at, by: try StaffIdentity.resolve(by),
                console: .standard())
        }
    }

    struct Cosign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Co-sign a note that awaits a co-signature.",
            discussion: """
                A director, or a facilitator of the session whose credentials sign alone, \
                co-signs a note signed by someone who may not sign alone; never its own signer.

                Example:
                  carelog note cosign --group S01-MPG-A --at "2026-09-25 09:30" --by D01
                """)

        @OptionGroup var session: NoteSessionOptions

        @Option(help: ArgumentHelp("Your staff ID (default: $CARELOG_STAFF_ID).", valueName: "staff-id"))
        var by: String?

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try NoteOperation.cosign(
                target: database.target, groupCode: session.group, startsAt: session.at, by: try StaffIdentity.resolve(by),
                console: .standard())
        }
    }

    struct Addendum: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add text to a signed note, or to one patient's section of it.",
            discussion: """
                An addendum keeps its author and time and never changes the note. A draft takes \
                no addendum: change the draft and save it again.

                Example:
                  carelog note addendum --group S01-MPG-A --at "2026-09-25 09:30" \\
                      --by T0108 --mrn 01000045 --text "Called after the group."
                """)

        @OptionGroup var session: NoteSessionOptions

        @Option(help: ArgumentHelp("Add to this patient's section (default: the whole note).", valueName: "mrn"))
        var mrn: String?

        @Option(help: ArgumentHelp("The addendum's text.", valueName: "text"))
        var text: String?

        @Option(help: ArgumentHelp("Read the addendum's text from this file.", valueName: "file"))
        var file: String?

        @Option(help: ArgumentHelp("Your staff ID (default: $CARELOG_STAFF_ID).", valueName: "staff-id"))
        var by: String?

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if (text == nil) == (file == nil) { throw ValidationError("Give the addendum's text with --text \"…\" or --file FILE (one of them).") }
        }

        func run() throws {
            var body = text ?? ""
            if let file {
                guard let read = try? String(contentsOf: URL(fileURLWithPath: file), encoding: .utf8) else {
                    throw ValidationError("Cannot read \(file) as UTF-8 text: name a text file with the addendum.")
                }
                body = read
            }
            try NoteOperation.addendum(
                target: database.target, groupCode: session.group, startsAt: session.at, mrn: mrn, text: body,
                by: try StaffIdentity.resolve(by), console: .standard())
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a session's note: its fields, sections, signatures and addenda.",
            discussion: """
                Shows the sections this login may read: a therapist who is not the session's \
                facilitator sees only its own patients' sections. --mrn shows one patient's \
                section alone, with the addenda to it and to the whole note.

                Examples:
                  carelog note show --group S01-MPG-A --at "2026-09-25 09:30"
                  carelog note show --group S01-MPG-A --at "2026-09-25 09:30" \\
                      --mrn 01000045
                """)

        @OptionGroup var session: NoteSessionOptions

        @Option(help: ArgumentHelp("Show this patient's section alone.", valueName: "mrn"))
        var mrn: String?

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try NoteOperation.show(target: database.target, groupCode: session.group, startsAt: session.at, mrn: mrn, console: .standard())
        }
    }
}
