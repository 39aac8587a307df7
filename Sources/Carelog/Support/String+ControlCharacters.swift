extension String {
    /// The text with every control character made visible, for output that reaches a
    /// terminal: stored text must not be able to clear the screen, set the window
    /// title (`ESC ] 0 ;`) or split a table row with a line feed.
    ///
    /// C0 controls (U+0000–U+001F, tab and line feed included) and DEL become their
    /// Unicode Control Pictures (`␛`, `␉`, `␊`, `␡`), one column wide each so that
    /// tables stay aligned; C1 controls (U+0080–U+009F, which some terminals obey as
    /// well) become `\u{9B}`-style escapes. Everything else is left as it is. CSV
    /// output does not use this: it keeps the exact value.
    public var showingControlCharacters: String {
        guard unicodeScalars.contains(where: \.isControlCharacter) else { return self }
        var shown = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x00...0x1F:
                shown.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F:
                shown.append("\u{2421}")
            case 0x80...0x9F:
                shown.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            default:
                shown.append(scalar)
            }
        }
        return String(shown)
    }
}

extension Unicode.Scalar {
    /// C0, DEL or C1: the scalars of general category Cc.
    fileprivate var isControlCharacter: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value)
    }
}
