/// The pieces of a worksheet's XML (SpreadsheetML, ECMA-376 part 1 §18), written as
/// UTF-8 bytes straight from the values' bytes: a sheet of a million rows is written
/// without a String per cell.
enum SheetXML {
    /// Appends `value` as the content of a `<t>` element: `&`, `<` and `>` as entities,
    /// a carriage return as `&#13;` (an XML reader would turn a bare one into a line
    /// feed), and what XML 1.0 cannot hold at all (control characters other than tab
    /// and line feed, U+FFFE, U+FFFF) as `_xHHHH_`, the escape spreadsheets read in
    /// cell text. A `_x` that would read as such an escape (`_x0041_`) gets its `_`
    /// escaped as `_x005F_`, so that it reads back as written.
    static func appendText(_ value: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        var index = 0
        let count = value.count
        while index < count {
            let byte = value[index]
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: ampersand)
            case UInt8(ascii: "<"): out.append(contentsOf: lessThan)
            case UInt8(ascii: ">"): out.append(contentsOf: greaterThan)
            case 0x0D: out.append(contentsOf: carriageReturn)
            case 0x09, 0x0A: out.append(byte)
            case 0x00..<0x20: appendEscape(UInt16(byte), to: &out)
            case UInt8(ascii: "_") where looksLikeEscape(value, at: index):
                appendEscape(0x5F, to: &out)
            case 0xEF where index + 2 < count && value[index + 1] == 0xBF && (value[index + 2] == 0xBE || value[index + 2] == 0xBF):
                appendEscape(value[index + 2] == 0xBE ? 0xFFFE : 0xFFFF, to: &out)
                index += 2
            default: out.append(byte)
            }
            index += 1
        }
    }

    /// Whether `_xHHHH_` (four hex digits) starts at `index`.
    private static func looksLikeEscape(_ value: UnsafeRawBufferPointer, at index: Int) -> Bool {
        guard index + 6 < value.count, value[index + 1] == UInt8(ascii: "x"), value[index + 6] == UInt8(ascii: "_") else {
            return false
        }
        return (index + 2...index + 5).allSatisfy { isHexDigit(value[$0]) }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    private static func appendEscape(_ code: UInt16, to out: inout [UInt8]) {
        let hex = Array("0123456789ABCDEF".utf8)
        out.append(contentsOf: Array("_x".utf8))
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(hex[Int((code >> UInt16(shift)) & 0xF)])
        }
        out.append(UInt8(ascii: "_"))
    }

    private static let ampersand = Array("&amp;".utf8)
    private static let lessThan = Array("&lt;".utf8)
    private static let greaterThan = Array("&gt;".utf8)
    private static let carriageReturn = Array("&#13;".utf8)

    /// The length of UTF-8 `value` in UTF-16 code units: what a spreadsheet counts
    /// against its 32,767 characters of a cell (an emoji counts two).
    static func utf16Count(_ value: UnsafeRawBufferPointer) -> Int {
        var count = 0
        for byte in value {
            if byte & 0xC0 != 0x80 { count += 1 }  // the first byte of a character
            if byte >= 0xF0 { count += 1 }  // four bytes: two UTF-16 units
        }
        return count
    }

    /// The number of leading bytes of UTF-8 `value` that hold at most `limit` UTF-16
    /// units, ending between two characters (never inside one, nor inside an emoji's
    /// pair of units).
    static func prefixLength(_ value: UnsafeRawBufferPointer, utf16Limit limit: Int) -> Int {
        var units = 0
        for index in value.indices where value[index] & 0xC0 != 0x80 {
            let width = value[index] >= 0xF0 ? 2 : 1
            if units + width > limit { return index }
            units += width
        }
        return value.count
    }

    /// Whether `value` is a decimal a spreadsheet holds exactly: an optional `-`,
    /// digits without a leading zero (but `0` itself), an optional fraction, at most
    /// 15 digits before the point and at most 15 significant digits (a double's exact
    /// range, shown in full). PostgreSQL writes its
    /// integers and numerics so; `1e+20`, `NaN` or a 19-digit bigint are not, nor a
    /// fraction of more than 15 decimals (no cell format shows them all). A
    /// negative zero (`-0`, `-0.0`) is not either: a spreadsheet would show `0`.
    static func isExactNumber(_ value: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        if index < value.count, value[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        while index < value.count, (0x30...0x39).contains(value[index]) { index += 1 }
        let integerDigits = index - integerStart
        guard integerDigits > 0, integerDigits <= 15, integerDigits == 1 || value[integerStart] != 0x30 else { return false }
        let integerEnd = index
        var fractionStart = index
        if index < value.count {
            guard value[index] == UInt8(ascii: "."), index + 1 < value.count else { return false }
            index += 1
            fractionStart = index
            while index < value.count, (0x30...0x39).contains(value[index]) { index += 1 }
            guard index > fractionStart, index == value.count, index - fractionStart <= 15 else { return false }
        }
        // Significant digits: from the first non-zero digit to the last non-zero one,
        // the point not counted.
        var firstNonZero = -1, lastNonZero = -1, position = 0
        for range in [integerStart..<integerEnd, fractionStart..<index] {
            for offset in range {
                if value[offset] != 0x30 {
                    if firstNonZero < 0 { firstNonZero = position }
                    lastNonZero = position
                }
                position += 1
            }
        }
        if firstNonZero < 0 { return value[0] != UInt8(ascii: "-") }
        return lastNonZero - firstNonZero + 1 <= 15
    }

    /// How many digits follow the point of a number `isExactNumber` accepted, when a
    /// spreadsheet's General format would not show it as written: a fraction ending in
    /// zero (`0.10`, `85.0`: General drops the zeros) or more than 11 characters
    /// (General turns `123456789012` into `1.23457E+11`). nil when General shows it as
    /// written (`12`, `-2.5`, `39.9`). The cell then gets a format with exactly that
    /// many decimals (`0`, `0.00`), so that it shows the digits stored.
    static func fixedDecimals(_ value: UnsafeRawBufferPointer) -> Int? {
        guard let point = value.firstIndex(of: UInt8(ascii: ".")) else {
            return value.count > 11 ? 0 : nil
        }
        let decimals = value.count - point - 1
        return value.count > 11 || value[value.count - 1] == UInt8(ascii: "0") ? decimals : nil
    }

    /// The day number of an ISO date `YYYY-MM-DD` from 1900-03-01 to 9999-12-31: days
    /// since 1899-12-30, the count every spreadsheet agrees on from March 1900 on
    /// (before it, one program counts a 29 February 1900 that never was). nil for
    /// anything else.
    static func daySerial(_ value: UnsafeRawBufferPointer) -> Int? {
        guard value.count == 10, value[4] == UInt8(ascii: "-"), value[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var result = 0
            for index in range {
                let byte = value[index]
                guard (0x30...0x39).contains(byte) else { return nil }
                result = result * 10 + Int(byte - 0x30)
            }
            return result
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), day >= 1 else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1], year >= 1900, (year, month) >= (1900, 3) else { return nil }
        return daysFromCivil(year: year, month: month, day: day) - daysFromCivil(year: 1899, month: 12, day: 30)
    }

    /// The serial of a date-time as the cell's value: the day number (`daySerial`) plus
    /// the fraction of the day to ten decimals (about ten microseconds), trailing zeros
    /// dropped. Accepts what carelog writes: an export's UTC instant
    /// `YYYY-MM-DDTHH:MM:SS[.ffffff]Z` and a report's site-local `YYYY-MM-DD HH:MM[:SS]`.
    /// nil for anything else (a text cell then).
    static func instantSerial(_ value: UnsafeRawBufferPointer) -> String? {
        guard value.count >= 16, let day = daySerial(UnsafeRawBufferPointer(rebasing: value[0..<10])) else { return nil }
        let utc = value[10] == UInt8(ascii: "T")
        guard utc || value[10] == UInt8(ascii: " ") else { return nil }
        var end = value.count
        if utc {
            guard value[end - 1] == UInt8(ascii: "Z") else { return nil }
            end -= 1
        }
        guard let seconds = secondsOfDay(UnsafeRawBufferPointer(rebasing: value[11..<end]), allowFraction: utc) else { return nil }
        return serialText(Double(day) + seconds / 86_400)
    }

    /// A time of day `HH:MM[:SS]` as the fraction of a day a time cell holds.
    static func timeFraction(_ value: UnsafeRawBufferPointer) -> String? {
        secondsOfDay(value, allowFraction: false).map { serialText($0 / 86_400) }
    }

    /// Seconds since midnight of `HH:MM`, `HH:MM:SS` or (with `allowFraction`)
    /// `HH:MM:SS.ffffff`.
    private static func secondsOfDay(_ value: UnsafeRawBufferPointer, allowFraction: Bool) -> Double? {
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= value.count else { return nil }
            var result = 0
            for index in range {
                guard (0x30...0x39).contains(value[index]) else { return nil }
                result = result * 10 + Int(value[index] - 0x30)
            }
            return result
        }
        guard value.count == 5 || value.count >= 8, value[2] == UInt8(ascii: ":"),
              let hour = digits(0..<2), let minute = digits(3..<5), hour < 24, minute < 60 else { return nil }
        var seconds = Double(hour * 3600 + minute * 60)
        guard value.count > 5 else { return seconds }
        guard value[5] == UInt8(ascii: ":"), let second = digits(6..<8), second < 60 else { return nil }
        seconds += Double(second)
        guard value.count > 8 else { return seconds }
        guard allowFraction, value[8] == UInt8(ascii: "."), value.count > 9, let fraction = digits(9..<value.count),
              value.count - 9 <= 9 else { return nil }
        var scale = 1.0
        for _ in 9..<value.count { scale *= 10 }
        return seconds + Double(fraction) / scale
    }

    /// A serial with ten decimals at most (a hundred-thousandth of a second of a day
    /// is far below what a cell shows), trailing zeros and a bare point dropped.
    private static func serialText(_ serial: Double) -> String {
        var text = String(format: "%.10f", serial)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    /// The letters of a column (0 → `A`, 25 → `Z`, 26 → `AA`).
    static func columnLetters(_ index: Int) -> String {
        var number = index + 1
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(65 + remainder))), at: 0)
            number = (number - 1) / 26
        }
        return String(letters)
    }

    /// `value` escaped for an attribute or element of the workbook's own parts (sheet
    /// names, column names): the five XML entities; control characters, U+FFFE and
    /// U+FFFF (which XML 1.0 cannot hold) are left out.
    static func escaped(_ value: String) -> String {
        var result = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\u{0}"..."\u{1F}" where scalar != "\t" && scalar != "\n": continue
            case "\u{FFFE}", "\u{FFFF}": continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
