import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells which files of a hub change: `signpost.yml`, and everything under `content/`, `static/`
/// and `themes/`. On Linux the kernel reports changes (inotify), so an idle server does no work;
/// elsewhere it compares modification times once a second. Written here because neither of the
/// HTTP libraries on our list watches files, and the inotify calls are few.
public final class FileWatcher: Sendable {
    /// Paths relative to the hub's root that changed, gathered until the changes pause for a
    /// moment (an editor's save is often several events).
    public let changes: AsyncStream<Set<String>>
    private let continuation: AsyncStream<Set<String>>.Continuation
    private let root: URL
    static let watchedFolders = ["content", "static", "themes"]

    public init(root: URL) {
        self.root = root.standardizedFileURL
        (changes, continuation) = AsyncStream.makeStream(of: Set<String>.self, bufferingPolicy: .unbounded)
    }

    /// Starts watching on a thread of its own, and returns once every folder is watched, so no
    /// change made after this call is missed; changes arrive on `changes`.
    public func start() {
        let root = self.root
        let continuation = self.continuation
        let ready = DispatchSemaphore(value: 0)
        let thread = Thread {
            #if canImport(Glibc)
            Self.watchWithInotify(root: root, continuation: continuation, ready: ready)
            #else
            Self.watchByPolling(root: root, continuation: continuation, ready: ready)
            #endif
        }
        thread.name = "signpost-watcher"
        thread.start()
        ready.wait()
    }

    /// Whether a change at `relative` (a path under the hub) is one the site depends on.
    static func matters(_ relative: String) -> Bool {
        if relative == ConfigLoader.fileName { return true }
        guard let first = relative.split(separator: "/").first.map(String.init), watchedFolders.contains(first) else { return false }
        let name = relative.split(separator: "/").last.map(String.init) ?? ""
        // Editors' temporary and backup files.
        return !(name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".tmp"))
    }

    #if canImport(Glibc)
    private static func watchWithInotify(root: URL, continuation: AsyncStream<Set<String>>.Continuation, ready: DispatchSemaphore) {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else {
            watchByPolling(root: root, continuation: continuation, ready: ready)
            return
        }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_ATTRIB)
        var folders: [Int32: String] = [:]

        func watch(_ relative: String) {
            let path = relative.isEmpty ? root.path : root.appendingPathComponent(relative).path
            let watchDescriptor = inotify_add_watch(descriptor, path, mask | UInt32(IN_ONLYDIR))
            guard watchDescriptor >= 0 else { return }
            folders[watchDescriptor] = relative
            guard !relative.isEmpty else { return }
            // Folders inside, without following symbolic links out of the hub.
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            for entry in entries.sorted() where !entry.hasPrefix(".") {
                let child = relative + "/" + entry
                var info = stat()
                if lstat(root.appendingPathComponent(child).path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                    watch(child)
                }
            }
        }

        watch("")
        for folder in watchedFolders where FileManager.default.fileExists(atPath: root.appendingPathComponent(folder).path) {
            watch(folder)
        }
        ready.signal()

        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        var pending: Set<String> = []
        while true {
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            // Events 10 ms apart belong to one save.
            let ready = poll(&request, 1, pending.isEmpty ? -1 : 10)
            if ready < 0, errno == EINTR { continue }
            if ready == 0 {
                continuation.yield(pending)
                pending = []
                continue
            }
            guard ready > 0 else { break }
            let count = read(descriptor, buffer, size)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameLength = Int(event.len)
                var name = ""
                if nameLength > 0 {
                    let start = buffer.advanced(by: offset + MemoryLayout<inotify_event>.size).assumingMemoryBound(to: CChar.self)
                    name = String(cString: start)
                }
                offset += MemoryLayout<inotify_event>.size + nameLength
                guard let folder = folders[event.wd] else { continue }
                let relative = folder.isEmpty ? name : (name.isEmpty ? folder : folder + "/" + name)
                if folder.isEmpty, watchedFolders.contains(name), event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    watch(name)
                } else if !folder.isEmpty, event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    watch(relative)
                }
                if event.mask & UInt32(IN_DELETE_SELF) != 0 { folders[event.wd] = nil }
                if matters(relative) { pending.insert(relative) }
            }
        }
        continuation.finish()
    }
    #endif

    /// Where inotify is missing: modification times of the watched files, once a second.
    private static func watchByPolling(root: URL, continuation: AsyncStream<Set<String>>.Continuation, ready: DispatchSemaphore) {
        func snapshot() -> [String: Date] {
            var result: [String: Date] = [:]
            let config = root.appendingPathComponent(ConfigLoader.fileName)
            result[ConfigLoader.fileName] = (try? config.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate
            for folder in watchedFolders {
                let base = root.appendingPathComponent(folder)
                guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.contentModificationDateKey]) else { continue }
                for case let url as URL in enumerator {
                    let relative = folder + "/" + url.path.dropFirst(base.path.count + 1)
                    result[relative] = (try? url.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate
                }
            }
            return result
        }
        var last = snapshot()
        ready.signal()
        while true {
            Thread.sleep(forTimeInterval: 1)
            let now = snapshot()
            let changed = Set(Set(last.keys).union(now.keys).filter { last[$0] != now[$0] && matters($0) })
            if !changed.isEmpty { continuation.yield(changed) }
            last = now
        }
    }
}
