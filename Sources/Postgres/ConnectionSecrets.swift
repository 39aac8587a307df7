import CLibPQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps passwords out of every message derived from a connection string.
///
/// libpq quotes pieces of a connection string it cannot parse in its error text
/// (`invalid percent-encoded token: "secret%zz"`, `end of string reached when looking
/// for matching "]" … in URI: "postgresql://u:secret@[::1"`, `missing "=" after "pw"
/// in connection info string`), and a password that the user meant to write but
/// libpq read otherwise (an unescaped `@`, a space) can reappear as a host name or an
/// option in a later message. Whatever libpq says, the message that leaves this
/// module has:
///
/// - for a string libpq cannot parse, every quoted piece longer than one character
///   replaced by `"…"` (the shape of the complaint stays, its content goes);
/// - every text that is or may be a password replaced by `***`: the password as libpq
///   parsed it, the password part of a URI's user information as written and
///   percent-decoded, a `password=` value of the URI query or of key=value form, each
///   also cut into the pieces libpq may have read separately.
///
/// ```swift
/// ConnectionSecrets(connectionString: "postgresql://u:pw%zz@h").redact(libpqMessage)
/// ```
public struct ConnectionSecrets: Sendable {
    /// Longest first, so that a piece never leaves part of a longer secret behind.
    let secrets: [String]

    public init(connectionString: String, overrides: [String: String] = [:]) {
        var found = Set<String>()
        func add(_ text: String) {
            guard !text.isEmpty else { return }
            found.insert(text)
            if let decoded = Self.percentDecoded(text) { found.insert(decoded) }
            // Pieces libpq may have read as something else (a host after an `@`, an
            // option after a space, a path after a `/`).
            for piece in text.split(whereSeparator: { "@/?&# \t\n'\\:".contains($0) }) where piece.count >= 3 {
                found.insert(String(piece))
            }
        }
        if let parsed = Self.parse(connectionString).options?["password"] { add(parsed) }
        if let password = overrides["password"] { add(password) }
        Self.writtenPasswords(in: connectionString).forEach(add)
        secrets = found.filter { $0.count >= 2 }.sorted { $0.count > $1.count }
    }

    /// `message` with every secret replaced by `***`.
    public func redact(_ message: String) -> String {
        var text = message
        for secret in secrets {
            text = text.replacingAll(secret, with: "***")
        }
        return text
    }

    /// A parse error of libpq with its quoted pieces removed, then redacted.
    func redactParseError(_ message: String) -> String {
        var result = ""
        var quoted: String?
        for character in message {
            if var inside = quoted {
                if character == "\"" {
                    result += inside.count <= 1 ? "\"\(inside)\"" : "\"…\""
                    quoted = nil
                } else {
                    inside.append(character)
                    quoted = inside
                }
            } else if character == "\"" {
                quoted = ""
            } else {
                result.append(character)
            }
        }
        if quoted != nil { result += "\"…" }
        return redact(result)
    }

    // MARK: - Parsing

    /// libpq's own reading of a connection string (PQconninfoParse): its options, or
    /// its error message (raw: redact before showing it).
    static func parse(_ connectionString: String) -> (options: [String: String]?, error: String?) {
        guard !connectionString.isEmpty else { return ([:], nil) }
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(connectionString, &errorMessage) else {
            let text = errorMessage.map { String(cString: $0) } ?? "the connection string is not valid"
            if let errorMessage { PQfreemem(errorMessage) }
            return (nil, PostgresError.trimmed(text))
        }
        defer { PQconninfoFree(options) }
        var values: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                values[String(cString: keyword)] = String(cString: value)
            }
            option += 1
        }
        return (values, nil)
    }

    /// The passwords as written in the text, before libpq's reading: the part of a
    /// URI's user information after the first `:` (up to the last `@` of the
    /// authority), `password=` in a URI's query, and the value of `password=` in
    /// key=value form (quoted or not, up to the next `keyword=` or the end).
    static func writtenPasswords(in text: String) -> [String] {
        var found: [String] = []
        let lowered = text.lowercased()
        if let scheme = ["postgresql://", "postgres://"].first(where: { lowered.hasPrefix($0) }) {
            let rest = String(text.dropFirst(scheme.count))
            // The user information ends at the last `@` before the query.
            let beforeQuery = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? rest
            if let at = beforeQuery.lastIndex(of: "@") {
                let userInfo = beforeQuery[..<at]
                if let colon = userInfo.firstIndex(of: ":") {
                    found.append(String(userInfo[userInfo.index(after: colon)...]))
                }
            }
            if let question = rest.firstIndex(of: "?") {
                for pair in rest[rest.index(after: question)...].split(separator: "&") {
                    let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    if parts.count == 2, parts[0].lowercased().hasSuffix("password") {
                        found.append(String(parts[1]))
                    }
                }
            }
        }
        // key=value form (also catches `password=` inside a malformed URI).
        // Lower-casing ASCII keeps every index, but not every other character's, so
        // the search runs on the text itself with both spellings.
        var searchStart = text.startIndex
        while let range = text[searchStart...].firstRange(of: /(?i)password/) {
            searchStart = range.upperBound
            var index = range.upperBound
            while index < text.endIndex, text[index] == " " { index = text.index(after: index) }
            guard index < text.endIndex, text[index] == "=" else { continue }
            index = text.index(after: index)
            while index < text.endIndex, text[index] == " " { index = text.index(after: index) }
            var value = String(text[index...])
            // Up to the next ` keyword=`, so that `password=se cret host=x` keeps "se cret".
            if let next = value.firstMatch(of: /\s+[A-Za-z_]+\s*=/) {
                value = String(value[..<next.range.lowerBound])
            }
            found.append(value)
            if value.hasPrefix("'") {
                found.append(String(value.dropFirst().prefix { $0 != "'" }))
            }
        }
        return found
    }

    /// `%XX` sequences decoded, or nil when there are none that decode to UTF-8.
    static func percentDecoded(_ text: String) -> String? {
        guard text.contains("%") else { return nil }
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"),
               let first = utf8.index(index, offsetBy: 1, limitedBy: utf8.endIndex), first < utf8.endIndex,
               let second = utf8.index(index, offsetBy: 2, limitedBy: utf8.endIndex), second < utf8.endIndex,
               let value = UInt8(String(decoding: [utf8[first], utf8[second]], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index = utf8.index(after: second)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

extension String {
    /// Every occurrence of `target` replaced (Foundation-free, for the Postgres module).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
