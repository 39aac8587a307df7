import Carelog
import Foundation
import Testing

extension DatabaseTests {
    @Suite("import limits")
    struct ImportLimitTests {
        @Test("header problems are capped like row problems: 50, then a count")
        func headerProblemsCapped() throws {
            let database = try TestDatabase()
            // 60 unknown columns, and the 6 required columns of patients missing: 66 problems.
            let header = (1...60).map { "extra\($0)" }.joined(separator: ",")
            let error = #expect(throws: CarelogError.self) { try importCSV("patients", header, into: database) }
            #expect(error?.exitCode == 3)
            #expect(error?.message == "the patients import was refused: 66 problems")
            let lines = (error?.suggestion ?? "").split(separator: "\n").map(String.init)
            #expect(lines.count == 52)
            #expect(lines.first?.hasPrefix("line 1, column extra1: is not a column of patients") == true, "\(lines.first ?? "")")
            #expect(lines.dropFirst(49).first?.hasPrefix("line 1, column extra50: is not a column of patients") == true)
            #expect(lines.dropFirst(50).first == "… and 16 more problems")
            #expect(lines.last == "Correct the file and import it again; nothing was written.")
        }

        @Test("a field over 1 MiB refuses the import, naming its line; nothing is written")
        func longField() throws {
            let database = try TestDatabase()
            try importCSV("sites", "site_code,name,timezone\nNYC,New York House,America/New_York", into: database)
            let csv = "mrn,first_name,last_name,date_of_birth,gender,site_code\n00912,Fay,Moss,1990-04-01,female,NYC\n00913,"
                + String(repeating: "G", count: (1 << 20) + 1) + ",Hale,1985-11-30,male,NYC"
            let problems = refusedImport("patients", csv, into: database)
            #expect(problems == [
                "line 3: a field longer than 1 MiB (line 3, field 2): no value of a carelog file is that long; "
                    + "look for a quote that is never closed",
            ])
            let connection = try database.connect()
            defer { connection.close() }
            #expect(try connection.count("carelog.patient") == 0)
        }
    

        @Test("import patients /dev/zero (NULs without end) and one endless record are refused within the record limit, naming the line", .timeLimit(.minutes(TestTimeLimit.minutes)))
        func endlessRecord() throws {
            let database = try TestDatabase()
            try importCSV("sites", "site_code,name,timezone\nNYC,New York House,America/New_York", into: database)
            let zero = try CarelogBinary.run(["import", "patients", "/dev/zero"] + database.databaseArguments, timeout: 50)
            #expect(zero.status == 3, "\(zero)")
            #expect(zero.errorLines.contains(
                "line 1: a NUL byte (line 1, field 1): PostgreSQL text cannot hold it; the record did not end within 4 MiB, "
                    + "so nothing after it was read"), "\(zero)")
            // A header, then a quote that opens a field on line 2 and never closes: 6 MiB
            // of one record; its line is named and nothing past the limit is read.
            let endless = "mrn,first_name,last_name,date_of_birth,gender,site_code\n\"" + String(repeating: "x,", count: 3 << 20)
            #expect(refusedImport("patients", endless, into: database) == [
                "line 2: a field longer than 1 MiB (line 2, field 1): no value of a carelog file is that long; "
                    + "look for a quote that is never closed; the record did not end within 4 MiB, so nothing after it was read",
            ])
            let connection = try database.connect()
            defer { connection.close() }
            #expect(try connection.count("carelog.patient") == 0)
        }
    }
}
