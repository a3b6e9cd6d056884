import Synchronization

/// What list sections rendered for shared views (`TemplateObject.isShared`) in one build, by
/// section and view: a page's list item appears in its sections', terms' and neighbours' lists,
/// and is rendered once per kind of list. Entries hold their view, so its identity cannot be
/// reused while the cache lives.
final class TemplateCache: Sendable {
    struct Key: Hashable {
        var body: Int32
        var object: ObjectIdentifier
    }

    /// One kept output. Its memory is its own and it is never removed while the cache lives, so
    /// workers read it without reference counting: a page's card is read by both cores thousands
    /// of times, and a shared count would bounce between them. `@unchecked Sendable`: immutable.
    final class Entry: @unchecked Sendable {
        // Views are immutable; the reference only pins the identity the key uses.
        let object: AnyObject
        let bytes: UnsafeBufferPointer<UInt8>
        /// Names the output was rendered without: valid where the context lacks them too.
        let absentNames: UnsafeBufferPointer<Int32>

        init(object: AnyObject, bytes: ArraySlice<UInt8>, absentNames: [Int32]) {
            self.object = object
            let bytesCopy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
            _ = bytesCopy.initialize(from: bytes)
            self.bytes = UnsafeBufferPointer(bytesCopy)
            let namesCopy = UnsafeMutableBufferPointer<Int32>.allocate(capacity: absentNames.count)
            _ = namesCopy.initialize(from: absentNames)
            self.absentNames = UnsafeBufferPointer(namesCopy)
        }

        deinit {
            bytes.deallocate()
            absentNames.deallocate()
        }
    }

    /// Entries by key (unretained), and the entries themselves, which the table owns.
    private struct Table {
        var index: [Key: Unmanaged<Entry>] = [:]
        var owned: [Entry] = []
    }

    private let table = Mutex(Table())

    var count: Int { table.withLock { $0.owned.count } }

    /// The entry for `key`, valid while the cache lives.
    func entry(_ key: Key) -> Unmanaged<Entry>? {
        table.withLock { $0.index[key] }
    }

    func keep(_ entry: Entry, for key: Key) {
        table.withLock { table in
            guard table.index[key] == nil else { return }
            table.owned.append(entry)
            table.index[key] = Unmanaged.passUnretained(entry)
        }
    }
}
