import Foundation

/// The address the hub is published at, possibly under a sub-path (`https://example.gov.au/hub/`).
public struct BaseURL: Sendable, Equatable, CustomStringConvertible {
    /// `https`
    public var scheme: String
    /// `example.gov.au` (lower-cased), with `:port` if one was given.
    public var authority: String
    /// The host alone, lower-cased, for deciding which links leave the site.
    public var host: String
    /// Always starts and ends with `/`: `/` or `/hub/`.
    public var path: String

    /// Parses an absolute `http` or `https` URL; nil with a reason otherwise.
    public static func parse(_ text: String) -> Result<BaseURL, BaseURLError> {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            return .failure(.notAbsolute)
        }
        guard scheme == "http" || scheme == "https" else { return .failure(.scheme(scheme)) }
        guard components.query == nil, components.fragment == nil, components.user == nil else {
            return .failure(.extraParts)
        }
        var path = components.percentEncodedPath
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        // `//evil.example/` as a path would make every site link point at another host.
        let segments = path.dropFirst().dropLast().split(separator: "/", omittingEmptySubsequences: false)
        if path != "/", segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
            return .failure(.badPath)
        }
        let lowerHost = host.lowercased()
        let defaultPort = scheme == "https" ? 443 : 80
        let authority = components.port.map { $0 == defaultPort ? lowerHost : "\(lowerHost):\($0)" } ?? lowerHost
        return .success(BaseURL(scheme: scheme, authority: authority, host: lowerHost, path: path))
    }

    public enum BaseURLError: Error, Equatable {
        case notAbsolute
        case scheme(String)
        case extraParts
        case badPath

        public var message: String {
            switch self {
            case .notAbsolute: "must be an absolute address such as https://hub.example.org/"
            case .scheme(let scheme): "must start with https:// or http://, not \(scheme):"
            case .extraParts: "must not have a query (?), fragment (#) or user name"
            case .badPath: "must not have empty, '.' or '..' parts in its path"
            }
        }
    }

    /// `https://example.gov.au/hub/`
    public var description: String { "\(scheme)://\(authority)\(path)" }

    /// The absolute URL of a site path such as `/hub/training/` (already prefixed with `path`).
    public func absolute(_ sitePath: String) -> String { "\(scheme)://\(authority)\(sitePath)" }
}
