import Foundation
import Postgres

/// Writes a disclosure into `carelog.disclosure` and `carelog.disclosure_patient`, in
/// the transaction that records the run and publishes the bundle, so that there is
/// never a bundle that left without its record, nor a record without its bundle.
enum DisclosureRecord {
    struct File: Encodable {
        var name: String
        var sha256: String
        var rows: Int?
    }

    /// Who the bundle's patients are: the export's surrogate ids (an array literal, as
    /// the export kept them), or the MRNs of a report bundle.
    enum Patients {
        case ids(arrayLiteral: String)
        case mrns([String])
    }

    @discardableResult
    static func record(
        _ connection: Connection, request: DisclosureRequest, command: String, actingStaff: String?,
        privacy: PrivacyOptions.Mode, periodFrom: String?, periodTo: String?, site: String?, patientsExcluded: Int,
        manifestSHA256: String, files: [File], patients: Patients
    ) throws -> Int64 {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let filesJSON = String(decoding: try encoder.encode(files), as: UTF8.self)
        let id = try connection.query(StoredQuery.named(
            "disclosure/record", actingStaff, command, request.recipient, request.purpose, request.basis.rawValue,
            privacy.rawValue, periodFrom, periodTo, site, patientsExcluded, manifestSHA256, filesJSON
        ))[0].decode("id", as: Int64.self)
        switch patients {
        case .ids(let literal):
            try connection.query(StoredQuery.named("disclosure/record_patients", id, literal))
        case .mrns(let mrns):
            let json = String(decoding: try encoder.encode(mrns), as: UTF8.self)
            try connection.query(StoredQuery.named("disclosure/record_patients_by_mrn", id, json))
        }
        return id
    }
}
