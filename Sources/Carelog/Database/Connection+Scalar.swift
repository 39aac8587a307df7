import Postgres

extension Connection {
    func scalarBool(_ query: SQLQuery) throws -> Bool {
        try self.query(query).first?.decode("ok", as: Bool.self) ?? false
    }
}
