import DossierIntake
import DossierModel
import Foundation

extension SecretScanner {
    /// A document's findings when the last `dossier build` kept on disk (`parts`) that it has none;
    /// else made now. Only "nothing found" is kept, as an empty part: a secret's value never goes to
    /// disk beside the pack, and a file with a finding is simply scanned again.
    func kept(under key: MemoryKey, make: () -> [Finding]) -> [Finding] {
        guard let parts else { return make() }
        let diskKey = PartKey("secret findings") { part in
            part.add(key.file)
            part.add(key.sha256)
            part.add(key.published)
            part.add(key.limits)
            part.add(key.policy.allow.count)
            key.policy.allow.forEach { part.add($0) }
            part.add(key.policy.acknowledge.count)
            for acknowledgement in key.policy.acknowledge {
                part.add(acknowledgement.file)
                part.add(acknowledgement.detector)
                part.add(acknowledgement.reason)
            }
        }
        if parts.data(diskKey)?.isEmpty == true { return [] }
        let findings = make()
        if findings.isEmpty { parts.store(Data(), diskKey) }
        return findings
    }

    /// The strings a document publishes, as one digest, in an order that does not depend on the
    /// process (a log event's fields are a dictionary).
    static func publishedDigest(_ strings: [(text: String, location: SourceLocation?)]) -> String {
        let lines = strings.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0)\u{0}\($0.text)" }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return PartKey("published strings") { key in lines.forEach { key.add($0) } }.hex
    }
}
