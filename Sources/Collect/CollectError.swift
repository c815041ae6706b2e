/// Why one query, or the collect as a whole, failed: printed as one line each.
public struct CollectError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The signal file the query was for, when there is one.
    public var path: String?
    /// The PromQL expression, when the failure belongs to one query.
    public var query: String?
    public var message: String

    public init(path: String? = nil, query: String?, message: String) {
        self.path = path
        self.query = query
        self.message = message
    }

    /// `signals/x.prom.json: query `up`: the server answered 400: bad_data: …`.
    public var description: String {
        var text = ""
        if let path { text += "\(path): " }
        if let query { text += "query `\(query)`: " }
        return text + message
    }
}
