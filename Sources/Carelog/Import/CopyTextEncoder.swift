/// Writes rows in PostgreSQL's COPY text format into a reusable byte buffer:
/// tab-separated, `\N` for NULL, backslash escapes for tab, line feed, carriage
/// return and backslash. Bytes are copied as they are otherwise, so text reaches
/// the staging table exactly as the file had it.
struct CopyTextEncoder {
    private(set) var buffer: [UInt8] = []
    private var fieldsInRow = 0

    init(capacity: Int = 1 << 18) {
        buffer.reserveCapacity(capacity + 4096)
    }

    mutating func appendNull() {
        separate()
        buffer.append(UInt8(ascii: "\\"))
        buffer.append(UInt8(ascii: "N"))
    }

    mutating func append(_ number: Int) {
        separate()
        buffer.append(contentsOf: String(number).utf8)
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        separate()
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "\t"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "t"))
            case UInt8(ascii: "\n"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "r"))
            default: buffer.append(byte)
            }
        }
    }

    mutating func endRow() {
        buffer.append(UInt8(ascii: "\n"))
        fieldsInRow = 0
    }

    mutating func removeAll() {
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func separate() {
        if fieldsInRow > 0 { buffer.append(UInt8(ascii: "\t")) }
        fieldsInRow += 1
    }
}
