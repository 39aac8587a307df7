import Carelog
import Foundation
import Postgres
import Testing

extension DatabaseTests {
    @Suite("seed: outcome measures")
    struct SeedMeasureTests {
        @Test("every seeded episode has admission measures; discharges have theirs but for the lost and the dead")
        func seeded() throws {
            let database = try TestDatabase()
            try SeedTests.seed(database, months: 1)
            let connection = try database.connect()
            defer { connection.close() }
            #expect(try connection.scalar("""
                SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM carelog.outcome_measure m
                                                          WHERE m.episode_id = e.id AND m.time_point = 'admission'))
                  FROM carelog.episode e
                """) == "0")
            // A discharge row only for a discharged episode, never for a death; every
            // completed or transferred discharge has one.
            #expect(try connection.scalar("""
                SELECT count(*) FROM carelog.outcome_measure m JOIN carelog.episode e ON e.id = m.episode_id
                 WHERE m.time_point = 'discharge' AND (e.discharged_on IS NULL OR e.discharge_reason = 'death')
                """) == "0")
            #expect(try connection.scalar("""
                SELECT count(*) FROM carelog.episode e
                 WHERE e.discharge_reason IN ('completed', 'transferred')
                   AND NOT EXISTS (SELECT 1 FROM carelog.outcome_measure m WHERE m.episode_id = e.id AND m.time_point = 'discharge')
                """) == "0")
            // Daily use is the commonest frequency at admission, no use the commonest at discharge.
            #expect(try connection.scalar("""
                SELECT mode() WITHIN GROUP (ORDER BY use_frequency) FROM carelog.outcome_measure WHERE time_point = 'admission'
                """) == "3")
            #expect(try connection.scalar("""
                SELECT mode() WITHIN GROUP (ORDER BY use_frequency) FROM carelog.outcome_measure WHERE time_point = 'discharge'
                """) == "1")
        }
    }
}
