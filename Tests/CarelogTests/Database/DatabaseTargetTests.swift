import Carelog
import Foundation
import Testing

@Suite("which database a command uses")
struct DatabaseTargetTests {
    @Test("--database wins over everything")
    func optionFirst() {
        let target = DatabaseTarget.resolve(
            option: "dbname=one", environment: ["CARELOG_DATABASE": "dbname=two", "PGHOST": "elsewhere"])
        #expect(target.source == .option)
        #expect(target.connectionString == "dbname=one")
        #expect(target.localCluster == nil)
    }

    @Test("then CARELOG_DATABASE")
    func carelogEnvironment() {
        let target = DatabaseTarget.resolve(option: nil, environment: ["CARELOG_DATABASE": "dbname=two", "PGHOST": "elsewhere"])
        #expect(target.source == .carelogEnvironment)
        #expect(target.connectionString == "dbname=two")
    }

    @Test("then libpq's own PG* settings, each of which selects a server", arguments: DatabaseTarget.libpqSelectingVariables)
    func libpqEnvironment(variable: String) {
        let target = DatabaseTarget.resolve(option: nil, environment: [variable: "x", "HOME": "/home/someone"])
        #expect(target.source == .libpqEnvironment)
        #expect(target.connectionString == "")
        #expect(target.overrides.isEmpty)
    }

    @Test("PGPASSWORD or an empty PGHOST alone does not pick a server: the local default is used")
    func localDefault() {
        let target = DatabaseTarget.resolve(
            option: nil, environment: ["PGPASSWORD": "secret", "PGHOST": "", "CARELOG_DATABASE": "", "HOME": "/home/someone"])
        #expect(target.source == .localDefault)
        #expect(target.localCluster?.home.path == "/home/someone/.local/share/carelog")
        #expect(target.overrides["host"] == "/home/someone/.local/share/carelog/run")
        #expect(target.overrides["dbname"] == "carelog")
    }

    @Test("CARELOG_HOME moves the local database")
    func carelogHome() {
        let target = DatabaseTarget.resolve(option: nil, environment: ["CARELOG_HOME": "/srv/carelog", "HOME": "/home/someone"])
        #expect(target.localCluster?.home.path == "/srv/carelog")
        #expect(target.localCluster?.dataDirectory.path == "/srv/carelog/pgdata")
    }
}
