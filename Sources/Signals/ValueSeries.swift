/// A simple time series read from CSV or JSON lines: e.g. one response size per call.
public struct ValueSeries: Sendable, Hashable, Codable {
    /// One observation: when, and the value in `unit`.
    public struct Point: Sendable, Hashable, Codable {
        /// Unix time in seconds.
        public var time: Double
        public var value: Double
        /// Other columns of the row (e.g. `service`, `endpoint`), as text.
        public var labels: [String: String]

        public init(time: Double, value: Double, labels: [String: String] = [:]) {
            self.time = time
            self.value = value
            self.labels = labels
        }
    }

    /// The value column's name, e.g. `response_bytes`.
    public var name: String
    /// The value's unit, e.g. `bytes`, `seconds`.
    public var unit: String
    /// Points sorted by time.
    public var points: [Point]

    public init(name: String, unit: String, points: [Point]) {
        self.name = name
        self.unit = unit
        self.points = points
    }
}
