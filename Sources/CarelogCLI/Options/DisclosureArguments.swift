import ArgumentParser
import Carelog

/// `--recipient`, `--purpose`, `--basis` and `--by`: a bundle that leaves the program
/// is a disclosure under 42 CFR Part 2 (docs/audit.md).
struct DisclosureArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Who receives the bundle: makes it a recorded disclosure with NOTICE.txt.", valueName: "name"))
    var recipient: String?

    @Option(help: ArgumentHelp("Why the bundle is disclosed (with --recipient).", valueName: "text"))
    var purpose: String?

    @Option(help: ArgumentHelp(
        "The legal basis (with --recipient): audit (§2.53), consent (§2.31: only patients with an active consent for the recipient), research (§2.52), court-order, emergency (§2.51).",
        valueName: "basis"))
    var basis: String?

    @Option(name: .customLong("by"), help: ArgumentHelp("Staff ID of the person running it, for the run log, the disclosure and the audit trail.", valueName: "staff-id"))
    var actingStaff: String?

    func validate() throws {
        let given = [recipient, purpose, basis].filter { $0 != nil }.count
        if given > 0 && given < 3 {
            throw ValidationError("A disclosure needs all of --recipient, --purpose and --basis.")
        }
    }

    /// The disclosure, or nil when the bundle stays in the program.
    func request() throws -> DisclosureRequest? {
        guard let recipient, let purpose, let basis else { return nil }
        return try DisclosureRequest(recipient: recipient, purpose: purpose, basis: try DisclosureRequest.basis(named: basis))
    }
}
