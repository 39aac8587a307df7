import CLibPQ

/// Feeds the data of a `COPY … FROM STDIN` to the server, chunk by chunk.
public struct CopyInWriter {
    let connection: OpaquePointer
    let owner: Connection

    /// Sends bytes; they need not end on a row boundary.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > 0 else { return }
        let sent = PQputCopyData(
            connection, bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
        if sent != 1 {
            throw owner.lostConnectionError()
        }
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }
}

extension Connection {
    /// Runs a `COPY … FROM STDIN` statement and streams what `produce` writes.
    ///
    /// When `produce` throws, the COPY is aborted (nothing it sent is kept) and the
    /// error is rethrown. Returns the number of rows the server stored.
    @discardableResult
    public func copyIn(_ statement: SQLQuery, _ produce: (CopyInWriter) throws -> Void) throws -> Int {
        let connection = try liveHandle()
        let start = withOptionalCStringArray(statement.parameters) { values in
            PQexecParams(connection, statement.sql, Int32(statement.parameters.count), nil, values, nil, nil, 0)
        }
        _ = try check(start, expecting: [PGRES_COPY_IN])
        do {
            try produce(CopyInWriter(connection: connection, owner: self))
        } catch {
            _ = PQputCopyEnd(connection, "carelog stopped sending data")
            drainResults(connection)
            throw error
        }
        guard PQputCopyEnd(connection, nil) == 1 else {
            throw lostConnectionError()
        }
        return try finishCopy(connection)
    }

    /// Runs a `COPY … TO STDOUT` statement and hands each chunk (one row in text or
    /// CSV format) to `consume` as it arrives, so memory stays flat whatever the
    /// size. When `consume` throws, the server is asked to cancel, the rest is
    /// discarded and the error rethrown. Returns the number of rows copied.
    @discardableResult
    public func copyOut(_ statement: SQLQuery, _ consume: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        let connection = try liveHandle()
        let start = withOptionalCStringArray(statement.parameters) { values in
            PQexecParams(connection, statement.sql, Int32(statement.parameters.count), nil, values, nil, nil, 0)
        }
        _ = try check(start, expecting: [PGRES_COPY_OUT])
        var consumerError: Error?
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(connection, &buffer, 0)
            if length > 0, let buffer {
                defer { PQfreemem(buffer) }
                if consumerError == nil {
                    do {
                        try consume(UnsafeRawBufferPointer(start: buffer, count: Int(length)))
                    } catch {
                        consumerError = error
                        cancelRunningStatement(connection)
                    }
                }
            } else if length == -1 {
                break
            } else {
                // -2: the connection failed in the middle of the COPY.
                if let consumerError { throw consumerError }
                throw lostConnectionError()
            }
        }
        if let consumerError {
            drainResults(connection)
            throw consumerError
        }
        return try finishCopy(connection)
    }

    /// Reads the results that follow a COPY and returns its row count.
    private func finishCopy(_ connection: OpaquePointer) throws -> Int {
        var rowCount = 0
        var failure: Error?
        while let result = PQgetResult(connection) {
            do {
                let checked = try check(result, expecting: [PGRES_COMMAND_OK])
                rowCount = checked.affectedRows ?? 0
            } catch {
                if failure == nil { failure = error }
            }
        }
        if let failure { throw failure }
        return rowCount
    }

    private func drainResults(_ connection: OpaquePointer) {
        while let result = PQgetResult(connection) {
            PQclear(result)
        }
    }

    /// Asks the server to stop the statement in progress (a separate, short
    /// connection, as libpq's cancel protocol works).
    private func cancelRunningStatement(_ connection: OpaquePointer) {
        guard let cancel = PQgetCancel(connection) else { return }
        defer { PQfreeCancel(cancel) }
        var errorBuffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &errorBuffer, Int32(errorBuffer.count))
    }
}
