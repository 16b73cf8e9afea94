/// Names that editors and operating systems leave beside the files a person saves, never evidence
/// anyone meant to publish: a backup (`answers.md~`), an autosave (`#answers.md#`), a lock or swap
/// file, Vim's write test (`4913`), a JetBrains safe-write copy, Windows' thumbnail cache (which
/// holds small copies of the photos in the folder). The discoverer skips them with a note, and
/// `serve` does not rebuild when only they change. Hidden names (`.answers.md.swp`, `.#answers.md`)
/// are skipped before they are asked about.
package enum ScratchFileName {
    package enum Kind: Sendable, Equatable {
        case editorBackup
        case editorTemporary
        case systemFile

        package var description: String {
            switch self {
            case .editorBackup: "an editor's backup copy"
            case .editorTemporary: "an editor's temporary file"
            case .systemFile: "a file the operating system keeps"
            }
        }
    }

    /// What `name` (one path component) is, or nil when it may be evidence.
    package static func kind(of name: String) -> Kind? {
        if name.hasSuffix("~") { return .editorBackup }
        if name.count > 2, name.hasPrefix("#"), name.hasSuffix("#") { return .editorTemporary }
        if name.hasPrefix("~$") || name.hasPrefix(".~lock.") { return .editorTemporary }
        if name.hasSuffix("___jb_tmp___") || name.hasSuffix("___jb_old___") { return .editorTemporary }
        if isVimWriteTest(name) { return .editorTemporary }
        if systemFiles.contains(name.lowercased()) { return .systemFile }
        return nil
    }

    /// Whether a changed path is nothing but such a name (or a hidden one), so no reason to rebuild.
    package static func isNoise(_ path: String) -> Bool {
        guard let name = path.split(separator: "/").last.map(String.init) else { return false }
        return kind(of: name) != nil || isHiddenScratch(name)
    }

    private static let systemFiles: Set<String> = ["thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r"]

    /// Vim checks it may write into a folder by creating `4913` (then 5036, 5159, … while taken) and
    /// deleting it at once.
    private static func isVimWriteTest(_ name: String) -> Bool {
        guard name.count <= 6, name.allSatisfy(\.isASCII), let number = Int(name), number >= 4913 else { return false }
        return (number - 4913) % 123 == 0
    }

    /// Hidden names an editor writes while a file is open: Vim's swap files, Emacs' lock links,
    /// GNOME's save streams. Other hidden names (a redaction key kept in the folder) still count.
    private static func isHiddenScratch(_ name: String) -> Bool {
        guard name.hasPrefix(".") else { return false }
        if name.hasPrefix(".#") || name.hasPrefix(".goutputstream-") || name.hasPrefix(".~lock.") { return true }
        let swap = name.split(separator: ".").last.map(String.init) ?? ""
        return swap.count == 3 && swap.hasPrefix("sw") && swap.last.map { ("a"..."p").contains(String($0)) || $0 == "x" } == true
    }
}
