#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A folder's entries with their kinds, read with `readdir`: the listing says on most file systems
/// whether an entry is a file, a folder or a link, so telling them apart costs no `stat` each (and
/// FileManager's enumerator costs several system calls and allocations per entry). Links are
/// reported as links, never followed.
enum FolderListing {
    enum Kind: Sendable { case file, folder, link, other }

    struct Entry: Sendable {
        var name: String
        var kind: Kind
    }

    /// The warning for a symbolic link found in one of the hub's folders (`content/`, `static/`, a theme).
    static func skippedLink(at path: String, in folder: String) -> Diagnostic {
        .warning("symlink", at: SourceLocation(file: path),
                 "skipped: symbolic links are not followed, so nothing outside the hub is published by accident; copy the file into \(folder) instead")
    }

    /// The entries of the folder at `path`, without `.` and `..`; nil if it cannot be read (`errno` says why).
    static func entries(of path: String) -> [Entry]? {
        guard let stream = opendir(path) else { return nil }
        defer { closedir(stream) }
        return read(stream)
    }

    /// The entries of the open folder `folder` (the descriptor stays open and unmoved).
    static func entries(in folder: Int32) -> [Entry]? {
        let listing = openat(folder, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard listing >= 0 else { return nil }
        guard let stream = fdopendir(listing) else { close(listing); return nil }
        defer { closedir(stream) }
        return read(stream)
    }

    private static func read(_ stream: OpaquePointer) -> [Entry] {
        var entries: [Entry] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let kind: Kind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .folder
            case Int32(DT_LNK): kind = .link
            case Int32(DT_UNKNOWN):
                // Some file systems do not say in the listing: ask, without following links.
                var info = stat()
                guard fstatat(dirfd(stream), name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFREG: kind = .file
                case S_IFDIR: kind = .folder
                case S_IFLNK: kind = .link
                default: kind = .other
                }
            default: kind = .other
            }
            entries.append(Entry(name: name, kind: kind))
        }
        return entries
    }
}
