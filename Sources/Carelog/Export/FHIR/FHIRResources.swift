import Postgres

/// The resource types of the FHIR R4 export (`carelog export --format fhir`, docs/fhir.md)
/// and the statement that writes each one's NDJSON.
///
/// Every resource is built by PostgreSQL, one JSON text per row, by the statement
/// `queries/fhir/NAME.sql` (composed with the blocks it declares, as the CSV files
/// are: see `ExportStatement`); Swift only streams the lines into the files. The rows
/// are those of the CSV export of the same period, site and privacy mode (the same
/// blocks choose them), so the two formats of one period hold the same records.
enum FHIRResources {
    struct Resource: Sendable {
        /// The FHIR resource type, e.g. `Encounter`.
        let type: String
        /// The stored query's name under `queries/fhir/`, e.g. `encounter`.
        let name: String
        /// The SELECT with its WITH clause; one column, the resource's JSON text.
        let select: String

        /// `Encounter.ndjson`: the Bulk Data file name of the type.
        var fileName: String { type + ".ndjson" }
    }

    /// The resource types in the order they are written, each with its file under
    /// `queries/fhir/`: what others refer to before what refers to them.
    static let types: [(type: String, name: String)] = [
        ("Organization", "organization"), ("Location", "location"), ("Practitioner", "practitioner"),
        ("PractitionerRole", "practitioner-role"), ("Patient", "patient"), ("EpisodeOfCare", "episode-of-care"),
        ("CareTeam", "care-team"), ("Goal", "goal"), ("CarePlan", "care-plan"), ("Group", "group"),
        ("Encounter", "encounter"), ("Observation", "observation"), ("Consent", "consent"),
    ]

    /// Every resource type's statement in `mode`.
    static func all(mode: ExportStatement.Mode) -> [Resource] {
        types.map { Resource(type: $0.type, name: $0.name, select: ExportStatement.composed(path: "fhir/" + $0.name, mode: mode)) }
    }

    /// The identifier system of MRNs when `--mrn-system` is not given.
    static let defaultMRNSystem = "urn:carelog:mrn"

    /// Streams one resource type into its file: `COPY (SELECT …) TO STDOUT` in CSV form
    /// with a quote and a delimiter character (0x01, 0x02) that a JSON text never holds
    /// raw (PostgreSQL escapes every control character of a string as `\u00XX`), so each
    /// row arrives as the JSON text itself and a line feed: no field is ever quoted or
    /// escaped, and the bytes go to the file as they come. Returns the manifest's entry.
    static func copy(_ resource: Resource, connection: Connection, into bundle: StagedOutput) throws -> ExportManifest.File {
        let file = try bundle.create(resource.fileName)
        var lines = 0
        let rows = try connection.copyOut(
            SQLQuery(unsafeSQL: "COPY (\(resource.select)) TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')")
        ) { chunk in
            lines += 1
            try file.append(chunk)
        }
        let digest = try file.finish()
        guard lines == rows else {
            throw CarelogError(.failure, "\(resource.fileName): the server reported \(rows) resources but sent \(lines)")
        }
        return ExportManifest.File(name: resource.fileName, columns: [], rows: rows, sha256: digest)
    }
}
