import FlyingFox
import FlyingSocks
import Foundation

/// `signpost serve`: the hub over HTTP at its base path, rebuilt as files change, with open pages
/// reloading themselves (server-sent events) and showing the errors of a broken edit until it is
/// fixed. Only for previewing: loopback by default, nothing served but the site's own files.
public struct DevServer: Sendable {
    public struct Options: Sendable {
        public var build: BuildOptions
        public var host: String
        public var port: UInt16

        public init(build: BuildOptions, host: String = "127.0.0.1", port: UInt16 = 1313) {
            self.build = build
            self.host = host
            self.port = port
        }
    }

    /// Where the server reserves paths for itself; no hub file can live there (the leading
    /// underscores make it an unusual URL, and `__signpost` is not a name content uses).
    static let ownPath = "/__signpost/"

    public let options: Options
    public let site: PreviewSite
    let events = ReloadEvents()

    public init(options: Options) {
        self.options = options
        self.site = PreviewSite(options: options.build)
    }

    public static func isLoopback(_ host: String) -> Bool {
        ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()) || host.hasPrefix("127.")
    }

    /// Builds, starts serving and watching, and runs until the task is cancelled. `report` gets
    /// one line per event (listening, each rebuild) and the diagnostics of failed builds.
    public func run(report: @escaping @Sendable (ServeEvent) -> Void) async throws {
        // Watching starts first, so an edit saved during the first build is not missed.
        let watcher = FileWatcher(root: options.build.root)
        watcher.start()
        let first = await site.rebuildAll()
        report(.built(first))

        let address: any SocketAddress = options.host.contains(":") ? try .inet6(ip6: options.host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: options.port)
                                                                     : try .inet(ip4: options.host == "localhost" ? "127.0.0.1" : options.host, port: options.port)
        let handler = RequestHandler(site: site, events: events, allowedHosts: allowedHosts())
        let server = HTTPServer(address: address, timeout: 60, logger: .disabled, handler: handler)

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask {
                try await server.waitUntilListening()
                var port = options.port
                if case .ip4(_, let bound)? = await server.listeningAddress { port = bound }
                if case .ip6(_, let bound)? = await server.listeningAddress { port = bound }
                let host = options.host.contains(":") && !options.host.hasPrefix("[") ? "[\(options.host)]" : options.host
                report(.listening(URL(string: "http://\(host):\(port)\(await site.basePath ?? "/")")!))
            }
            group.addTask { await watch(watcher, report: report) }
            group.addTask { await events.keepAlive() }
            // Until the server stops (or fails to start: a port in use throws here).
            try await group.waitForAll()
        }
    }

    /// Rebuilds after each batch of changes, and tells open pages.
    private func watch(_ watcher: FileWatcher, report: @escaping @Sendable (ServeEvent) -> Void) async {
        for await paths in watcher.changes {
            let result = await site.update(paths)
            report(.rebuilt(result, paths: paths.sorted()))
            await events.publish(await site.version)
        }
    }

    private func allowedHosts() -> Set<String> {
        var hosts: Set<String> = ["localhost", "127.0.0.1", "[::1]", "::1"]
        hosts.insert(options.host.lowercased())
        return hosts
    }
}

/// What `serve` tells the person running it.
public enum ServeEvent: Sendable {
    case built(PreviewSite.Rebuild)
    case listening(URL)
    case rebuilt(PreviewSite.Rebuild, paths: [String])
}

/// Open pages listen on `/__signpost/events`; after each rebuild they get the new version number.
actor ReloadEvents {
    private var listeners: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]

    func subscribe(version: Int) -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self, bufferingPolicy: .bufferingNewest(8))
        let id = UUID()
        listeners[id] = continuation
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        continuation.yield(Array("retry: 1000\ndata: \(version)\n\n".utf8))
        return stream
    }

    private func remove(_ id: UUID) {
        listeners[id] = nil
    }

    func publish(_ version: Int) {
        for continuation in listeners.values { continuation.yield(Array("data: \(version)\n\n".utf8)) }
    }

    /// A comment line now and then keeps idle connections (and the server's timeout) alive.
    func keepAlive() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(20))
            for continuation in listeners.values { continuation.yield(Array(": keep-alive\n\n".utf8)) }
        }
    }
}

/// Bytes from an `AsyncStream` of chunks, as FlyingFox's streamed (chunked) bodies need them.
struct StreamedBytes: AsyncBufferedSequence {
    typealias Element = UInt8
    let chunks: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(base: chunks.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.Iterator
        var pending: [UInt8] = []

        mutating func next() async -> UInt8? {
            if pending.isEmpty {
                guard let chunk = await base.next() else { return nil }
                pending = chunk
            }
            return pending.isEmpty ? nil : pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            if !pending.isEmpty {
                defer { pending = [] }
                return pending
            }
            return await base.next()
        }
    }
}
