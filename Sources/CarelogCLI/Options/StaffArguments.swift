import ArgumentParser
import Carelog
import Foundation

/// Who is at the keyboard: `--by STAFF_ID`, or CARELOG_STAFF_ID so that a therapist
/// sets it once in their shell profile instead of typing it on every command.
enum StaffIdentity {
    static let environmentVariable = "CARELOG_STAFF_ID"

    /// `$CARELOG_STAFF_ID` when set and not empty.
    static var fromEnvironment: String? {
        ProcessInfo.processInfo.environment[environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    static func resolve(_ option: String?) throws -> String {
        if let option { return option }
        if let fromEnvironment = ProcessInfo.processInfo.environment[environmentVariable], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        throw ValidationError("Give your staff ID with --by STAFF_ID (or set \(environmentVariable) once in your shell profile).")
    }
}

/// `--format text|json` of the commands that print lists.
enum ListFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case text, json
    var format: ListFormat { self == .text ? .text : .json }
}
