/// The byte-level state machine behind `CSVReader`.
///
/// It is fed the input in arbitrary pieces (a record, a field, even a multi-byte
/// character may be split between two of them) and calls back at the end of each
/// record. Field bytes are copied, unescaped, into one buffer that is reused for
/// every record, with a second buffer of field end offsets, so the steady state
/// allocates nothing. It is a struct driven through `mutating` methods so that the
/// hot loop touches its state without the run-time exclusivity checks that class
/// properties would cost; its owner calls `deallocate()`.
struct CSVParser {
    enum State: UInt8 {
        /// At the start of a field (and so of a record).
        case fieldStart
        case unquoted
        case quoted
        /// Just after a quote inside a quoted field: either the closing quote or the
        /// first half of a doubled one.
        case quoteInQuoted
        /// Just after a carriage return outside quotes; only a line feed may follow.
        case afterCarriageReturn
    }

    /// The longest field kept, in bytes (1 MiB). No value of a carelog record comes
    /// near it; what does is almost always a quote that is never closed, which would
    /// otherwise read the rest of the input into memory.
    static let maximumFieldBytes = 1 << 20
    /// The longest record kept, in bytes (4 MiB), however its fields divide it.
    static let maximumRecordBytes = 4 << 20
    /// The most fields a record (the header included) may have. The widest import
    /// has a dozen columns.
    static let maximumFields = 1000

    private static let quote: UInt8 = 0x22
    private static let comma: UInt8 = 0x2C
    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D
    /// Bits of `classes`: bytes that end a run of plain bytes outside and inside quotes.
    private static let specialUnquoted: UInt8 = 1
    private static let specialQuoted: UInt8 = 2

    private var state = State.fieldStart
    /// The physical line the parser is on (1-based).
    private var line = 1
    private var recordLine = 1
    private var recordNumber = 1
    /// Absolute input offsets, used to recognise a line with nothing on it.
    private var consumed = 0
    private var recordStart = 0
    private var lineBreakStart = 0
    /// Where the open quoted field began, for the "never closed" message.
    private var quoteLine = 0
    private var quoteField = 0
    /// Where a carriage return was seen, for the message when no line feed follows.
    private var carriageReturnLine = 0
    private var carriageReturnField = 0
    /// The first problem in the current record; once set, the rest of the record is
    /// only scanned for its end, not stored.
    private var problem: String?
    /// `problem != nil`, kept apart as a plain flag for the hot path.
    private var failed = false
    /// Set when a record ran past the record limit without ending (a stream of NUL
    /// bytes, `/dev/zero`, one endless record): its problem has been reported and
    /// nothing more is read, since its end may never come.
    private(set) var stopped = false

    private var bytes: UnsafeMutablePointer<UInt8>
    private var byteCount = 0
    private var byteCapacity: Int
    private var ends: UnsafeMutablePointer<Int>
    private var fieldCount = 0
    private var endCapacity: Int
    private let classes: UnsafeMutablePointer<UInt8>

    init() {
        byteCapacity = 64 * 1024
        bytes = .allocate(capacity: byteCapacity)
        endCapacity = 64
        ends = .allocate(capacity: endCapacity)
        classes = .allocate(capacity: 256)
        classes.initialize(repeating: 0, count: 256)
        for byte in [0, Self.lineFeed, Self.carriageReturn, Self.quote, Self.comma] {
            classes[Int(byte)] |= Self.specialUnquoted
        }
        for byte in [0, Self.lineFeed, Self.quote] {
            classes[Int(byte)] |= Self.specialQuoted
        }
    }

    func deallocate() {
        bytes.deallocate()
        ends.deallocate()
        classes.deallocate()
    }

    /// Makes offsets count from `offset`, for input whose first bytes (a byte-order
    /// mark) were dropped before parsing.
    mutating func skip(_ offset: Int) {
        consumed += offset
        recordStart = consumed
    }

    // MARK: - Feeding bytes

    mutating func consume(
        _ chunk: UnsafeRawBufferPointer,
        onRecord: (CSVRecord) throws -> Void,
        onProblem: (CSVProblem) throws -> Void
    ) throws {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), !chunk.isEmpty else { return }
        let count = chunk.count
        let classes = self.classes
        var index = 0
        while index < count {
            switch state {
            case .fieldStart:
                if base[index] == Self.quote {
                    state = .quoted
                    quoteLine = line
                    quoteField = fieldCount + 1
                    index += 1
                } else {
                    // Commas and line breaks here end an empty field, just as they end
                    // a non-empty one in the unquoted state.
                    state = .unquoted
                }

            case .unquoted:
                var end = index
                while end < count && classes[Int(base[end])] & Self.specialUnquoted == 0 { end += 1 }
                if end > index { append(base + index, end - index) }
                if end == count {
                    index = end
                    break
                }
                let byte = base[end]
                index = end + 1
                switch byte {
                case Self.comma:
                    endField()
                    state = .fieldStart
                case Self.lineFeed:
                    endField()
                    lineBreakStart = consumed + end
                    try endRecord(nextRecordStart: consumed + index, onRecord: onRecord, onProblem: onProblem)
                    state = .fieldStart
                case Self.carriageReturn:
                    noteCarriageReturn(at: consumed + end)
                case Self.quote:
                    fail("a quote inside an unquoted field", "quote the whole field and double the quote")
                default:
                    failOnNUL()
                }

            case .quoted:
                var end = index
                while end < count && classes[Int(base[end])] & Self.specialQuoted == 0 { end += 1 }
                if end > index { append(base + index, end - index) }
                if end == count {
                    index = end
                    break
                }
                let byte = base[end]
                index = end + 1
                switch byte {
                case Self.quote:
                    state = .quoteInQuoted
                case Self.lineFeed:
                    append(base + end, 1)
                    line += 1
                default:
                    failOnNUL()
                }

            case .quoteInQuoted:
                let byte = base[index]
                switch byte {
                case Self.quote:
                    append(base + index, 1)
                    state = .quoted
                    index += 1
                case Self.comma:
                    endField()
                    state = .fieldStart
                    index += 1
                case Self.lineFeed:
                    endField()
                    lineBreakStart = consumed + index
                    index += 1
                    try endRecord(nextRecordStart: consumed + index, onRecord: onRecord, onProblem: onProblem)
                    state = .fieldStart
                case Self.carriageReturn:
                    noteCarriageReturn(at: consumed + index)
                    index += 1
                default:
                    fail(
                        "text after the closing quote of a quoted field",
                        "put the whole field inside the quotes and double any quote in it")
                    // Read on as if unquoted, only to find where the record ends.
                    state = .unquoted
                }

            case .afterCarriageReturn:
                if base[index] == Self.lineFeed {
                    index += 1
                    try endRecord(nextRecordStart: consumed + index, onRecord: onRecord, onProblem: onProblem)
                    state = .fieldStart
                } else {
                    fail(
                        "a carriage return that is not followed by a line feed",
                        "end lines with LF or CRLF, or put the field inside quotes",
                        line: carriageReturnLine, field: carriageReturnField)
                    state = .unquoted
                }
            }
        }
        consumed += count
        try stopAtEndlessRecord(onProblem: onProblem)
    }

    /// A record still going after more than the record limit of input bytes, quotes
    /// and refused bytes included, is reported as the problem of its line and the
    /// input is read no further: scanning on for its end would run as long as the
    /// input does (forever, for a device like /dev/zero), at full CPU.
    private mutating func stopAtEndlessRecord(onProblem: (CSVProblem) throws -> Void) throws {
        guard !stopped, consumed - recordStart > Self.maximumRecordBytes, state != .fieldStart || fieldCount > 0 else { return }
        stopped = true
        let first = problem ?? "a record longer than 4 MiB (line \(recordLine), field \(fieldCount + 1)): "
            + "no record of a carelog file is that long; look for a quote that is never closed"
        try onProblem(CSVProblem(
            line: recordLine, number: recordNumber,
            message: first + "; the record did not end within 4 MiB, so nothing after it was read"))
    }

    /// Ends the input: the last record needs no line break after it.
    mutating func finish(onRecord: (CSVRecord) throws -> Void, onProblem: (CSVProblem) throws -> Void) throws {
        switch state {
        case .fieldStart where fieldCount == 0:
            return  // Nothing since the last line break (or an empty input).
        case .fieldStart, .unquoted, .quoteInQuoted:
            endField()
            lineBreakStart = consumed
        case .afterCarriageReturn:
            break  // A carriage return at the very end can only be a line break.
        case .quoted:
            problem =
                "a quoted field that starts on line \(quoteLine) is never closed (field \(quoteField)): "
                + "everything after its opening quote was read as part of it"
        }
        try endRecord(nextRecordStart: consumed, onRecord: onRecord, onProblem: onProblem)
        state = .fieldStart
    }

    // MARK: - Building a record

    /// Keeps field bytes, up to the limits: past them the record becomes a problem
    /// and nothing more of it is kept, so memory stays flat whatever the input.
    @inline(__always)
    private mutating func append(_ source: UnsafePointer<UInt8>, _ count: Int) {
        if failed { return }
        if byteCount + count - (fieldCount == 0 ? 0 : ends[fieldCount - 1]) > Self.maximumFieldBytes {
            fail("a field longer than 1 MiB", "no value of a carelog file is that long; look for a quote that is never closed")
            return
        }
        if byteCount + count > Self.maximumRecordBytes {
            fail("a record longer than 4 MiB", "no record of a carelog file is that long; look for a quote that is never closed")
            return
        }
        if byteCount + count > byteCapacity { growBytes(toHold: byteCount + count) }
        (bytes + byteCount).update(from: source, count: count)
        byteCount += count
    }

    @inline(__always)
    private mutating func endField() {
        if !failed && fieldCount == Self.maximumFields {
            fail("more than \(Self.maximumFields) fields", "no carelog file has that many columns")
        }
        if failed {
            // Only counted: the ends of a refused record are never read.
            fieldCount += 1
            return
        }
        if fieldCount == endCapacity { growEnds() }
        ends[fieldCount] = byteCount
        fieldCount += 1
    }

    private mutating func growBytes(toHold needed: Int) {
        var capacity = byteCapacity * 2
        while capacity < needed { capacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: bytes, count: byteCount)
        bytes.deallocate()
        bytes = grown
        byteCapacity = capacity
    }

    private mutating func growEnds() {
        let capacity = endCapacity * 2
        let grown = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        grown.update(from: ends, count: fieldCount)
        ends.deallocate()
        ends = grown
        endCapacity = capacity
    }

    private mutating func noteCarriageReturn(at offset: Int) {
        lineBreakStart = offset
        carriageReturnLine = line
        carriageReturnField = fieldCount + 1
        endField()
        state = .afterCarriageReturn
    }

    private mutating func failOnNUL() {
        fail("a NUL byte", "PostgreSQL text cannot hold it")
    }

    /// Keeps the first problem of the record; the others usually follow from it.
    private mutating func fail(_ what: String, _ advice: String, line: Int? = nil, field: Int? = nil) {
        guard !failed else { return }
        failed = true
        problem = "\(what) (line \(line ?? self.line), field \(field ?? fieldCount + 1)): \(advice)"
    }

    private mutating func endRecord(
        nextRecordStart: Int,
        onRecord: (CSVRecord) throws -> Void,
        onProblem: (CSVProblem) throws -> Void
    ) throws {
        let line = recordLine
        let number = recordNumber
        let isBlank = lineBreakStart == recordStart && problem == nil
        let problem = self.problem
        // Reset first, so that a callback that throws leaves a consistent parser.
        self.line += 1
        recordLine = self.line
        recordStart = nextRecordStart
        self.problem = nil
        failed = false
        let fieldCount = self.fieldCount
        let byteCount = self.byteCount
        self.fieldCount = 0
        self.byteCount = 0
        if isBlank { return }
        recordNumber += 1

        if let problem {
            try onProblem(CSVProblem(line: line, number: number, message: problem))
        } else if let invalid = firstInvalidUTF8(fieldCount: fieldCount, byteCount: byteCount) {
            try onProblem(CSVProblem(line: line, number: number, message: invalid.message(recordLine: line)))
        } else {
            try onRecord(
                CSVRecord(line: line, number: number, fieldCount: fieldCount, bytes: bytes, ends: ends))
        }
    }

    // MARK: - UTF-8

    private struct InvalidUTF8 {
        var byte: UInt8
        var field: Int
        var lineBreaksBefore: Int

        func message(recordLine: Int) -> String {
            let hex = String(byte, radix: 16, uppercase: true)
            return "the text is not valid UTF-8 (byte 0x\(hex.count == 1 ? "0" : "")\(hex) on line "
                + "\(recordLine + lineBreaksBefore), field \(field)): save the file as UTF-8"
        }
    }

    /// Checks each field on its own: a sequence cut in two by a comma must not pass
    /// because its halves happen to sit next to each other in the buffer.
    private func firstInvalidUTF8(fieldCount: Int, byteCount: Int) -> InvalidUTF8? {
        if isASCII(bytes, byteCount) { return nil }
        var start = 0
        for field in 0..<fieldCount {
            let end = ends[field]
            if let offset = invalidUTF8Offset(bytes, from: start, to: end) {
                var lineBreaks = 0
                for position in 0..<offset where bytes[position] == Self.lineFeed { lineBreaks += 1 }
                return InvalidUTF8(byte: bytes[offset], field: field + 1, lineBreaksBefore: lineBreaks)
            }
            start = end
        }
        return nil
    }
}

/// The fast path: most records are plain ASCII, checked eight bytes at a time.
@inline(__always)
private func isASCII(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    let raw = UnsafeRawPointer(bytes)
    var index = 0
    var highBits: UInt64 = 0
    while index + 8 <= count {
        highBits |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        index += 8
    }
    while index < count {
        highBits |= UInt64(bytes[index])
        index += 1
    }
    return highBits & 0x8080_8080_8080_8080 == 0
}

/// The offset of the first byte that does not start a well-formed UTF-8 sequence
/// (Unicode 15, table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF).
func invalidUTF8Offset(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
    @inline(__always) func within(_ offset: Int, _ range: ClosedRange<UInt8>) -> Bool {
        offset < end && range.contains(bytes[offset])
    }
    var index = start
    while index < end {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00...0x7F:
            length = 1
        case 0xC2...0xDF:
            guard within(index + 1, 0x80...0xBF) else { return index }
            length = 2
        case 0xE0...0xEF:
            let second: ClosedRange<UInt8> =
                lead == 0xE0 ? 0xA0...0xBF : lead == 0xED ? 0x80...0x9F : 0x80...0xBF
            guard within(index + 1, second), within(index + 2, 0x80...0xBF) else { return index }
            length = 3
        case 0xF0...0xF4:
            let second: ClosedRange<UInt8> =
                lead == 0xF0 ? 0x90...0xBF : lead == 0xF4 ? 0x80...0x8F : 0x80...0xBF
            guard within(index + 1, second), within(index + 2, 0x80...0xBF), within(index + 3, 0x80...0xBF)
            else { return index }
            length = 4
        default:
            return index
        }
        index += length
    }
    return nil
}
