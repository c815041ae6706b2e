import Foundation
import Hummingbird
import NIOCore

/// Answers every request of `serve` from the ``ServedSite`` in memory: the event stream and the
/// reload script under `/__postmortem/`, and every other GET or HEAD by ``ServedSite/reply(to:)``.
/// It reads the request's path as it came (still percent-encoded), so ``SitePath`` sees every
/// encoded form; there is no router in between that could normalise it first.
struct SiteResponder: HTTPResponder {
    let site: ServedSite
    /// The hosts a request may name (``HostCheck``): any other is answered with 421.
    let hosts: HostCheck
    /// Where each request is logged as `GET /path 200` (`serve --log-requests`), or nil.
    var log: (@Sendable (String) -> Void)?

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        let response = answer(request)
        log?("\(request.method) \(request.uri.path) \(response.status.code)")
        return response
    }

    private func answer(_ request: Request) -> Response {
        guard request.method == .get || request.method == .head else {
            return Self.response(status: 405, type: "text/plain; charset=utf-8", body: Data("only GET and HEAD\n".utf8))
        }
        guard hosts.allows(request.head.authority) else {
            return Self.response(status: 421, type: "text/plain; charset=utf-8", body: Data("misdirected request: use http://127.0.0.1 or http://localhost with the served port\n".utf8))
        }
        let path = request.uri.path
        switch path {
        case ServeAssets.eventsPath where request.method == .head:
            // The stream's headers only: a HEAD must not hold the connection open.
            var response = events()
            response.body = ResponseBody()
            return response
        case ServeAssets.eventsPath:
            return events()
        case ServeAssets.reloadScriptPath:
            return Self.response(status: 200, type: "text/javascript; charset=utf-8", body: Data(ServeAssets.reloadScript.utf8))
        case ServeAssets.bannerStylePath:
            return Self.response(status: 200, type: "text/css; charset=utf-8", body: Data(ServeAssets.bannerStyle.utf8))
        default:
            let reply = site.reply(to: path)
            var response = Self.response(status: reply.status, type: reply.contentType, body: reply.body)
            if request.method == .head {
                // The headers of the GET, without its body.
                response.body = ResponseBody()
                response.headers[.contentLength] = "\(reply.body.count)"
            }
            return response
        }
    }

    /// The server-sent events: `hello` with the current build's number at once, then a
    /// `reload` with the new number after every build, until the server shuts down.
    private func events() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody { [site] writer in
            let updates = site.subscribe()
            let current = site.build
            try await writer.write(ByteBuffer(string: "retry: 1000\nevent: hello\ndata: \(current)\n\n"))
            for await build in updates {
                try await writer.write(ByteBuffer(string: "event: reload\ndata: \(build)\n\n"))
            }
            try await writer.finish(nil)
        })
    }

    private static func response(status: Int, type: String, body: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        return Response(status: .init(code: status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
