import Carelog
import Foundation
import Testing

/// What the reader delivered, copied out of the callbacks so it can be compared.
private enum Item: Equatable, CustomStringConvertible {
    case record(line: Int, number: Int, fields: [String])
    case problem(CSVProblem)

    var description: String {
        switch self {
        case let .record(line, number, fields): "record(line: \(line), number: \(number), \(fields))"
        case let .problem(problem): "problem(\(problem))"
        }
    }
}

private func items(_ input: CSVInput, chunkSize: Int = 1 << 20) throws -> [Item] {
    var items: [Item] = []
    try CSVReader(input, chunkSize: chunkSize).read(
        onRecord: { record in
            items.append(
                .record(
                    line: record.line, number: record.number,
                    fields: (0..<record.fieldCount).map { record.string(at: $0) }))
        },
        onProblem: { items.append(.problem($0)) })
    return items
}

private func items(_ bytes: [UInt8], chunkSize: Int = 1 << 20) throws -> [Item] {
    try items(.bytes(bytes), chunkSize: chunkSize)
}

private func items(_ text: String, chunkSize: Int = 1 << 20) throws -> [Item] {
    try items(Array(text.utf8), chunkSize: chunkSize)
}

/// The fields of each record, for inputs expected to have no problems.
private func rows(_ text: String, chunkSize: Int = 1 << 20) throws -> [[String]] {
    try rows(Array(text.utf8), chunkSize: chunkSize)
}

private func rows(_ bytes: [UInt8], chunkSize: Int = 1 << 20) throws -> [[String]] {
    try items(bytes, chunkSize: chunkSize).map { item in
        guard case let .record(_, _, fields) = item else {
            Issue.record("unexpected \(item)")
            return []
        }
        return fields
    }
}

private func problem(line: Int, number: Int, _ message: String) -> Item {
    .problem(CSVProblem(line: line, number: number, message: message))
}

private let chunkSizes = [1, 2, 3, 7, 1 << 20]

@Suite("CSV reader")
struct CSVReaderTests {
    // MARK: - Well-formed input

    @Test("simple records, with lines and numbers counting from 1 and the header as record 1")
    func simpleRecords() throws {
        #expect(
            try items("id,name\n1,Ann\n2,Bob\n") == [
                .record(line: 1, number: 1, fields: ["id", "name"]),
                .record(line: 2, number: 2, fields: ["1", "Ann"]),
                .record(line: 3, number: 3, fields: ["2", "Bob"]),
            ])
    }

    @Test("a quoted field may hold commas")
    func quotedCommas() throws {
        #expect(try rows("a,\"b,c\",d\n\",\",\",,\"\n") == [["a", "b,c", "d"], [",", ",,"]])
    }

    @Test("a doubled quote inside a quoted field is one quote")
    func doubledQuotes() throws {
        #expect(
            try rows("\"say \"\"hi\"\"\",\"\"\"\",\"a\"\"\"\"b\"\n") == [["say \"hi\"", "\"", "a\"\"b"]])
    }

    @Test("quoted line breaks are kept byte for byte, and later records keep their physical line numbers")
    func quotedLineBreaks() throws {
        #expect(
            try items("h1,h2\n\"one\ntwo\nthree\",x\nnext,y\n\"a\r\nb\",z\nlast,w\n") == [
                .record(line: 1, number: 1, fields: ["h1", "h2"]),
                .record(line: 2, number: 2, fields: ["one\ntwo\nthree", "x"]),
                .record(line: 5, number: 3, fields: ["next", "y"]),
                .record(line: 6, number: 4, fields: ["a\r\nb", "z"]),
                .record(line: 8, number: 5, fields: ["last", "w"]),
            ])
    }

    @Test("a byte-order mark at the start is skipped, however the input is split", arguments: chunkSizes)
    func byteOrderMark(chunkSize: Int) throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,name\n1,Ann\n".utf8)
        #expect(
            try items(bytes, chunkSize: chunkSize) == [
                .record(line: 1, number: 1, fields: ["id", "name"]),
                .record(line: 2, number: 2, fields: ["1", "Ann"]),
            ])
        // Only a leading one: elsewhere U+FEFF is text like any other.
        #expect(try rows([0x61, 0xEF, 0xBB, 0xBF, 0x0A], chunkSize: chunkSize) == [["a\u{FEFF}"]])
        #expect(try items([0xEF, 0xBB, 0xBF], chunkSize: chunkSize).isEmpty)
        // Two bytes of one are not a byte-order mark, and not UTF-8 either.
        #expect(
            try items([0xEF, 0xBB], chunkSize: chunkSize) == [
                problem(line: 1, number: 1, "the text is not valid UTF-8 (byte 0xEF on line 1, field 1): save the file as UTF-8")
            ])
    }

    @Test("CRLF line breaks")
    func crlf() throws {
        #expect(
            try items("a,b\r\n\"c\",d\r\n1,\r\n") == [
                .record(line: 1, number: 1, fields: ["a", "b"]),
                .record(line: 2, number: 2, fields: ["c", "d"]),
                .record(line: 3, number: 3, fields: ["1", ""]),
            ])
    }

    @Test("LF and CRLF mixed in one file")
    func mixedLineBreaks() throws {
        #expect(
            try items("a,b\n1,2\r\n3,4\n\"5\"\r\n") == [
                .record(line: 1, number: 1, fields: ["a", "b"]),
                .record(line: 2, number: 2, fields: ["1", "2"]),
                .record(line: 3, number: 3, fields: ["3", "4"]),
                .record(line: 4, number: 4, fields: ["5"]),
            ])
    }

    @Test("the last record needs no line break")
    func noTrailingLineBreak() throws {
        #expect(try rows("a,b\n1,2") == [["a", "b"], ["1", "2"]])
        #expect(try rows("a,b\n1,") == [["a", "b"], ["1", ""]])
        #expect(try rows("a,b\n\"1\"") == [["a", "b"], ["1"]])
        #expect(try rows("a,b\n\"\"") == [["a", "b"], [""]])
        #expect(try rows("a\r") == [["a"]])
    }

    @Test("empty lines are skipped: they count for line numbers, not record numbers")
    func blankLines() throws {
        #expect(
            try items("a,b\n\n1,2\r\n\r\n3,4\n\n\n\r\n") == [
                .record(line: 1, number: 1, fields: ["a", "b"]),
                .record(line: 3, number: 2, fields: ["1", "2"]),
                .record(line: 5, number: 3, fields: ["3", "4"]),
            ])
        #expect(try items("").isEmpty)
        #expect(try items("\n\n\r\n").isEmpty)
        // A line with only a comma is not empty: it is two empty fields.
        #expect(try rows(",\n") == [["", ""]])
    }

    @Test("empty fields are empty strings")
    func emptyFields() throws {
        let text = "a,,b\n,\n,,\n\"\",x\n"
        #expect(try rows(text) == [["a", "", "b"], ["", ""], ["", "", ""], ["", "x"]])
        try CSVReader(.bytes(Array(text.utf8))).read(
            onRecord: { record in
                if record.number == 1 {
                    #expect(record.isEmpty(at: 0) == false)
                    #expect(record.isEmpty(at: 1))
                    #expect(record.withBytes(at: 1) { $0.count } == 0)
                }
            },
            onProblem: { Issue.record("unexpected \($0)") })
    }

    @Test("a line holding only \"\" is a record of one empty field, not a blank line")
    func onlyEmptyQuotes() throws {
        #expect(
            try items("a\n\"\"\nb\n") == [
                .record(line: 1, number: 1, fields: ["a"]),
                .record(line: 2, number: 2, fields: [""]),
                .record(line: 3, number: 3, fields: ["b"]),
            ])
    }

    @Test("spaces are data, quoted or not")
    func spacesPreserved() throws {
        #expect(try rows(" a , b,c \n\" x \",  \n") == [[" a ", " b", "c "], [" x ", "  "]])
    }

    @Test("text that looks like a spreadsheet formula comes out exactly as given")
    func formulaLikeText() throws {
        #expect(
            try rows("=SUM(A1),+1,-2,@cmd,\"=HYPERLINK(\"\"http://x\"\")\",\t3\n") == [
                ["=SUM(A1)", "+1", "-2", "@cmd", "=HYPERLINK(\"http://x\")", "\t3"]
            ])
    }

    @Test("multi-byte UTF-8 is read whole wherever the chunks split it", arguments: chunkSizes)
    func multiByteAcrossChunks(chunkSize: Int) throws {
        let text = "é,日本,😀\n\"café, 日本\n😀\",naïve\n"
        #expect(
            try rows(text, chunkSize: chunkSize) == [["é", "日本", "😀"], ["café, 日本\n😀", "naïve"]])
    }

    @Test("withBytes gives the unescaped bytes of a field")
    func rawBytes() throws {
        var seen: [[UInt8]] = []
        try CSVReader(.bytes(Array("\"a\"\"b\",é\n".utf8))).read(
            onRecord: { record in
                for index in 0..<record.fieldCount {
                    seen.append(record.withBytes(at: index) { Array($0) })
                }
            },
            onProblem: { Issue.record("unexpected \($0)") })
        #expect(seen == [[0x61, 0x22, 0x62], [0xC3, 0xA9]])
    }

    @Test("records with more fields and bytes than the buffers start with")
    func largeRecords() throws {
        let wide = (1...500).map(String.init)
        let long = String(repeating: "x", count: 200_000)
        #expect(
            try rows(wide.joined(separator: ",") + "\n\"" + long + "\",y\nz\n", chunkSize: 4096) == [
                wide, [long, "y"], ["z"],
            ])
    }

    // MARK: - Problems

    @Test("a quoted field that is never closed is reported with the line where it starts", arguments: chunkSizes)
    func unterminatedQuote(chunkSize: Int) throws {
        #expect(
            try items("a,b\n1,2\n3,\"four\nfive\n6,7\n", chunkSize: chunkSize) == [
                .record(line: 1, number: 1, fields: ["a", "b"]),
                .record(line: 2, number: 2, fields: ["1", "2"]),
                problem(
                    line: 3, number: 3,
                    "a quoted field that starts on line 3 is never closed (field 2): "
                        + "everything after its opening quote was read as part of it"),
            ])
        // The record starts on line 1, but its second quoted field opens on line 2.
        #expect(
            try items("\"x\ny\",\"z", chunkSize: chunkSize) == [
                problem(
                    line: 1, number: 1,
                    "a quoted field that starts on line 2 is never closed (field 2): "
                        + "everything after its opening quote was read as part of it")
            ])
    }

    @Test("a quote inside an unquoted field spoils that record only", arguments: chunkSizes)
    func quoteInUnquotedField(chunkSize: Int) throws {
        #expect(
            try items("a,b\nab\"c,d\nok,1\nx,y\"\nlast,2\n", chunkSize: chunkSize) == [
                .record(line: 1, number: 1, fields: ["a", "b"]),
                problem(
                    line: 2, number: 2,
                    "a quote inside an unquoted field (line 2, field 1): quote the whole field and double the quote"),
                .record(line: 3, number: 3, fields: ["ok", "1"]),
                problem(
                    line: 4, number: 4,
                    "a quote inside an unquoted field (line 4, field 2): quote the whole field and double the quote"),
                .record(line: 5, number: 5, fields: ["last", "2"]),
            ])
    }

    @Test("the rest of a spoiled record is still parsed to find where it ends")
    func recoveryRespectsQuotedLineBreaks() throws {
        #expect(
            try items("a\"b,\"multi\nline\"\nok\n") == [
                problem(
                    line: 1, number: 1,
                    "a quote inside an unquoted field (line 1, field 1): quote the whole field and double the quote"),
                .record(line: 3, number: 2, fields: ["ok"]),
            ])
    }

    @Test("text after a closing quote spoils that record only", arguments: chunkSizes)
    func textAfterClosingQuote(chunkSize: Int) throws {
        let advice = "put the whole field inside the quotes and double any quote in it"
        #expect(
            try items("\"ab\"c,d\nok\nx,\"y\" \n\"1\n2\"3\nend\n", chunkSize: chunkSize) == [
                problem(line: 1, number: 1, "text after the closing quote of a quoted field (line 1, field 1): \(advice)"),
                .record(line: 2, number: 2, fields: ["ok"]),
                problem(line: 3, number: 3, "text after the closing quote of a quoted field (line 3, field 2): \(advice)"),
                problem(line: 4, number: 4, "text after the closing quote of a quoted field (line 5, field 1): \(advice)"),
                .record(line: 6, number: 5, fields: ["end"]),
            ])
    }

    @Test("bytes that are not UTF-8 spoil that record only, naming the byte and its line", arguments: chunkSizes)
    func invalidUTF8(chunkSize: Int) throws {
        let bytes: [UInt8] =
            Array("a,".utf8) + [0xC3, 0x28] + Array("\nok,é\n\"x\ny".utf8) + [0xFF] + Array("\",z\n".utf8)
            // A two-byte sequence cut in half by a comma.
            + [0xC3] + Array(",".utf8) + [0xA9] + Array("\nend\n".utf8)
        #expect(
            try items(bytes, chunkSize: chunkSize) == [
                problem(line: 1, number: 1, "the text is not valid UTF-8 (byte 0xC3 on line 1, field 2): save the file as UTF-8"),
                .record(line: 2, number: 2, fields: ["ok", "é"]),
                problem(line: 3, number: 3, "the text is not valid UTF-8 (byte 0xFF on line 4, field 1): save the file as UTF-8"),
                problem(line: 5, number: 4, "the text is not valid UTF-8 (byte 0xC3 on line 5, field 1): save the file as UTF-8"),
                .record(line: 6, number: 5, fields: ["end"]),
            ])
    }

    @Test(
        "overlong forms, surrogates and code points past U+10FFFF are not UTF-8",
        arguments: [
            [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
            [0x80], [0xE6, 0x97], [0xF0, 0x9F, 0x98],
        ] as [[UInt8]])
    func strictUTF8(sequence: [UInt8]) throws {
        let found = try items(sequence + [0x0A])
        #expect(
            found == [
                problem(
                    line: 1, number: 1,
                    "the text is not valid UTF-8 (byte 0x\(String(format: "%02X", sequence[0])) on line 1, field 1): "
                        + "save the file as UTF-8")
            ])
    }

    @Test("a NUL byte spoils its record, quoted or not")
    func nulByte() throws {
        let message = "PostgreSQL text cannot hold it"
        #expect(
            try items([0x61, 0x00, 0x62, 0x2C, 0x63, 0x0A] + Array("ok\n\"x\n".utf8) + [0x00] + Array("\"\nend".utf8)) == [
                problem(line: 1, number: 1, "a NUL byte (line 1, field 1): \(message)"),
                .record(line: 2, number: 2, fields: ["ok"]),
                problem(line: 3, number: 3, "a NUL byte (line 4, field 1): \(message)"),
                .record(line: 5, number: 4, fields: ["end"]),
            ])
    }

    @Test("a carriage return with no line feed after it spoils its record")
    func loneCarriageReturn() throws {
        #expect(
            try items("a,b\rc\nok\n") == [
                problem(
                    line: 1, number: 1,
                    "a carriage return that is not followed by a line feed (line 1, field 2): "
                        + "end lines with LF or CRLF, or put the field inside quotes"),
                .record(line: 2, number: 2, fields: ["ok"]),
            ])
    }

    // MARK: - Chunks, files and the reader itself

    @Test("every chunk size gives the same records and problems")
    func chunkBoundaries() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Array("id,name,note\r\n1,\"Ann\",\"says \"\"hi\"\"\"\n\n2,\"multi\r\nline\",é日本😀\r\n".utf8)
        bytes += Array("3,b\"ad,x\n4,\"x\"y,z\n5,".utf8) + [0xC3, 0x28] + Array(",z\n6,,\n".utf8)
        bytes += Array("7,\"\",\"=SUM(A1)\"\r\n\r\n8,last,\"open\nnever closed".utf8)
        let expected = try items(bytes)
        try #require(expected.count == 9)
        for chunkSize in chunkSizes {
            #expect(try items(bytes, chunkSize: chunkSize) == expected, "chunk size \(chunkSize)")
        }
        #expect(
            expected[0...3] == [
                .record(line: 1, number: 1, fields: ["id", "name", "note"]),
                .record(line: 2, number: 2, fields: ["1", "Ann", "says \"hi\""]),
                .record(line: 4, number: 3, fields: ["2", "multi\r\nline", "é日本😀"]),
                problem(
                    line: 6, number: 4,
                    "a quote inside an unquoted field (line 6, field 2): quote the whole field and double the quote"),
            ])
        #expect(expected[6] == .record(line: 9, number: 7, fields: ["6", "", ""]))
        #expect(expected[7] == .record(line: 10, number: 8, fields: ["7", "", "=SUM(A1)"]))
        #expect(
            expected[8]
                == problem(
                    line: 12, number: 9,
                    "a quoted field that starts on line 12 is never closed (field 3): "
                        + "everything after its opening quote was read as part of it"))
    }

    @Test("a file is read in chunks, with its size known for progress", arguments: [3, 1 << 20])
    func realFile(chunkSize: Int) throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("carelog-csv-\(UUID().uuidString).csv").path
        let text = "id,name\r\n1,\"Ann\nLee\"\n2,Bob\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { unlink(path) }

        let reader = try CSVReader(.file(path: path), chunkSize: chunkSize)
        #expect(reader.totalBytes == text.utf8.count)
        #expect(reader.bytesRead == 0)
        var found: [Item] = []
        var progress: [Int] = []
        try reader.read(
            onRecord: { record in
                progress.append(reader.bytesRead)
                found.append(
                    .record(
                        line: record.line, number: record.number,
                        fields: (0..<record.fieldCount).map { record.string(at: $0) }))
            },
            onProblem: { Issue.record("unexpected \($0)") })
        #expect(
            found == [
                .record(line: 1, number: 1, fields: ["id", "name"]),
                .record(line: 2, number: 2, fields: ["1", "Ann\nLee"]),
                .record(line: 4, number: 3, fields: ["2", "Bob"]),
            ])
        #expect(reader.bytesRead == text.utf8.count)
        #expect(progress == progress.sorted() && progress.allSatisfy { $0 > 0 && $0 <= text.utf8.count })

        // The input is read once.
        var again = 0
        try reader.read(onRecord: { _ in again += 1 }, onProblem: { _ in again += 1 })
        #expect(again == 0)
    }

    @Test("a file that cannot be opened is a CarelogError naming it")
    func missingFile() throws {
        let path = "/nonexistent-\(UUID().uuidString)/visits.csv"
        let error = #expect(throws: CarelogError.self) { try CSVReader(.file(path: path)) }
        #expect(error?.category == .failure)
        #expect(error?.message == "cannot open \(path): No such file or directory")
        #expect(error?.suggestion != nil)

        let directory = FileManager.default.temporaryDirectory.path
        let directoryError = #expect(throws: CarelogError.self) { try CSVReader(.file(path: directory)) }
        #expect(directoryError?.message == "cannot open \(directory): it is a directory")
    }

    @Test("an error thrown by a callback stops the reading")
    func callbackErrorStops() throws {
        struct Stop: Error {}
        var seen = 0
        #expect(throws: Stop.self) {
            try CSVReader(.bytes(Array("a\nb\nc\n".utf8)), chunkSize: 2).read(
                onRecord: { record in
                    seen += 1
                    if record.number == 2 { throw Stop() }
                },
                onProblem: { _ in })
        }
        #expect(seen == 2)
    }

    @Test("bytes in memory report their size")
    func memoryProgress() throws {
        let reader = try CSVReader(.bytes(Array("a,b\n".utf8)))
        #expect(reader.totalBytes == 4)
        try reader.read(onRecord: { _ in }, onProblem: { _ in })
        #expect(reader.bytesRead == 4)
    }
}
