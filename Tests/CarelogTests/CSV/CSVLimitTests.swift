import Carelog
import Foundation
import Testing

/// A field, a record and a record's width are bounded, so that memory stays flat
/// whatever the input (an unclosed quote, a runaway field, a header of 100,000
/// columns): past a limit the record is reported as a problem and its bytes are not kept.
@Suite("CSV reader limits")
struct CSVLimitTests {
    /// Records as their fields, problems as their description.
    func read(_ bytes: [UInt8]) throws -> [String] {
        var seen: [String] = []
        try CSVReader(.bytes(bytes)).read(
            onRecord: { record in seen.append("fields \(record.fieldCount), line \(record.line), first \(record.isEmpty(at: 0) ? 0 : record.withBytes(at: 0) { $0.count }) bytes") },
            onProblem: { seen.append($0.description) })
        return seen
    }

    @Test("a field of exactly 1 MiB is read; one byte more is refused, naming its line and field")
    func fieldSize() throws {
        let limit = 1 << 20
        #expect(try read(Array("a,b\n".utf8) + [UInt8](repeating: 0x61, count: limit) + Array(",x\nc,d\n".utf8)) == [
            "fields 2, line 1, first 1 bytes", "fields 2, line 2, first \(limit) bytes", "fields 2, line 3, first 1 bytes",
        ])
        #expect(try read(Array("a,b\nx,".utf8) + [UInt8](repeating: 0x61, count: limit + 1) + Array("\nc,d\n".utf8)) == [
            "fields 2, line 1, first 1 bytes",
            "line 2 (record 2): a field longer than 1 MiB (line 2, field 2): no value of a carelog file is that long; "
                + "look for a quote that is never closed",
            "fields 2, line 3, first 1 bytes",
        ])
    }

    @Test("a quoted field that runs over 1 MiB across lines names the line where it passed the limit")
    func quotedFieldSize() throws {
        let line = Array(String(repeating: "x", count: 1023).utf8) + [0x0A]
        var bytes = Array("a\n\"".utf8)
        for _ in 0..<1100 { bytes += line }
        bytes += Array("\"\nb\n".utf8)
        let seen = try read(bytes)
        #expect(seen == [
            "fields 1, line 1, first 1 bytes",
            "line 2 (record 2): a field longer than 1 MiB (line 1026, field 1): no value of a carelog file is that long; "
                + "look for a quote that is never closed",
            "fields 1, line 1103, first 1 bytes",
        ])
    }

    @Test("a record of 1,000 fields is read; 1,001 are refused")
    func width() throws {
        let thousand = Array((1...1000).map { "c\($0)" }.joined(separator: ",").utf8) + [0x0A]
        #expect(try read(thousand) == ["fields 1000, line 1, first 2 bytes"])
        let more = Array((1...100_000).map { "c\($0)" }.joined(separator: ",").utf8) + Array("\nx\n".utf8)
        #expect(try read(more) == [
            "line 1 (record 1): more than 1000 fields (line 1, field 1001): no carelog file has that many columns",
            "fields 1, line 2, first 1 bytes",
        ])
    }

    @Test("a record of more than 4 MiB in all is refused even when each field is within 1 MiB; nothing after it is read")
    func recordSize() throws {
        let field = [UInt8](repeating: 0x62, count: 1 << 20)
        var bytes = Array("a\n".utf8)
        for index in 0..<5 { bytes += (index == 0 ? [] : [0x2C]) + field }
        bytes += Array("\nz\n".utf8)
        #expect(try read(bytes) == [
            "fields 1, line 1, first 1 bytes",
            "line 2 (record 2): a record longer than 4 MiB (line 2, field 5): no record of a carelog file is that long; "
                + "look for a quote that is never closed; the record did not end within 4 MiB, so nothing after it was read",
        ])
    }
}
