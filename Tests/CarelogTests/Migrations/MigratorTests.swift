import Carelog
import Postgres
import Testing

extension DatabaseTests {
    @Suite("migrations")
    struct MigratorTests {
        @Test("a fresh database gets every migration once; a second run applies nothing")
        func freshThenRepeated() throws {
            let database = try TestDatabase(migrated: false)
            let connection = try database.connect()
            let migrator = try Migrator.embedded()
            #expect(try migrator.status(connection).allSatisfy { $0.state == .pending })
            let applied = try migrator.migrate(connection)
            #expect(applied.map(\.name) == migrator.migrations.map(\.name))
            #expect(try migrator.migrate(connection).isEmpty)
            #expect(try migrator.isCurrent(connection))
            let recorded = try connection.query("SELECT name, checksum FROM carelog.schema_migration ORDER BY version")
            #expect(try recorded.map { try $0.decode("name", as: String.self) } == migrator.migrations.map(\.name))
            #expect(try recorded.map { try $0.decode("checksum", as: String.self) } == migrator.migrations.map(\.checksum))
        }

        @Test("an applied migration whose text changed is refused, naming the file")
        func tamperedMigration() throws {
            let database = try TestDatabase()
            let connection = try database.connect()
            let original = try Migration.embedded()
            var edited = original
            edited[0] = try Migration(name: original[0].name, sql: original[0].sql + "\n-- a quiet edit\n")
            let error = #expect(throws: CarelogError.self) { try Migrator(migrations: edited).migrate(connection) }
            #expect(error?.message.hasPrefix("migration \(original[0].name) was edited after it was applied") == true)
            #expect(throws: CarelogError.self) { try Migrator(migrations: edited).status(connection) }
        }

        @Test("a database migrated by a newer carelog is refused")
        func unknownMigration() throws {
            let database = try TestDatabase()
            let connection = try database.connect()
            try connection.query("INSERT INTO carelog.schema_migration (version, name, checksum) VALUES (999, '999_future.sql', 'x')")
            let error = #expect(throws: CarelogError.self) { try Migrator.embedded().migrate(connection) }
            #expect(error?.message == "the database has migration 999_future.sql, which this build of carelog does not know")
        }

        @Test("a migration that fails half way is rolled back whole and not recorded")
        func failingMigration() throws {
            let database = try TestDatabase()
            let connection = try database.connect()
            let broken = try Migration(name: "998_broken.sql", sql: """
                CREATE TABLE carelog.half_done (id integer);
                INSERT INTO carelog.half_done VALUES (1);
                SELECT 1 / 0;
                """)
            let migrator = Migrator(migrations: try Migration.embedded() + [broken])
            let error = #expect(throws: CarelogError.self) { try migrator.migrate(connection) }
            #expect(error?.message.hasPrefix("migration 998_broken.sql failed and was rolled back") == true)
            #expect(error?.message.contains("division by zero") == true)
            #expect(try connection.scalar("SELECT to_regclass('carelog.half_done')") == nil)
            #expect(try connection.scalar("SELECT count(*) FROM carelog.schema_migration WHERE version = 998") == "0")
            #expect(try migrator.status(connection).last?.state == .pending)
        }

        @Test("migration file names must be NNN_name.sql")
        func fileNames() throws {
            #expect(throws: CarelogError.self) { try Migration(name: "1_schema.sql", sql: "") }
            #expect(throws: CarelogError.self) { try Migration(name: "001schema.sql", sql: "") }
            #expect(try Migration(name: "012_more.sql", sql: "").version == 12)
        }
    }
}
