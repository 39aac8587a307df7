/// `NOTICE.txt` of a disclosed bundle: what the bundle is, to whom and why it was
/// disclosed, and the notice prohibiting redisclosure that 42 CFR 2.32(a) requires to
/// accompany a disclosure made with consent (given with every disclosure here: it
/// costs nothing and a recipient cannot tell the bases apart).
struct DisclosureNotice {
    static let fileName = "NOTICE.txt"

    /// 42 CFR 2.32(a)(1), as amended at 85 FR 43037 (July 15, 2020), quoted whole.
    static let redisclosureStatement = """
        This record which has been disclosed to you is protected by federal confidentiality rules \
        (42 CFR part 2). The federal rules prohibit you from making any further disclosure of this \
        record unless further disclosure is expressly permitted by the written consent of the \
        individual whose information is being disclosed in this record or, is otherwise permitted \
        by 42 CFR part 2. A general authorization for the release of medical or other information \
        is NOT sufficient for this purpose (see §2.31). The federal rules restrict any use of the \
        information to investigate or prosecute with regard to a crime any patient with a \
        substance use disorder, except as provided at §§2.12(c)(5) and 2.65.
        """

    let request: DisclosureRequest
    /// The day of the disclosure (UTC), ISO.
    let date: String
    /// What the bundle is, e.g. "auditor export of 2026-10-01 to 2026-10-31, site NYC".
    let contents: String
    /// `clear`, `pseudonymized` or `deidentified`.
    let privacy: PrivacyOptions.Mode
    let patientsIncluded: Int
    let patientsExcluded: Int

    func render() -> String {
        var lines = [
            "NOTICE — CONFIDENTIAL SUBSTANCE USE DISORDER PATIENT RECORDS",
            "",
            wrap(Self.redisclosureStatement),
            "",
            "42 CFR part 2 prohibits unauthorized disclosure of these records.",
            "",
            "This bundle:   \(contents)",
            "Disclosed on:  \(date)",
            "Recipient:     \(request.recipient.showingControlCharacters)",
            "Purpose:       \(request.purpose.showingControlCharacters)",
            "Basis:         \(request.basis.rawValue), \(request.basis.section)",
            "Patients:      \(patientsIncluded)"
                + (request.basis == .consent ? " with a consent for this recipient active on that day; \(patientsExcluded) left out without one" : ""),
            "Identifiers:   " + {
                switch privacy {
                case .clear: return "in the clear (MRNs, names, dates of birth)"
                case .pseudonymized: return "keyed pseudonyms; still protected health information"
                case .deidentified: return "de-identified (HIPAA Safe Harbor), identifiers random to this bundle"
                }
            }(),
            "",
            "manifest.json lists every file with its SHA-256; the disclosure is recorded in the",
            "program's database with the same hashes (carelog disclosures --mrn MRN).",
        ]
        lines.append("")
        return lines.joined(separator: "\n")
    }

    /// Lines of at most 88 characters, broken at spaces.
    private func wrap(_ text: String) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > 88 {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}
