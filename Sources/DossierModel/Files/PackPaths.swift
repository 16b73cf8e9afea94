import Foundation

/// Where each page lives inside the pack, and how pages link to each other.
///
/// Every link in the pack is relative, so it opens from `file://`, from an unzipped copy,
/// or from any web server, wherever it is put.
package enum PackPaths {
    package static let index = "index.html"
    /// At the root, so that no evidence file (not even a top-level `index.md`) can take its place.
    package static let evidenceIndex = "evidence.html"
    package static let findings = "findings.html"
    package static let statementOfApplicability = "statement-of-applicability.html"
    package static let about = "about.html"
    package static let diff = "diff.html"
    /// The whole pack on one page, for printing and for `build --pdf`.
    package static let print = "print.html"
    /// `build --pdf`: `print.html` printed by headless Chromium, listed in the manifest like every file.
    package static let pdf = "pack.pdf"
    /// The search index, a script (not JSON) because browsers refuse to fetch files over `file://`.
    package static let searchIndex = "assets/search-index.js"

    package static func framework(_ id: String) -> String { "frameworks/\(slug(id)).html" }

    package static func control(_ framework: String, _ control: String) -> String {
        "controls/\(slug(framework))/\(slug(control)).html"
    }

    package static func activity(_ id: String) -> String { "activities/\(slug(id)).html" }

    /// A file-name-safe form of an identifier: `30(1)(a)` → `30-1-a`, `CC6.1` stays `CC6.1`.
    package static func slug(_ id: String) -> String {
        // Nearly every ID is ASCII, where a character is a byte (and CR LF, one character, gives one
        // "-" either way): cut on the bytes. Foundation's trimming bridges through NSString, and
        // slugs are made for every link to a control, on every page.
        if id.utf8.allSatisfy({ $0 < 0x80 }) { return asciiSlug(id) }
        var result = ""
        for character in id {
            if character.isASCII && (character.isLetter || character.isNumber || character == "." || character == "_") {
                result.append(character)
            } else if !result.hasSuffix("-") {
                result.append("-")
            }
        }
        let trimmed = result.trimmingCharacters(in: CharacterSet(charactersIn: "-."))
        return trimmed.isEmpty ? "-" : trimmed
    }

    private static func asciiSlug(_ id: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(id.utf8.count)
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "."), UInt8(ascii: "_"):
                bytes.append(byte)
            default:
                if bytes.last != UInt8(ascii: "-") { bytes.append(UInt8(ascii: "-")) }
            }
        }
        let trimmed = bytes.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
        let end = trimmed.lastIndex { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: ".") }
        guard let end else { return "-" }
        return String(decoding: trimmed[...end], as: UTF8.self)
    }

    /// `checklists/pre-launch.md` → `evidence/checklists/pre-launch.html`;
    /// other formats keep their extension (`approvals/cab-12.json` → `evidence/approvals/cab-12.json.html`)
    /// so that `x.md` and `x.json` never collide.
    package static func page(forEvidence file: EvidenceFile) -> String {
        var path = file.published
        if file.format == .markdown, let dot = path.lastIndex(of: "."), !path[dot...].contains("/") {
            path = String(path[..<dot])
        }
        return evidencePagesFolder + fitting(path + ".html")
    }

    /// The last name of the page of a file named `name` (its published name), as `page(forEvidence:)` makes it.
    package static func pageName(_ name: String, format: EvidenceFile.Format) -> String {
        var file = EvidenceFile(path: name, url: URL(fileURLWithPath: "/"), size: 0)
        file.format = format
        return String(page(forEvidence: file).dropFirst(evidencePagesFolder.count))
    }

    /// A file system refuses a name over 255 bytes, and a legal evidence name of 255 bytes gains
    /// `.html`: such a last component keeps its first 200 bytes and gains a short hash of the whole
    /// name, so it still reads as the file's and two long names never meet.
    package static func fitting(_ path: String) -> String {
        // Nearly every path is far shorter than a name may be: it is returned before any work.
        guard path.utf8.count > 255 else { return path }
        let slash = path.lastIndex(of: "/")
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard name.utf8.count > 255 else { return path }
        var kept = ""
        for character in name {
            guard kept.utf8.count + character.utf8.count <= 200 else { break }
            kept.append(character)
        }
        let folder = slash.map { String(path[...$0]) } ?? ""
        let ext = pathExtension(name)
        return folder + kept + "-" + ContentHash.sha256(name).prefix(12) + (ext.isEmpty ? "" : "." + ext)
    }

    /// Where every evidence page lives, and nothing else.
    package static let evidencePagesFolder = "evidence/"

    /// Raster images an evidence page shows, copied byte for byte (SVG is not among them: it can carry script).
    package static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "webp"]

    /// Where an image from the evidence folder is copied: `files/diagrams/flow.png`.
    package static func image(forEvidence file: EvidenceFile) -> String? {
        imageExtensions.contains(pathExtension(file.path).lowercased()) ? "files/" + file.published : nil
    }

    /// `../` repeated once per folder between `page` and the pack's root.
    package static func root(from page: String) -> String {
        // Counts separators between non-empty components, as splitting on "/" would, without the allocations.
        var folders = 0, inComponent = false, componentEnded = false
        for byte in page.utf8 {
            if byte == UInt8(ascii: "/") {
                if inComponent { componentEnded = true }
                inComponent = false
            } else {
                if componentEnded { folders += 1; componentEnded = false }
                inComponent = true
            }
        }
        return String(repeating: "../", count: folders)
    }

    /// A relative link from one page of the pack to another, percent-encoded so that names with
    /// spaces, `#`, `?` or `%` still lead to their page.
    package static func link(from page: String, to target: String) -> String {
        root(from: page) + encoded(target)
    }

    /// A pack path as a link writes it, percent-encoded wherever a byte may not stand as it is.
    package static func encoded(_ target: String) -> String {
        // Nearly every pack path is plain ASCII that needs no encoding; Foundation's percent-encoding
        // bridges through NSString and was a thirtieth of a build.
        if target.utf8.allSatisfy(isPlainPathByte) { return target }
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return target.addingPercentEncoding(withAllowedCharacters: allowed) ?? target
    }

    /// The bytes `urlPathAllowed` keeps as they are: ASCII letters, digits and `!$&'()*+,-./:=@_~` (not `;`).
    private static func isPlainPathByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"),
             UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "@"), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }
}
