/// `NOTICE.txt` of a disclosed bundle: what the bundle is, to whom and why it was
/// disclosed, and the notice prohibiting redisclosure that 42 CFR 2.32(a) requires to
/// accompany a disclosure made with consent (given with every disclosure here: it
/// costs nothing and a recipient cannot tell the bases apart).
struct DisclosureNotice {
    static let fileName = "NOTICE.txt"

    /// 42 CFR 2.32(a)(1) "Statement 1", as amended by the final rule of 89 FR 12472
    /// (February 16, 2024; compliance required from February 16, 2026), quoted whole.
    /// The text before that rule ("…prohibit you from making any further disclosure…")
    /// no longer meets the section.
    static let redisclosureStatement = """
        This record which has been disclosed to you is protected by Federal confidentiality rules \
        (42 CFR part 2). These rules prohibit you from using or disclosing this record, or testimony \
        that describes the information contained in this record, in any civil, criminal, \
        administrative, or legislative proceedings by any Federal, State, or local authority, against \
        the patient, unless authorized by the consent of the patient, except as provided at 42 CFR \
        2.12(c)(5) or as authorized by a court in accordance with 42 CFR 2.64 or 2.65. In addition, \
        the Federal rules prohibit you from making any other use or disclosure of this record unless \
        at least one of the following applies:
        """

    /// The three cases of Statement 1, each its own paragraph as in the rule.
    static let redisclosureCases = [
        "(i) Further use or disclosure is expressly permitted by the written consent of the individual "
            + "whose information is being disclosed in this record or as otherwise permitted by 42 CFR part 2.",
        "(ii) You are a covered entity or business associate and have received the record for treatment, "
            + "payment, or health care operations, or",
        "(iii) You have received the record from a covered entity or business associate as permitted by "
            + "45 CFR part 164, subparts A and E.",
    ]

    /// The closing sentence of Statement 1.
    static let generalAuthorizationSentence =
        "A general authorization for the release of medical or other information is NOT sufficient to meet "
        + "the required elements of written consent to further use or redisclose the record (see 42 CFR 2.31)."

    /// 42 CFR 2.32(a)(2) "Statement 2" (2024 text), given as well: it is the short form a
    /// recipient's systems can carry with every extract.
    static let shortStatement = "42 CFR part 2 prohibits unauthorized use or disclosure of these records."

    /// Nil for a FHIR export made without `--recipient`: its NOTICE.txt carries the
    /// notice all the same (every resource is labelled Part 2) and says that the bundle
    /// is not recorded as a disclosure.
    let request: DisclosureRequest?
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
        ] + Self.redisclosureCases.flatMap { [wrap($0), ""] } + [
            wrap(Self.generalAuthorizationSentence),
            "",
            Self.shortStatement,
            "",
            "This bundle:   \(contents)",
        ]
        if let request {
            lines += [
                "Disclosed on:  \(date)",
                "Recipient:     \(request.recipient.showingControlCharacters)",
                "Purpose:       \(request.purpose.showingControlCharacters)",
                "Basis:         \(request.basis.rawValue), \(request.basis.section)",
                "Patients:      \(patientsIncluded)"
                    + (request.basis == .consent ? " with a consent for this recipient active on that day; \(patientsExcluded) left out without one" : ""),
            ]
        } else {
            lines += [
                "Written on:    \(date)",
                "Recipient:     none named: not recorded as a disclosure. Before it leaves the program,",
                "               export it again with --recipient, --purpose and --basis.",
                "Patients:      \(patientsIncluded)",
            ]
        }
        lines += [
            "Identifiers:   " + {
                switch privacy {
                case .clear: return "in the clear (MRNs, names, dates of birth)"
                case .pseudonymized: return "keyed pseudonyms; still protected health information"
                case .deidentified: return "de-identified (HIPAA Safe Harbor), identifiers random to this bundle"
                }
            }(),
            "",
        ]
        lines += request == nil
            ? ["manifest.json lists every file with its SHA-256."]
            : ["manifest.json lists every file with its SHA-256; the disclosure is recorded in the",
               "program's database with the same hashes (carelog disclosures --mrn MRN)."]
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
