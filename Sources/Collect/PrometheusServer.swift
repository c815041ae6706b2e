import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Signals

/// A server that answers the Prometheus HTTP API (Prometheus, Thanos, Mimir, VictoriaMetrics),
/// asked through Foundation's `URLSession`: `POST /api/v1/query_range` with form parameters, as
/// Prometheus' own clients send it, and `GET /api/v1/status/buildinfo` for its version.
public struct PrometheusServer: Sendable {
    /// The base URL as given, e.g. `http://127.0.0.1:9090` or `https://prom.example.com/prometheus/`.
    public let url: URL
    /// Extra request headers, e.g. `Authorization: Bearer …`; never written anywhere.
    public let headers: [(name: String, value: String)]
    /// Seconds a request may take from start to end.
    public let timeout: Double

    public init(url: URL, headers: [(name: String, value: String)] = [], timeout: Double = 30) {
        self.url = url
        self.headers = headers
        self.timeout = timeout
    }

    /// A base URL from text, or why it is not one (it must be absolute http or https).
    public static func baseURL(_ text: String) -> Result<URL, CollectError> {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              url.host != nil else {
            return .failure(CollectError(query: nil, message: "--prometheus must be an http or https URL like http://127.0.0.1:9090, found `\(text)`"))
        }
        return .success(url)
    }

    /// The URL without user, password, query or fragment: what provenance records.
    public var publicURL: String {
        guard var parts = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url.absoluteString }
        parts.user = nil
        parts.password = nil
        parts.query = nil
        parts.fragment = nil
        return parts.string ?? url.absoluteString
    }

    /// `version` from `/api/v1/status/buildinfo`; nil when the server answers but does not say
    /// (some compatible servers do not implement it). Throws when the server cannot be reached.
    public func version() async throws(CollectError) -> String? {
        var request = self.request(endpoint: "api/v1/status/buildinfo")
        request.httpMethod = "GET"
        let (status, body) = try await send(request, query: nil)
        guard status == 200 else { return nil }
        struct BuildInfo: Decodable {
            struct Data: Decodable { var version: String? }
            var data: Data?
        }
        return (try? JSONDecoder().decode(BuildInfo.self, from: body))?.data?.version
    }

    /// The body of the answer to one range query, when the server answered 200 with
    /// `status: success`; otherwise an error with Prometheus' `errorType` and `error`.
    public func queryRange(_ q: RangeQuery) async throws(CollectError) -> Data {
        var request = self.request(endpoint: "api/v1/query_range")
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = q.formBody
        let (status, body) = try await send(request, query: q.query)
        if let failure = PrometheusJSON.errorAnswer(body) {
            throw CollectError(query: q.query, message: "the server answered \(status): \(failure.type): \(failure.message)")
        }
        guard (200..<300).contains(status) else {
            let text = String(decoding: body.prefix(200), as: UTF8.self).split(whereSeparator: \.isNewline).joined(separator: " ")
            throw CollectError(query: q.query, message: "the server answered HTTP \(status)\(text.isEmpty ? "" : ": \(text)")")
        }
        return body
    }

    private func request(endpoint: String) -> URLRequest {
        var request = URLRequest(url: url.appendingPathComponent(endpoint), timeoutInterval: timeout)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        // Credentials in the URL become a Basic header, as curl and Prometheus' clients send them.
        if let user = url.user, !headers.contains(where: { $0.name.lowercased() == "authorization" }) {
            let pair = (user.removingPercentEncoding ?? user) + ":" + ((url.password?.removingPercentEncoding) ?? "")
            request.setValue("Basic " + Data(pair.utf8).base64EncodedString(), forHTTPHeaderField: "Authorization")
        }
        for header in headers { request.setValue(header.value, forHTTPHeaderField: header.name) }
        return request
    }

    /// Sends `request`; the status and body, or why there was no answer.
    private func send(_ request: URLRequest, query: String?) async throws(CollectError) -> (Int, Data) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        do {
            let (body, response) = try await session.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, body)
        } catch let error as URLError {
            throw CollectError(query: query, message: describe(error))
        } catch {
            throw CollectError(query: query, message: "no answer from \(publicURL): \(error.localizedDescription)")
        }
    }

    private func describe(_ error: URLError) -> String {
        let reason: String
        switch error.code {
        case .timedOut: reason = "no answer within \(RangeQuery.number(timeout)) s (--timeout)"
        case .cannotConnectToHost: reason = "the connection was refused (is the server running?)"
        case .cannotFindHost, .dnsLookupFailed: reason = "the host name was not found"
        case .networkConnectionLost: reason = "the connection was lost"
        case .notConnectedToInternet: reason = "no network"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
             .serverCertificateHasUnknownRoot:
            reason = "the TLS connection failed (\(error.localizedDescription))"
        default: reason = error.localizedDescription
        }
        return "cannot reach \(publicURL): \(reason)"
    }
}
