import DossierIntake
import DossierModel
import Foundation

extension SecretScanner {
    /// A document's findings as the last `dossier build` kept them on disk (`parts`), else made now and kept.
    func kept(under key: MemoryKey, make: () -> [Finding]) -> [Finding] {
        guard let parts else { return make() }
        let diskKey = PartKey("secret findings") { part in
            part.add(key.file)
            part.add(key.sha256)
            part.add(key.published)
            // Every limit is a whole number: their description is stable from one process to the next.
            part.add(String(describing: key.limits))
            part.add(key.policy.allow.count)
            key.policy.allow.forEach { part.add($0) }
            part.add(key.policy.acknowledge.count)
            for acknowledgement in key.policy.acknowledge {
                part.add(acknowledgement.file)
                part.add(acknowledgement.detector)
                part.add(acknowledgement.reason)
            }
        }
        if let data = parts.data(diskKey), let findings = Self.decode(data) { return findings }
        let findings = make()
        // Only "nothing found" is kept: a secret's value never goes to disk beside the pack.
        if findings.isEmpty { parts.store(Self.encode(findings), diskKey) }
        return findings
    }

    /// The strings a document publishes, as one digest, in an order that does not depend on the
    /// process (a log event's fields are a dictionary).
    static func publishedDigest(_ strings: [(text: String, location: SourceLocation?)]) -> String {
        let lines = strings.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0)\u{0}\($0.text)" }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return PartKey("published strings") { key in lines.forEach { key.add($0) } }.hex
    }

    private static let places: [Place] = [.bytes, .decoded, .name]

    static func encode(_ findings: [Finding]) -> Data {
        var writer = PartWriter()
        writer.count(findings.count)
        for finding in findings {
            writer.text(finding.detector.id)
            writer.text(finding.value)
            writer.byte(UInt8(places.firstIndex(of: finding.place)!))
            writer.byte(finding.location == nil ? 0 : 1)
            if let location = finding.location {
                writer.count(location.line)
                writer.count(location.column)
            }
        }
        return writer.data
    }

    /// The findings kept in `data`; nil when they are not what `encode` wrote (a detector this binary lacks).
    static func decode(_ data: Data) -> [Finding]? {
        var reader = PartReader(data)
        guard let count = reader.count() else { return nil }
        var findings: [Finding] = []
        for _ in 0..<count {
            guard let id = reader.text(), let detector = SecretDetector.all.first(where: { $0.id == id }), let value = reader.text(),
                  let place = reader.byte(), Int(place) < places.count, let located = reader.byte() else { return nil }
            var location: SourceLocation?
            if located == 1 {
                guard let line = reader.count(), let column = reader.count() else { return nil }
                location = SourceLocation(line: line, column: column)
            }
            findings.append(Finding(detector: detector, value: value, location: location, place: places[Int(place)]))
        }
        return reader.atEnd ? findings : nil
    }
}
