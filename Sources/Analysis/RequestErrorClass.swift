import IncidentModel
import Signals

/// Which requests of a request counter failed, for the error share of ``TrafficChange``: read
/// from the label the counters carry, by the protocol's own convention, so a gRPC service is
/// not reported as having "0% 5xx" while its calls fail.
///
/// Chosen once per matrix, in this order, by the first label any series has:
/// - an HTTP status (`code`, `status`, `status_code`, `http_status_code`,
///   `http_response_status_code`, `http_status`): a value starting with `5` is a server error;
/// - a gRPC status (`grpc_code`, as go-grpc-prometheus and grpc-java write it, or
///   `rpc_grpc_status_code`, OpenTelemetry's numeric attribute): the codes OpenTelemetry's
///   semantic conventions count as errors of a gRPC server, `Unknown` (2), `DeadlineExceeded`
///   (4), `Unimplemented` (12), `Internal` (13), `Unavailable` (14), `DataLoss` (15); a
///   client's mistake (`NotFound`, `InvalidArgument`, …) is not, as a 4xx is not;
/// - with neither, the availability SLO's bad-event selector, the authors' own definition
///   (`result="failed"`).
///
/// With none of these there is no error share (nil), never a share of 0.
public enum RequestErrorClass: Sendable, Hashable, Codable {
    case httpServerErrors(label: String)
    case grpcServerErrors(label: String)
    case sloBadEvents(LabelSelector)

    /// HTTP status labels, in the order they are looked for.
    static let httpLabels = ["code", "status", "status_code", "http_status_code", "http_response_status_code", "http_status"]
    /// gRPC status labels, in the order they are looked for.
    static let grpcLabels = ["grpc_code", "rpc_grpc_status_code"]
    /// The gRPC server-error codes, by name and by number.
    static let grpcServerErrorCodes: Set<String> = ["Unknown", "DeadlineExceeded", "Unimplemented", "Internal", "Unavailable", "DataLoss",
                                                    "UNKNOWN", "DEADLINE_EXCEEDED", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
                                                    "2", "4", "12", "13", "14", "15"]

    /// The class for `series`; `bad` is the availability SLO's selector, when there is one.
    public static func of(_ series: [MetricSeries], bad: LabelSelector? = nil) -> RequestErrorClass? {
        func present(_ names: [String]) -> String? {
            names.first { name in series.contains { $0.labels[name] != nil } }
        }
        if let label = present(httpLabels) { return .httpServerErrors(label: label) }
        if let label = present(grpcLabels) { return .grpcServerErrors(label: label) }
        return bad.map(RequestErrorClass.sloBadEvents)
    }

    /// The failed requests as label matchers: `code=~"5.*"`,
    /// `grpc_code=~"Unknown|DeadlineExceeded|…"`, or the SLO's selector. An error-ratio rule
    /// without a `bad` of its own or of its SLO counts these (``GateVerdict``).
    public var selector: LabelSelector {
        switch self {
        case .httpServerErrors(let label):
            return try! LabelSelector(parsing: "\(label)=~\"5.*\"")  // a label of ``httpLabels``: always parses
        case .grpcServerErrors(let label):
            return try! LabelSelector(parsing: "\(label)=~\"\(Self.grpcServerErrorCodes.sorted().joined(separator: "|"))\"")
        case .sloBadEvents(let selector):
            return selector
        }
    }

    /// Whether requests with `labels` failed.
    public func isError(_ labels: [String: String]) -> Bool {
        switch self {
        case .httpServerErrors(let label): return labels[label]?.hasPrefix("5") ?? false
        case .grpcServerErrors(let label): return labels[label].map(Self.grpcServerErrorCodes.contains) ?? false
        case .sloBadEvents(let selector): return selector.matches(labels)
        }
    }

    /// What the share is of, for a figure's meaning and the evidence table: `5xx`,
    /// `gRPC server errors`, `bad events (result="failed")`.
    public var name: String {
        switch self {
        case .httpServerErrors: return "5xx"
        case .grpcServerErrors: return "gRPC server errors"
        case .sloBadEvents(let selector): return "bad events (\(selector))"
        }
    }

    /// The evidence table's name for the share: `5xx share`, `gRPC server-error share`,
    /// `Bad-event share (result="failed")`.
    public var shareLabel: String {
        switch self {
        case .httpServerErrors: return "5xx share"
        case .grpcServerErrors: return "gRPC server-error share"
        case .sloBadEvents(let selector): return "Bad-event share (\(selector))"
        }
    }
}
