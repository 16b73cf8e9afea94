import DossierIntake
import DossierModel
import FlyingFox
import FlyingSocks
import Foundation

/// Serves the pack folder over HTTP for `dossier serve`, with the live-reload script added to each
/// page as it is sent.
///
/// Files are opened beneath the pack folder without following links, one path component at a time
/// (`FolderAnchor`), and the folder is opened again for every request: a rebuild swaps in a new
/// folder under the same name. Only GET and HEAD are answered.
package struct PackServer: Sendable {
    package let pack: URL
    package let state: LiveState

    package init(pack: URL, state: LiveState) {
        self.pack = pack
        self.state = state
    }

    /// Loopback unless the user asked for another address: a preview of audit evidence is not for the network.
    package static let defaultHost = "127.0.0.1"

    package static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// The server for `host` and `port` (0: any free port); it binds when it runs.
    package func server(host: String, port: UInt16) throws -> HTTPServer {
        let address: any SocketAddress = host.contains(":")
            ? try sockaddr_in6.inet6(ip6: host, port: port)
            : try sockaddr_in.inet(ip4: host == "localhost" ? "127.0.0.1" : host, port: port)
        return HTTPServer(address: address, timeout: 60, logger: QuietLogger(), handler: ClosureHTTPHandler { request in
            await respond(to: request)
        })
    }

    /// Why the server could not listen, in words ("address already in use"), not as the socket
    /// error's debug description.
    package static func reason(_ error: any Error) -> String {
        if case SocketError.failed(_, let number, let message) = error {
            return "\(message.prefix(1).lowercased() + message.dropFirst()) (errno \(number))"
        }
        return "\(error)"
    }

    /// Runs `server` on the concurrency pool and returns once it listens, with the port it listens on.
    package static func listen(_ server: HTTPServer) throws -> UInt16 {
        let outcome = Outcome()
        Task {
            do { try await server.run() } catch { await outcome.set(.failure(error)) }
        }
        Task {
            do {
                try await server.waitUntilListening(timeout: 10)
                switch await server.listeningAddress {
                case .ip4(_, let port)?, .ip6(_, let port)?: await outcome.set(.success(port))
                default: await outcome.set(.success(0))
                }
            } catch {
                await outcome.set(.failure(error))
            }
        }
        return try outcome.wait()
    }

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed, headers: HTTPHeaders([.init("Allow"): "GET, HEAD"]))
        }
        switch request.path {
        case LiveReload.scriptPath:
            return Self.response(Data(LiveReload.script.utf8), type: "text/javascript; charset=utf-8")
        case LiveReload.statePath:
            let after = request.query["after"].flatMap(Int.init) ?? -1
            // Only a page the pack has counts as open (any client may name any path).
            let asking = request.query["page"].flatMap { lookUp($0)?.path }
            var now = await state.next(after: after, timeout: 25, page: asking)
            // The version of the page that asks, as it would be served now: it reloads only if that changed.
            now.page = request.query["page"].map { page in lookUp(page).map { LiveReload.version($0.data, assets: state.assets) } ?? "" }
            return Self.response((try? JSONEncoder().encode(now)) ?? Data(), type: "application/json")
        default:
            guard let (data, path) = lookUp(request.path) else {
                let built = (try? FolderAnchor(path: pack.path)) != nil
                return Self.missing(request.path, built ? "This page is not in the pack." : "The pack is not built yet.", status: built ? .notFound : .serviceUnavailable)
            }
            return serve(data, path: path)
        }
    }

    /// A request path's file: from the pages of a rebuild under way if they are ready and have it,
    /// else from the pack on disk; with the path it was found at.
    private func lookUp(_ requestPath: String) -> (data: Data, path: String)? {
        guard var relative = ServedPath.relative(requestPath) else { return nil }
        if relative.isEmpty || relative.hasSuffix("/") { relative += "index.html" }
        // A folder named without its trailing slash: its index page.
        for candidate in [relative, relative + "/index.html"] {
            if let pending = state.pending(candidate) { return (pending, candidate) }
        }
        guard let anchor = try? FolderAnchor(path: pack.path) else { return nil }
        for candidate in [relative, relative + "/index.html"] {
            if case .success(let read) = FileReader.read(candidate, beneath: anchor) { return (read.bytes.data(), candidate) }
        }
        return nil
    }

    private func serve(_ data: Data, path: String) -> HTTPResponse {
        let type = ServedPath.contentType(path)
        guard type.hasPrefix("text/html") else { return Self.response(data, type: type) }
        let page = LiveReload.served(String(decoding: data, as: UTF8.self), version: LiveReload.version(data, assets: state.assets))
        return Self.response(Data(page.utf8), type: type)
    }

    /// What a request for a file the pack does not have gets. A page gets a page that waits for news
    /// like any other (its version is empty): a page whose file went for a moment (an editor's save
    /// by rename, a branch switched) shows this, and reloads into the page as soon as a rebuild makes
    /// it again, instead of staying on an error only a manual reload leaves.
    private static func missing(_ requestPath: String, _ reason: String, status: HTTPStatusCode) -> HTTPResponse {
        let relative = ServedPath.relative(requestPath) ?? ""
        guard relative.isEmpty || relative.hasSuffix("/") || ServedPath.contentType(relative).hasPrefix("text/html") else {
            return response(Data("\(reason)\n".utf8), type: "text/plain; charset=utf-8", status: status)
        }
        let page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'">
            <title>Not in the pack</title></head>
            <body><p>\(reason) This page reloads by itself when a rebuild makes it.</p></body></html>
            """
        return response(Data(LiveReload.served(page, version: "").utf8), type: "text/html; charset=utf-8", status: status)
    }

    private static func response(_ body: Data, type: String, status: HTTPStatusCode = .ok) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: HTTPHeaders([.contentType: type, .cacheControl: "no-store", .init("X-Content-Type-Options"): "nosniff"]), body: body)
    }
}

/// The first of two results, handed from the concurrency pool to the thread that waits for it.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private let ready = DispatchSemaphore(value: 0)
    private var result: Result<UInt16, any Error>?

    func set(_ value: Result<UInt16, any Error>) async {
        let first = lock.withLock { () -> Bool in
            guard result == nil else { return false }
            result = value
            return true
        }
        if first { ready.signal() }
    }

    func wait() throws -> UInt16 {
        ready.wait()
        return try lock.withLock { result! }.get()
    }
}

/// FlyingFox logs each connection by default; `serve` prints only what a compliance lead needs.
struct QuietLogger: Logging {
    func logDebug(_ debug: @autoclosure () -> String) {}
    func logInfo(_ info: @autoclosure () -> String) {}
    func logWarning(_ warning: @autoclosure () -> String) {}
    func logError(_ error: @autoclosure () -> String) {}
    func logCritical(_ critical: @autoclosure () -> String) {}
}
