/// Reads RFC 4180 CSV text record by record, in chunks, without holding the file.
///
/// What it accepts, beyond the RFC's letter:
/// - UTF-8 only; a leading byte-order mark is skipped.
/// - Records end with LF or CRLF, mixed freely. A quoted field keeps its line breaks
///   byte for byte (CRLF stays CRLF).
/// - A line with nothing at all on it, outside quotes, is skipped rather than read
///   as a record with one empty field: spreadsheets and editors leave blank lines at
///   the end of files, and an import that fails on them helps nobody. Skipped lines
///   still count for `line`, but take no `number`. A line holding only `""` is a
///   record (of one empty field).
/// - Spaces are data: ` a ` stays ` a `, and text that looks like a formula stays
///   as it was.
///
/// Everything else that breaks the RFC (a quote in an unquoted field, text after a
/// closing quote, a carriage return with no line feed after it, a NUL byte, bytes
/// that are not UTF-8) is reported as a `CSVProblem` for that record, and reading
/// goes on with the next one, so one pass lists every problem in a file. A quoted
/// field that is never closed swallows the rest of the input, so it is the last
/// thing reported.
///
/// The header is not special: it is record 1, and interpreting it is the caller's job.
///
/// A reader is a handle on its input: copies share the input and its position, and
/// the input is read once (a second `read` reports nothing).
public struct CSVReader {
    private let storage: Storage

    /// Opens the input now, so that a missing file is reported before any work.
    /// `chunkSize` is how many bytes each `read(2)` asks for.
    public init(_ input: CSVInput, chunkSize: Int = 1 << 20) throws {
        precondition(chunkSize > 0, "chunkSize must be positive")
        storage = Storage(source: try ByteSource(input), chunkSize: chunkSize)
    }

    /// Bytes consumed so far, for progress display. Counts what has been read from
    /// the input, which runs up to one chunk ahead of the records delivered.
    public var bytesRead: Int { storage.source.bytesRead }

    /// Total size when known (a regular file, or bytes in memory), for progress
    /// percentages; `nil` for a pipe.
    public var totalBytes: Int? { storage.source.totalBytes }

    /// Calls `onRecord` for each well-formed record and `onProblem` for each
    /// malformed one, in file order. An error thrown by either callback stops the
    /// reading and is rethrown; so is a failure to read the input (a `CarelogError`).
    ///
    /// Not `mutating`, although it consumes the input: that way the callbacks may look
    /// at `bytesRead` on the same reader to show progress.
    public func read(onRecord: (CSVRecord) throws -> Void, onProblem: (CSVProblem) throws -> Void) throws {
        try storage.read(onRecord: onRecord, onProblem: onProblem)
    }

    private final class Storage {
        let source: ByteSource
        private var parser = CSVParser()
        private let chunk: UnsafeMutableRawBufferPointer
        private var started = false

        init(source: ByteSource, chunkSize: Int) {
            self.source = source
            chunk = .allocate(byteCount: chunkSize, alignment: 16)
        }

        deinit {
            parser.deallocate()
            chunk.deallocate()
        }

        func read(onRecord: (CSVRecord) throws -> Void, onProblem: (CSVProblem) throws -> Void) throws {
            guard !started else { return }
            started = true

            // The byte-order mark may arrive a byte at a time, so gather the first
            // three bytes before deciding whether they are one.
            var head: [UInt8] = []
            var rest = UnsafeRawBufferPointer(start: nil, count: 0)
            while head.count < 3 {
                let count = try source.read(into: chunk)
                if count == 0 { break }
                let taken = min(3 - head.count, count)
                head.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<taken]))
                rest = UnsafeRawBufferPointer(rebasing: chunk[taken..<count])
            }
            if head == [0xEF, 0xBB, 0xBF] {
                parser.skip(3)
            } else {
                try head.withUnsafeBytes { try parser.consume($0, onRecord: onRecord, onProblem: onProblem) }
            }
            try parser.consume(rest, onRecord: onRecord, onProblem: onProblem)

            while !parser.stopped {
                let count = try source.read(into: chunk)
                if count == 0 { break }
                try parser.consume(
                    UnsafeRawBufferPointer(rebasing: chunk[0..<count]), onRecord: onRecord, onProblem: onProblem)
            }
            if parser.stopped { return }
            try parser.finish(onRecord: onRecord, onProblem: onProblem)
        }
    }
}

/// One record, as a view of the reader's buffers.
///
/// Valid only during the `onRecord` call that receives it: the storage is reused for
/// the next record, which is what keeps the hot path free of per-record allocation.
/// Copy out what must outlive the call (`string(at:)` does). Field bytes are already
/// unescaped (no surrounding quotes, `""` turned into `"`) and known to be UTF-8.
public struct CSVRecord {
    /// The physical line (1-based) on which the record starts.
    public let line: Int
    /// The record's ordinal (1-based): the header is record 1, the first data row
    /// record 2. Malformed records take a number too; skipped blank lines do not.
    public let number: Int
    public let fieldCount: Int
    private let bytes: UnsafePointer<UInt8>
    /// `ends[i]` is where field `i` stops in `bytes`; it starts where field `i - 1` stops.
    private let ends: UnsafePointer<Int>

    init(line: Int, number: Int, fieldCount: Int, bytes: UnsafePointer<UInt8>, ends: UnsafePointer<Int>) {
        self.line = line
        self.number = number
        self.fieldCount = fieldCount
        self.bytes = bytes
        self.ends = ends
    }

    @inline(__always)
    private func bounds(_ index: Int) -> (start: Int, end: Int) {
        precondition(index >= 0 && index < fieldCount, "field index \(index) out of range 0..<\(fieldCount)")
        return (index == 0 ? 0 : ends[index - 1], ends[index])
    }

    /// The field as a new `String` (an empty field gives "").
    public func string(at index: Int) -> String {
        let (start, end) = bounds(index)
        return String(decoding: UnsafeBufferPointer(start: bytes + start, count: end - start), as: UTF8.self)
    }

    /// The field's unescaped UTF-8 bytes, without copying; valid only inside `body`.
    public func withBytes<R>(at index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let (start, end) = bounds(index)
        return try body(UnsafeRawBufferPointer(start: bytes + start, count: end - start))
    }

    /// Whether the field is empty, which the importer reads as null.
    public func isEmpty(at index: Int) -> Bool {
        let (start, end) = bounds(index)
        return start == end
    }
}
