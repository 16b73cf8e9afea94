import DossierIntake
import DossierModel
import Foundation

/// The manifest and checksums of a patched pack: the last build's manifest (read from the pack,
/// which the build cache's fingerprint vouches for) with the hash and size of each file the patch
/// wrote again, and of each evidence file it read again, put in the place they hold, then summed and
/// signed as a full build does (`PackManifest.files`).
///
/// The manifest is edited as text, not decoded and encoded again (a tenth of a patch build at 10 000
/// files): this binary wrote it (the patch record's key says so), and `JSONEncoder` writes each entry
/// as its `"path" : "…",` line then, after an optional `redacted_page`, its `"sha256" : "…",` and
/// `"size" : …` lines. Any entry not found just so makes the build a full one.
struct PatchManifest {
    let pack: URL

    struct Patched {
        var files: [RenderedFile]
        var hash: String
        var oldHash: String
    }

    struct Mismatch: Error {}

    /// `inputs`: the edited evidence files, by the path the manifest lists them under.
    func patched(files: [RenderedFile], inputs: [(path: String, size: Int, sha256: String)], signer: PackSigner?) throws -> Patched {
        guard case .success(let read) = FileReader.read(pack.appendingPathComponent(PackManifest.path).path) else { throw Mismatch() }
        let data = read.bytes.data()
        var bytes = [UInt8](data)
        // Found once: the outputs are edited first, from the end, so that no edit moves the inputs.
        let sections = try Self.sections(bytes)
        for file in files {
            let digest = file.digest
            try Self.set(file.path, size: digest.size, sha256: digest.sha256, in: &bytes, within: sections.outputs.lowerBound..<bytes.count)
        }
        for input in inputs { try Self.set(input.path, size: input.size, sha256: input.sha256, in: &bytes, within: sections.inputs) }
        let json = Data(bytes)
        let sums = try checksums(files + [RenderedFile(path: PackManifest.path, contents: json)])
        var written = [RenderedFile(path: PackManifest.path, contents: json), RenderedFile(path: PackManifest.checksumsPath, contents: sums)]
        if let signer {
            written.append(RenderedFile(path: PackManifest.path + ".sig", contents: try signer.sign(json)))
            written.append(RenderedFile(path: PackManifest.checksumsPath + ".sig", contents: try signer.sign(sums)))
        }
        return Patched(files: written, hash: ContentHash.sha256(json), oldHash: ContentHash.sha256(data))
    }

    /// `text` as a JSON string, quotes included, escaped as the manifest and the reports escape it
    /// (`JSONEncoder`, slashes kept).
    static func quoted(_ text: String) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return try encoder.encode(text)
    }

    /// Where the inputs' and the outputs' arrays are.
    private static func sections(_ bytes: [UInt8]) throws -> (inputs: Range<Int>, outputs: Range<Int>) {
        let inputs = ByteSearch.offsets(of: Array("\n  \"inputs\" : [\n".utf8), in: bytes)
        let outputs = ByteSearch.offsets(of: Array("\n  \"outputs\" : [\n".utf8), in: bytes)
        guard inputs.count == 1, outputs.count == 1, inputs[0] < outputs[0] else { throw Mismatch() }
        return (inputs[0]..<outputs[0], outputs[0]..<bytes.count)
    }

    /// Sets the hash and size of the entry for `path`, found in `range`.
    private static func set(_ path: String, size: Int, sha256: String, in bytes: inout [UInt8], within range: Range<Int>) throws {
        let line = Array("\n      \"path\" : ".utf8) + Array(try quoted(path)) + Array(",\n".utf8)
        let found = ByteSearch.offsets(of: line, in: Array(bytes[range]))
        guard found.count == 1 else { throw Mismatch() }
        let entry = range.lowerBound + found[0] + line.count
        let end = bytes[entry...].firstIndex(of: UInt8(ascii: "}")) ?? bytes.count
        let shaKey = Array("\"sha256\" : \"".utf8), sizeKey = Array("\"size\" : ".utf8)
        guard let sha = ByteSearch.offsets(of: shaKey, in: Array(bytes[entry..<end])).first.map({ entry + $0 + shaKey.count }),
              let sizeAt = ByteSearch.offsets(of: sizeKey, in: Array(bytes[entry..<end])).first.map({ entry + $0 + sizeKey.count }),
              let sizeEnd = bytes[sizeAt..<end].firstIndex(of: 0x0A), sizeEnd > sizeAt, sha + 64 <= sizeAt,
              bytes[sha..<sha + 64].allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }), sha256.utf8.count == 64,
              bytes[sizeAt..<sizeEnd].allSatisfy({ (48...57).contains($0) }) else { throw Mismatch() }
        bytes.replaceSubrange(sizeAt..<sizeEnd, with: Array(String(size).utf8))
        bytes.replaceSubrange(sha..<sha + 64, with: Array(sha256.utf8))
    }

    /// The pack's `SHA256SUMS` with the line of each of `files` given its new hash; each line is
    /// `<hash>  <path>`, sorted by path (`PackManifest.checksums`), so the lines stay where they are.
    private func checksums(_ files: [RenderedFile]) throws -> Data {
        guard case .success(let read) = FileReader.read(pack.appendingPathComponent(PackManifest.checksumsPath).path) else { throw Mismatch() }
        var bytes = [UInt8](read.bytes.data())
        for file in files {
            let tail = Array("  \(file.path)\n".utf8)
            let lines = ByteSearch.offsets(of: tail, in: bytes).filter { offset in
                offset >= 64 && (offset == 64 || bytes[offset - 65] == 0x0A)
                    && bytes[offset - 64..<offset].allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
            }
            guard lines.count == 1 else { throw Mismatch() }
            bytes.replaceSubrange(lines[0] - 64..<lines[0], with: Array(file.digest.sha256.utf8))
        }
        return Data(bytes)
    }
}
