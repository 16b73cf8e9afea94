import DossierModel
import Foundation

/// Decides what each link written in a Markdown evidence file becomes in the pack.
///
/// Relative links to other evidence files point at those files' pages. Links that would
/// leave the evidence folder, absolute paths, missing targets, and images from the network
/// (which would make the pack load something from outside) are dropped, keeping their text,
/// and reported.
package struct EvidenceLinkResolver: Sendable {
    package struct Resolution: Sendable {
        package var rewrite: CommonMarkDocument.LinkRewrite
        package var diagnostic: Diagnostic?
        /// The evidence file the link points at, when it points at one.
        package var target: EvidenceFile?
    }

    private let filesByPath: [String: EvidenceFile]

    package init(files: [EvidenceFile]) {
        filesByPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    package func resolve(_ link: CommonMarkDocument.Link, in source: EvidenceFile) -> Resolution {
        switch classify(link, in: source) {
        case .keep:
            return Resolution(rewrite: .keep, diagnostic: nil, target: nil)
        case .refused(let diagnostic):
            return Resolution(rewrite: .unlink, diagnostic: diagnostic, target: nil)
        case .evidence(let target):
            // An image of an evidence image shows the copied bytes; anything else links to the file's page.
            let destinationPath = (link.isImage ? PackPaths.image(forEvidence: target) : nil) ?? PackPaths.page(forEvidence: target)
            let href = PackPaths.link(from: PackPaths.page(forEvidence: source), to: destinationPath)
            return Resolution(rewrite: .replace(href), diagnostic: nil, target: target)
        }
    }

    /// What is wrong with a link, without working out where a sound one leads (the link rule asks this
    /// of every link in the folder, and only the renderer needs the page paths).
    package func problem(_ link: CommonMarkDocument.Link, in source: EvidenceFile) -> Diagnostic? {
        guard case .refused(let diagnostic) = classify(link, in: source) else { return nil }
        return diagnostic
    }

    private enum Classification {
        /// Kept as written: a fragment, or a link to the network the pack may follow.
        case keep
        case refused(Diagnostic)
        /// A link to this evidence file.
        case evidence(EvidenceFile)
    }

    private func classify(_ link: CommonMarkDocument.Link, in source: EvidenceFile) -> Classification {
        let destination = link.destination
        func refuse(_ severity: DiagnosticSeverity, _ id: DiagnosticID, _ summary: String) -> Classification {
            .refused(Diagnostic(severity, id, summary, file: source.path, at: link.location))
        }
        if destination.isEmpty || destination.hasPrefix("#") { return .keep }
        if Self.hasScheme(destination) {
            if link.isImage {
                return refuse(.warning, DiagnosticID.linkRemoteImage, "Image '\(destination)' is outside the pack and is not loaded; put the image in the evidence folder")
            }
            // Defence in depth: cmark-gfm's safe mode already empties javascript: and the like,
            // but only schemes a reader expects to follow are kept whatever the renderer does.
            guard Self.followableSchemes.contains(where: { destination.lowercased().hasPrefix($0) }) else {
                return refuse(.warning, DiagnosticID.linkUnsafeScheme, "Link '\(destination)' uses a scheme the pack does not follow; use http, https or mailto")
            }
            return .keep
        }
        let pathPart = destination.prefix { $0 != "#" && $0 != "?" }
        // (Foundation's decoding and replacing bridge through NSString: skipped when there is nothing to do.)
        let decoded = pathPart.utf8.contains(UInt8(ascii: "%")) ? String(pathPart).removingPercentEncoding ?? String(pathPart) : String(pathPart)
        if decoded.hasPrefix("/") || decoded.hasPrefix("\\") {
            return refuse(.error, DiagnosticID.linkAbsolutePath, "Link '\(destination)' is an absolute path; link relative to this file")
        }
        guard let resolved = Self.normalise(decoded, relativeTo: source.path) else {
            return refuse(.error, DiagnosticID.linkOutsideEvidence, "Link '\(destination)' leads outside the evidence folder; it is not followed")
        }
        guard let target = filesByPath[resolved] else {
            return refuse(.error, DiagnosticID.linkMissingTarget, "Link target '\(destination)' does not exist in the evidence folder")
        }
        return .evidence(target)
    }

    /// The page of the evidence file at `path` (relative to the evidence folder), if there is one.
    package func page(forEvidencePath path: String) -> String? {
        filesByPath[path].map(PackPaths.page(forEvidence:))
    }

    package static let followableSchemes = ["http:", "https:", "mailto:"]

    /// RFC 3986 scheme: a letter, then letters, digits, `+`, `-` or `.`, then `:`.
    package static func hasScheme(_ destination: String) -> Bool {
        if isASCII(destination) {
            // The same test on bytes, where each is a character of its own (a tenth of the link rule's time on characters).
            let bytes = destination.utf8
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return false }
            let scheme = bytes[..<colon]
            func letter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
            guard let first = scheme.first, letter(first) else { return false }
            return scheme.allSatisfy { letter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || "+-.".utf8.contains($0) }
        }
        guard let colon = destination.firstIndex(of: ":") else { return false }
        let scheme = destination[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    /// Joins a relative link to the folder of the file it appears in; nil when `..` climbs above the evidence folder.
    package static func normalise(_ link: String, relativeTo sourcePath: String) -> String? {
        // Slices of the two strings, joined once: a String per component cost a third of the link rule.
        var parts = Array(components(sourcePath).dropLast())
        let slashed = link.utf8.contains(UInt8(ascii: "\\")) ? link.replacingOccurrences(of: "\\", with: "/") : link
        for component in components(slashed) {
            switch component {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(component)
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// A path's components between slashes. In ASCII every byte is a character, so the bytes split
    /// where the characters would, several times faster; other text is split by character, where a
    /// slash a combining mark follows is not a separator.
    private static func components(_ path: String) -> [Substring] {
        guard isASCII(path) else { return path.split(separator: "/") }
        var parts: [Substring] = []
        var start = path.startIndex
        var index = start
        let bytes = path.utf8
        while index != bytes.endIndex {
            if bytes[index] == UInt8(ascii: "/") {
                if start != index { parts.append(path[start..<index]) }
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        if start != path.endIndex { parts.append(path[start...]) }
        return parts
    }

    private static func isASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }
}
