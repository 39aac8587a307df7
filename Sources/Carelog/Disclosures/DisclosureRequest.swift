import Foundation

/// A bundle that leaves the program (42 CFR Part 2, docs/audit.md): to whom, why, and under
/// which part of the rule. Given on `export` (and on `report monthly` when it leaves
/// the program) with `--recipient`, `--purpose` and `--basis`.
public struct DisclosureRequest: Sendable, Equatable {
    /// The legal basis of the disclosure.
    public enum Basis: String, Sendable, CaseIterable {
        /// §2.53: audit and evaluation (payers, licensing, accreditation).
        case audit
        /// §2.31: the patient's written consent; only patients with an active consent
        /// for the recipient are included.
        case consent
        /// §2.52: research.
        case research
        /// §§2.61–2.67: a court order.
        case courtOrder = "court-order"
        /// §2.51: a medical emergency.
        case emergency

        /// The section of 42 CFR Part 2 the basis rests on, for NOTICE.txt.
        public var section: String {
            switch self {
            case .audit: return "42 CFR 2.53 (audit and evaluation)"
            case .consent: return "42 CFR 2.31 (written consent of the patient)"
            case .research: return "42 CFR 2.52 (research)"
            case .courtOrder: return "42 CFR 2.61-2.67 (court order)"
            case .emergency: return "42 CFR 2.51 (medical emergency)"
            }
        }
    }

    public var recipient: String
    public var purpose: String
    public var basis: Basis

    /// Trims the texts; an empty recipient or purpose is a usage error.
    public init(recipient: String, purpose: String, basis: Basis) throws {
        let recipient = recipient.trimmingCharacters(in: .whitespacesAndNewlines)
        let purpose = purpose.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !recipient.isEmpty else {
            throw CarelogError(.usage, "--recipient is empty", suggestion: "Name who receives the bundle, as on the consent or the request.")
        }
        guard !purpose.isEmpty else {
            throw CarelogError(.usage, "--purpose is empty", suggestion: "Say why the bundle is disclosed (for example `annual licensing audit`).")
        }
        self.recipient = recipient
        self.purpose = purpose
        self.basis = basis
    }

    /// The basis named on the command line, or a usage error listing the bases.
    public static func basis(named name: String) throws -> Basis {
        guard let basis = Basis(rawValue: name) else {
            throw CarelogError(.usage, "--basis \"\(name)\" is not a basis of disclosure",
                               suggestion: "Give one of: \(Basis.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return basis
    }
}

