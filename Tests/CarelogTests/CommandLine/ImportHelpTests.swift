import Carelog
import Foundation
import Testing

/// `carelog import KIND --help` and the import formats of docs/imports.md, which must agree.
@Suite("import KIND --help")
struct ImportHelpTests {
    @Test("import patients --help lists the columns, what is required, the values and an example")
    func patientsHelp() throws {
        let result = try CarelogBinary.run(["import", "patients", "--help"])
        #expect(result.status == 0, "\(result)")
        #expect(result.error == "")
        // Every line within 100 columns.
        #expect(result.output.split(separator: "\n").allSatisfy { $0.count <= 100 })
        #expect(result.output == """
            carelog import patients FILE: one CSV file of patients, header row first.
            Any column order, names in any case; optional columns may be left out; an empty field is no value.

              Column                   Value
              mrn            required  a code, kept exactly (leading zeros included)
              first_name     required  text
              last_name      required  text
              date_of_birth  required  a date: YYYY-MM-DD or YYYY/MM/DD (DD/MM/YYYY or MM/DD/YYYY only with
                                       --date-order)
              gender         required  one of female, male, nonbinary, unknown (any case; also f, m, nb,
                                       non-binary, u)
              site_code      required  the site_code of one of the sites

            Example (patients.csv):
              mrn,first_name,last_name,date_of_birth,gender,site_code
              01000001,María José,Núñez,1985-03-14,female,S01

            """)
        // -h works too; an unknown kind still gets the usage error.
        #expect(try CarelogBinary.run(["import", "patients", "-h"]).output == result.output)
        #expect(try CarelogBinary.run(["import", "visits", "--help"]).output.hasPrefix("OVERVIEW: Import a CSV file"))
    }

    @Test("docs/imports.md documents every import format exactly as --help prints it")
    func readme() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("docs/imports.md"), encoding: .utf8)
        for kind in ImportOperation.kindNames {
            let help = try #require(ImportOperation.help(kind: kind))
            let body = help.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")
                .trimmingCharacters(in: .newlines)
            #expect(readme.contains("#### `\(kind)`\n\n```\n\(body)\n```\n"), "docs/imports.md section of \(kind)")
        }
    }
}
