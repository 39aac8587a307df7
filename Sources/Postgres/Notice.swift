import CLibPQ

/// A message the server sends beside a result (WARNING, NOTICE, INFO…), such as
/// "extension already exists, skipping". Passed to `Connection.noticeHandler`.
public struct Notice: Sendable {
    public var severity: String
    public var sqlState: SQLState?
    public var message: String
    public var detail: String?
    public var hint: String?

    init(result: OpaquePointer) {
        let fields = PostgresError(result: result)
        severity = fields.severity ?? "NOTICE"
        sqlState = fields.sqlState
        message = fields.message
        detail = fields.detail
        hint = fields.hint
    }
}

/// Box handed to libpq as the notice receiver's argument. The connection keeps it
/// alive for as long as the `PGconn` exists.
final class NoticeSink {
    var handler: ((Notice) -> Void)?
}

let noticeReceiver: PQnoticeReceiver = { argument, result in
    guard let argument, let result else { return }
    let sink = Unmanaged<NoticeSink>.fromOpaque(argument).takeUnretainedValue()
    sink.handler?(Notice(result: result))
}
