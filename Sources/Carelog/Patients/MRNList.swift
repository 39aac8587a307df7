/// MRNs as a command takes them: several after one option, each argument possibly a
/// comma-separated list as a spreadsheet column copies out (`01000001,01000002`).
public enum MRNList {
    /// The MRNs of the arguments, in order, commas and spaces removed, empty parts
    /// dropped; leading zeros kept.
    public static func split(_ arguments: [String]) throws -> [String] {
        let mrns = arguments.flatMap { $0.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init) }
        guard !mrns.isEmpty || arguments.isEmpty else {
            throw CarelogError(.usage, "no MRN in \(arguments.map { "\"\($0)\"" }.joined(separator: " "))",
                               suggestion: "Give MRNs separated by spaces or commas, with their leading zeros.")
        }
        return mrns
    }
}
