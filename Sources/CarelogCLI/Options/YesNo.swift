import ArgumentParser

/// A yes-or-no argument (`carelog group mutual-help smart_recovery yes`).
enum YesNo: String, ExpressibleByArgument, CaseIterable {
    case yes, no
}
