/// The NOMs items carelog keeps (table `outcome_measure`, sql/022) and the TEDS code
/// list of each, mirrored from the table's CHECK constraints and `carelog.teds_code`
/// (a test proves the three agree). docs/teds.md is the crosswalk.
public enum TEDSCodes {
    public struct Item: Sendable {
        /// The column of `outcome_measure` and of `carelog import measures`.
        public let column: String
        /// The TEDS variable at admission and at discharge (nil: not a discharge item).
        public let admissionVariable: String
        public let dischargeVariable: String?
        /// The code list's name in `carelog.teds_code`.
        public let list: String
        public let codes: [Int]
    }

    static let substances = Array(1...19) + [-9]

    public static let items: [Item] = [
        Item(column: "primary_substance", admissionVariable: "SUB1", dischargeVariable: "SUB1_D", list: "substance", codes: substances),
        Item(column: "secondary_substance", admissionVariable: "SUB2", dischargeVariable: "SUB2_D", list: "substance", codes: substances),
        Item(column: "tertiary_substance", admissionVariable: "SUB3", dischargeVariable: "SUB3_D", list: "substance", codes: substances),
        Item(column: "route", admissionVariable: "ROUTE1", dischargeVariable: nil, list: "route", codes: [1, 2, 3, 4, 5, -9]),
        Item(column: "use_frequency", admissionVariable: "FREQ1", dischargeVariable: "FREQ1_D", list: "use_frequency", codes: [1, 2, 3, -9]),
        Item(column: "age_at_first_use", admissionVariable: "FRSTUSE1", dischargeVariable: nil, list: "age", codes: Array(0...96) + [-9]),
        Item(column: "employment", admissionVariable: "EMPLOY", dischargeVariable: "EMPLOY_D", list: "employment", codes: [1, 2, 3, 4, -9]),
        Item(column: "living_arrangement", admissionVariable: "LIVARAG", dischargeVariable: "LIVARAG_D", list: "living_arrangement", codes: [1, 2, 3, -9]),
        Item(column: "arrests", admissionVariable: "ARRESTS", dischargeVariable: "ARRESTS_D", list: "arrests", codes: [0, 1, 2, -9]),
        Item(column: "prior_treatment_episodes", admissionVariable: "NOPRIOR", dischargeVariable: nil, list: "prior_treatment_episodes", codes: [0, 1, 2, 3, 4, 5, -9]),
        Item(column: "referral_source", admissionVariable: "PSOURCE", dischargeVariable: nil, list: "referral_source", codes: [1, 2, 3, 4, 5, 6, 7, -9]),
        Item(column: "moud", admissionVariable: "METHUSE", dischargeVariable: nil, list: "moud", codes: [1, 2, -9]),
        Item(column: "self_help_frequency", admissionVariable: "FREQ_ATND_SELF_HELP", dischargeVariable: "FREQ_ATND_SELF_HELP_D", list: "self_help_frequency", codes: [1, 2, 3, 4, 5, -9]),
    ]
}

extension TEDSCodes {
    /// A code list as people read it: runs of three or more written as a range,
    /// `1–19, -9`; `0, 1, 2, -9`.
    static func describe(_ codes: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        while index < codes.count {
            var end = index
            while end + 1 < codes.count, codes[end + 1] == codes[end] + 1 { end += 1 }
            if end - index >= 2 {
                parts.append("\(codes[index])–\(codes[end])")
            } else {
                parts += codes[index...end].map(String.init)
            }
            index = end + 1
        }
        return parts.joined(separator: ", ")
    }
}
