import Foundation

/// A request's path as a path inside the pack, and the type it is sent as.
package enum ServedPath {
    /// The percent-decoded path without its leading `/`; nil for anything that could leave the pack
    /// (`..`, `.`, a NUL, a backslash) or is not UTF-8.
    package static func relative(_ requestPath: String) -> String? {
        let withoutQuery = requestPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard let decoded = withoutQuery.removingPercentEncoding, decoded.hasPrefix("/") else { return nil }
        let relative = String(decoded.dropFirst())
        let components = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !relative.contains("\0"), !relative.contains("\\"),
              !components.contains(where: { $0 == ".." || $0 == "." }),
              !components.dropLast().contains(where: \.isEmpty) else { return nil }
        return relative
    }

    private static let types = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "json": "application/json", "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif", "webp": "image/webp", "csv": "text/csv; charset=utf-8", "txt": "text/plain; charset=utf-8",
        "xml": "application/xml", "sarif": "application/json", "pdf": "application/pdf", "md": "text/plain; charset=utf-8",
    ]

    /// What a browser should make of the file; anything unknown is a download, never sniffed into a page.
    package static func contentType(_ path: String) -> String {
        types[(path as NSString).pathExtension.lowercased()] ?? "application/octet-stream"
    }
}
