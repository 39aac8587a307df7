import Foundation
import Postgres
import Testing

@testable import Carelog

/// HMAC-SHA-256 test cases 1, 2, 3, 4, 6 and 7 of RFC 4231 (section 4), written out
/// from the RFC's text. Case 5 is left out: it checks a truncated output, which
/// pseudonyms do not use as such.
enum RFC4231 {
    struct Vector: Sendable, CustomStringConvertible {
        var number: Int
        var key: [UInt8]
        var data: [UInt8]
        /// HMAC-SHA-256, 32 bytes in hex.
        var mac: String

        var description: String { "RFC 4231 test case \(number)" }
        /// The data as text, when it is (a pseudonym is computed from an MRN's UTF-8).
        var text: String? { String(validating: data, as: UTF8.self) }
        /// The pseudonym the RFC's answer gives: "P-" and the first 8 bytes.
        var pseudonym: String { "P-" + mac.prefix(16) }
    }

    static let vectors: [Vector] = [
        Vector(number: 1, key: [UInt8](repeating: 0x0B, count: 20), data: Array("Hi There".utf8),
               mac: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        Vector(number: 2, key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
               mac: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        Vector(number: 3, key: [UInt8](repeating: 0xAA, count: 20), data: [UInt8](repeating: 0xDD, count: 50),
               mac: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        Vector(number: 4, key: Array(0x01...0x19), data: [UInt8](repeating: 0xCD, count: 50),
               mac: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        Vector(number: 6, key: [UInt8](repeating: 0xAA, count: 131),
               data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
               mac: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        Vector(number: 7, key: [UInt8](repeating: 0xAA, count: 131),
               data: Array(("This is a test using a larger than block-size key and a larger than block-size data. "
                   + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
               mac: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    /// Lower-case hex, written here rather than borrowed from the code under test.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] })
    }
}

@Suite("pseudonym HMAC against RFC 4231")
struct HMACKnownAnswerTests {
    @Test("the HMAC a pseudonym is cut from gives the RFC's answer", arguments: RFC4231.vectors)
    func swiftPath(vector: RFC4231.Vector) {
        let code = Pseudonymizer.authenticationCode(key: Data(vector.key), message: Data(vector.data))
        #expect(RFC4231.hex(code) == vector.mac)
    }

    @Test("a pseudonym is P- and the first 16 hex digits of the RFC's answer",
          arguments: RFC4231.vectors.filter { $0.key.count >= 16 && $0.text != nil })
    func pseudonym(vector: RFC4231.Vector) throws {
        let pseudonymizer = try Pseudonymizer(key: Data(vector.key))
        #expect(pseudonymizer.pseudonym(for: vector.text ?? "") == vector.pseudonym)
    }

    @Test("case 2's four-byte key is refused as a pseudonym key (at least 16 bytes)")
    func shortKey() {
        let error = #expect(throws: CarelogError.self) { try Pseudonymizer(key: Data("Jefe".utf8)) }
        #expect(error?.exitCode == 2)
        #expect(error?.message == "the pseudonym key is too short (4 bytes; at least 16)")
    }
}

extension DatabaseTests {
    @Suite("pseudonym HMAC in SQL against RFC 4231")
    struct SQLHMACKnownAnswerTests {
        /// The export's formula: the key's pads (HMACPads) and the server's sha256().
        @Test("HMACPads and PostgreSQL's sha256() give the RFC's answer", arguments: RFC4231.vectors)
        func pads(vector: RFC4231.Vector) throws {
            let database = try TestDatabase()
            let connection = try database.connect()
            defer { connection.close() }
            let pads = HMACPads(key: Data(vector.key))
            let mac = try connection.scalar("""
                SELECT encode(sha256(decode(\(pads.outerHex), 'hex') || sha256(decode(\(pads.innerHex), 'hex')
                              || decode(\(RFC4231.hex(vector.data)), 'hex'))), 'hex')
                """)
            #expect(mac == vector.mac)
        }

        /// The whole way: patients whose MRNs are the RFC's messages, exported
        /// de-identified with the RFC's keys; the pseudonyms in patients.csv are the
        /// first 8 bytes of the RFC's answers.
        @Test("a de-identified export writes the RFC's answers as pseudonyms (cases 1, 6 and 7)")
        func export() throws {
            let database = try TestDatabase()
            let messages = [1, 6, 7].map { number in RFC4231.vectors.first { $0.number == number }! }
            try importCSV("sites", "site_code,name,timezone\nNYC,New York House,America/New_York", into: database)
            try importCSV("patients", "mrn,first_name,last_name,date_of_birth,gender,site_code\n"
                + messages.map { "\($0.text!),Ann,Lee,1990-01-01,female,NYC" }.joined(separator: "\n"), into: database)
            try importCSV("episodes", "mrn,admitted_on,level_of_care,discharged_on,discharge_reason\n"
                + messages.map { "\($0.text!),2026-10-01,3.5,," }.joined(separator: "\n"), into: database)

            for (key, cases) in [(messages[0].key, [messages[0]]), (messages[1].key, [messages[1], messages[2]])] {
                let folder = ScratchFolder.url("rfc4231")
                defer { try? FileManager.default.removeItem(at: folder) }
                let (console, _) = Console.recording()
                try ExportOperation.export(
                    target: database.target, from: "2026-10-01", to: "2026-10-31", site: nil, directory: folder.path,
                    pseudonymizer: try Pseudonymizer(key: Data(key)), console: console)
                let patients = String(decoding: try Data(contentsOf: folder.appendingPathComponent("patients.csv")), as: UTF8.self)
                let lines = patients.split(separator: "\n").map(String.init)
                #expect(lines.first == "mrn,gender,site_code")
                #expect(lines.count == 4)
                for vector in cases {
                    #expect(lines.contains("\(vector.pseudonym),female,NYC"), "\(vector)")
                }
            }
        }
    }
}
