import FlyingFox
import Foundation

/// Answers `serve`'s requests: the site's files from memory, the reload channel, and nothing else.
struct RequestHandler: HTTPHandler {
    let site: PreviewSite
    let events: ReloadEvents
    /// Names the `Host` header may give; any other is refused, so a web page elsewhere cannot
    /// reach this server through a DNS name it controls (DNS rebinding).
    let allowedHosts: Set<String>

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard hostIsAllowed(request.headers[.host]) else {
            return plain(.forbidden, "This preview server answers only to the names it listens on.\n")
        }
        guard request.method == .GET || request.method == .HEAD else {
            return plain(.methodNotAllowed, "Only GET and HEAD.\n")
        }
        let raw = request.target.path()
        let response: HTTPResponse
        if raw.hasPrefix(DevServer.ownPath) {
            response = await ownFile(String(raw.dropFirst(DevServer.ownPath.count)), request: request)
        } else {
            response = await siteFile(raw, request: request)
        }
        if request.method == .HEAD {
            return HTTPResponse(statusCode: response.statusCode, headers: response.headers, body: Data())
        }
        return response
    }

    // MARK: The site

    private func siteFile(_ raw: String, request: HTTPRequest) async -> HTTPResponse {
        guard await site.hasSite, let base = await site.basePath else {
            // No build has worked yet: every page is the list of errors.
            return await html(.internalServerError, ServeOverlay.errorPage(await site.diagnostics, version: await site.version))
        }
        switch RequestPath.resolve(raw, basePath: base) {
        case .notFound:
            return await notFound()
        case .redirect(let location):
            return HTTPResponse(statusCode: .movedPermanently, headers: [.location: location, .contentType: "text/plain; charset=utf-8"],
                               body: Data("Moved to \(location)\n".utf8))
        case .file(let path):
            if await site.isFolder(path) {
                let query = request.target.query()
                return HTTPResponse(statusCode: .movedPermanently, headers: [.location: raw + "/" + (query.isEmpty ? "" : "?" + query)], body: Data())
            }
            guard let file = await site.file(at: path) else { return await notFound() }
            return await respond(.ok, file)
        }
    }

    private func notFound() async -> HTTPResponse {
        if let page = await site.file(at: "404.html") { return await respond(.notFound, page) }
        return plain(.notFound, "Not found.\n")
    }

    private func respond(_ status: HTTPStatusCode, _ file: PreviewSite.File) async -> HTTPResponse {
        var data = file.data
        if file.contentType.hasPrefix("text/html") {
            data = Data(ServeOverlay.inject(into: String(decoding: data, as: UTF8.self), errors: await site.diagnostics,
                                            version: await site.version).utf8)
        }
        return HTTPResponse(statusCode: status, headers: headers(file.contentType), body: data)
    }

    private func html(_ status: HTTPStatusCode, _ text: String) async -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: headers("text/html; charset=utf-8"), body: Data(text.utf8))
    }

    // MARK: The server's own files

    private func ownFile(_ name: String, request: HTTPRequest) async -> HTTPResponse {
        switch name {
        case "live.js":
            return HTTPResponse(statusCode: .ok, headers: headers("text/javascript; charset=utf-8"), body: Data(ServeOverlay.script.utf8))
        case "serve.css":
            return HTTPResponse(statusCode: .ok, headers: headers("text/css; charset=utf-8"), body: Data(ServeOverlay.styles.utf8))
        case "events":
            // Only pages of this server may listen (a page elsewhere could otherwise watch edits).
            if let origin = request.headers[.origin], !originIsAllowed(origin, host: request.headers[.host]) {
                return plain(.forbidden, "Other origins may not listen.\n")
            }
            let stream = await events.subscribe(version: await site.version)
            var streamHeaders = headers("text/event-stream")
            streamHeaders[.cacheControl] = "no-store"
            return HTTPResponse(statusCode: .ok, headers: streamHeaders, body: HTTPBodySequence(from: StreamedBytes(chunks: stream)))
        default:
            return plain(.notFound, "Not found.\n")
        }
    }

    // MARK: Headers and checks

    /// The same security headers as the site's `_headers`, and never cached: it changes as you edit.
    private func headers(_ contentType: String) -> HTTPHeaders {
        var headers: HTTPHeaders = [.contentType: contentType, .cacheControl: "no-store"]
        for header in SiteRenderer.securityHeaders { headers[HTTPHeader(header.name)] = header.value }
        return headers
    }

    private func plain(_ status: HTTPStatusCode, _ text: String) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: headers("text/plain; charset=utf-8"), body: Data(text.utf8))
    }

    /// The names it listens on, and any IP address: DNS rebinding needs a domain name, and a
    /// phone opening `http://192.168.1.20:1313/` (with `--host 0.0.0.0`) sends an address.
    func hostIsAllowed(_ header: String?) -> Bool {
        guard let header else { return true }
        let name = Self.hostName(header)
        return allowedHosts.contains(name) || Self.isIPAddress(name)
    }

    static func isIPAddress(_ name: String) -> Bool {
        if name.hasPrefix("["), name.hasSuffix("]") {
            let inner = name.dropFirst().dropLast()
            return !inner.isEmpty && inner.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber) && Int(part)! <= 255
        }
    }

    /// Pages of this server only: the same port as the request was sent to, and a loopback name
    /// it listens on or the very address the request was sent to (a phone on the network opening
    /// `http://192.168.1.20:1313/`). A page at any other address or port is another site.
    func originIsAllowed(_ origin: String, host: String?) -> Bool {
        guard let url = URL(string: origin), url.scheme == "http", url.user == nil, let originHost = url.host else { return false }
        var name = originHost.lowercased()
        if name.contains(":"), !name.hasPrefix("[") { name = "[\(name)]" }
        guard let host else { return allowedHosts.contains(name) }
        guard let requestPort = Self.port(host), (url.port ?? 80) == requestPort else { return false }
        return allowedHosts.contains(name) || name == Self.hostName(host)
    }

    /// The port of a `Host` header (80 when it names none), or nil when it is not a number.
    static func port(_ header: String) -> Int? {
        let value = header.trimmingCharacters(in: .whitespaces)
        let afterHost = value.hasPrefix("[") ? value.firstIndex(of: "]").map { value[value.index(after: $0)...] } ?? "" : Substring(value)
        guard let colon = afterHost.lastIndex(of: ":") else { return 80 }
        return Int(afterHost[afterHost.index(after: colon)...])
    }

    /// `localhost:1313` -> `localhost`; `[::1]:1313` -> `[::1]`.
    static func hostName(_ header: String) -> String {
        let value = header.lowercased().trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("["), let close = value.firstIndex(of: "]") { return String(value[...close]) }
        if let colon = value.lastIndex(of: ":") { return String(value[..<colon]) }
        return value
    }
}

extension HTTPHeader {
    static let origin = HTTPHeader("Origin")
}

/// Which file of the site a request path names. The path is decoded once; after that no `..`,
/// `.`, backslash, NUL or other control character is accepted, so no request can reach anything
/// but a file of the built site (which is in memory anyway: nothing is read from a path a
/// request gives).
enum RequestPath: Equatable {
    case file(String)
    case redirect(String)
    case notFound

    static func resolve(_ raw: String, basePath: String) -> RequestPath {
        guard let decoded = raw.removingPercentEncoding, decoded.hasPrefix("/") else { return .notFound }
        if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) { return .notFound }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return .notFound }
        if decoded == "/" && basePath != "/" { return .redirect(basePath) }
        if decoded + "/" == basePath { return .redirect(basePath) }
        guard decoded.hasPrefix(basePath) else { return .notFound }
        var relative = String(decoded.dropFirst(basePath.count))
        if relative.split(separator: "/", omittingEmptySubsequences: false).dropLast().contains("") { return .notFound }
        if relative.isEmpty || relative.hasSuffix("/") { relative += "index.html" }
        return .file(relative)
    }
}
