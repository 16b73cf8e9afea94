import DossierModel
import Foundation

/// Reads typed fields out of a JSON or YAML tree, turning every problem into a diagnostic that
/// points at the offending key or value: missing required fields, wrong types, bad dates,
/// values outside an allowed set, duplicate keys, and unknown keys (with a "did you mean").
///
/// Identifiers are `dossier.<area>.<problem>`, e.g. `dossier.approval.bad-date`.
package final class FieldReader {
    package let file: String
    package let area: String
    package private(set) var diagnostics: [Diagnostic] = []
    /// The zone a date-time written without one is read in: the configuration's `timezone:`.
    package var timeZone: TimeZone

    package init(file: String, area: String, timeZone: TimeZone = ISODate.utc) {
        self.file = file
        self.area = area
        self.timeZone = timeZone
    }

    /// Another reader's findings, as this one's: a part of the object read under its own area (a sign-off).
    package func report(contentsOf other: FieldReader) {
        diagnostics += other.diagnostics
    }

    /// A finding of the file's own, under an identifier outside the field family.
    package func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// `field`: the dotted path of the field the problem is in (`Diagnostic.field`), nil for the whole file.
    package func report(
        _ severity: DiagnosticSeverity, _ problem: DiagnosticID.FieldProblem, _ summary: String, at location: SourceLocation?,
        suggestion: Suggestion? = nil, field: String? = nil
    ) {
        var diagnostic = Diagnostic(severity, .field(area, problem), summary, file: file, at: location, suggestion: suggestion)
        diagnostic.field = field.flatMap { $0.isEmpty ? nil : $0 }
        diagnostics.append(diagnostic)
    }

    /// How many unknown or repeated keys of one object are each reported.
    static let reportedPerObject = 50

    /// The fields of an object node, after checking its keys against `allowed`; nil (reported) if not an object.
    /// `path` is where the object sits in the file (`credentials` for each of its items), "" for the file's own.
    package func fields(of node: JSONNode, allowed: [String], describing what: String, path: String = "") -> Fields? {
        guard let members = node.members else {
            report(.error, .wrongType, "\(what) must be an object, found \(node.typeName)", at: node.location, field: path)
            return nil
        }
        var seen: Set<String> = []
        var (duplicates, unknown) = (0, 0)
        for member in members {
            if !seen.insert(member.key).inserted {
                duplicates += 1
                if duplicates <= Self.reportedPerObject {
                    report(.error, .duplicateKey, "Key '\(member.key)' appears more than once in \(what)", at: member.keyLocation,
                           field: Fields.join(path, member.key))
                }
            }
            if !allowed.contains(member.key) {
                unknown += 1
                guard unknown <= Self.reportedPerObject else { continue }
                let suggestion = Spelling.suggestion(for: member.key, among: allowed)
                let hint = suggestion?.hint ?? ""
                report(.warning, .unknownKey, "Unknown key '\(member.key)' in \(what)\(hint)", at: member.keyLocation, suggestion: suggestion,
                       field: Fields.join(path, member.key))
            }
        }
        // Each of 190 000 unknown keys reported took three minutes and 1.6 GB: past the first few, one
        // finding says how many more there are.
        for (count, id, kind) in [(duplicates, DiagnosticID.FieldProblem.duplicateKey, "repeated"), (unknown, .unknownKey, "unknown")]
        where count > Self.reportedPerObject {
            report(id == .duplicateKey ? .error : .warning, id,
                   "\(count - Self.reportedPerObject) more \(kind) keys in \(what) are not listed (the first \(Self.reportedPerObject) are)",
                   at: node.location, field: path)
        }
        return Fields(node: node, reader: self, what: what, path: path)
    }

    /// Typed access to one object's fields; each accessor reports what is wrong and returns nil.
    package struct Fields {
        package let node: JSONNode
        let reader: FieldReader
        let what: String
        /// Where the object sits in the file, as `Diagnostic.field` names it ("" for the file's own object).
        let path: String

        package var location: SourceLocation { node.location }

        /// `credentials` and `rotated_at` → `credentials.rotated_at`.
        static func join(_ path: String, _ key: String) -> String {
            path.isEmpty ? key : path + "." + key
        }

        /// A problem with the field `key` of this object.
        private func report(
            _ severity: DiagnosticSeverity, _ problem: DiagnosticID.FieldProblem, _ summary: String, key: String,
            at location: SourceLocation?, suggestion: Suggestion? = nil
        ) {
            reader.report(severity, problem, summary, at: location, suggestion: suggestion, field: Self.join(path, key))
        }

        package func value(_ key: String, required: Bool) -> JSONNode? {
            guard let found = node[key], found.value != .null else {
                if required {
                    report(.error, .missingField, "\(what.capitalisedFirst) has no '\(key)'; add it", key: key, at: node.location)
                }
                return nil
            }
            return found
        }

        private func typed<T>(_ key: String, required: Bool, expected: String, _ extract: (JSONNode) -> T?) -> T? {
            guard let found = value(key, required: required) else { return nil }
            guard let result = extract(found) else {
                report(.error, .wrongType, "'\(key)' must be \(expected), found \(found.typeName)", key: key, at: found.location)
                return nil
            }
            return result
        }

        package func string(_ key: String, required: Bool = false) -> String? {
            if let found = node[key], case .number = found.value {
                // YAML reads `5.10` as the number 5.1: only quotes keep an identifier as written.
                report(.error, .wrongType, "'\(key)' must be text, found a number; put it in quotes so it is kept as written", key: key, at: found.location)
                return nil
            }
            return typed(key, required: required, expected: "text") { $0.string }.flatMap { text in
                if text.trimmingBlanks.isEmpty {
                    if required { report(.error, .missingField, "'\(key)' is empty; fill it in", key: key, at: node[key]?.location) }
                    return nil
                }
                return text
            }
        }

        package func bool(_ key: String, required: Bool = false) -> Bool? {
            typed(key, required: required, expected: "true or false") { $0.bool }
        }

        package func integer(_ key: String, required: Bool = false, minimum: Int = Int.min) -> Int? {
            guard let number = typed(key, required: required, expected: "a whole number", { node -> Int? in
                guard case .number(let text) = node.value else { return nil }
                return Int(text)
            }) else { return nil }
            if number < minimum {
                report(.error, .badValue, "'\(key)' must be at least \(minimum), found \(number)", key: key, at: node[key]?.location)
                return nil
            }
            return number
        }

        package func strings(_ key: String, required: Bool = false) -> [String]? {
            guard let elements = typed(key, required: required, expected: "a list", { $0.elements }) else { return nil }
            var result: [String] = []
            for element in elements {
                guard let text = element.string else {
                    report(.error, .wrongType, "Items of '\(key)' must be text, found \(element.typeName)", key: key, at: element.location)
                    continue
                }
                result.append(text)
            }
            return result
        }

        /// A value that must be one of `choices`; a near miss gets a "did you mean".
        package func choice(_ key: String, _ choices: [String], required: Bool = false) -> String? {
            guard let text = string(key, required: required) else { return nil }
            guard choices.contains(text) else {
                let suggestion = Spelling.suggestion(for: text, among: choices)
                let hint = suggestion?.hint ?? ""
                report(.error, .badValue, "'\(key)' must be one of \(choices.joined(separator: ", ")), found '\(text)'\(hint)", key: key, at: node[key]?.location, suggestion: suggestion)
                return nil
            }
            return text
        }

        /// An ISO 8601 date (`2026-10-06`) or date-time (`2026-10-06T14:30:00Z`); a date-time without a
        /// zone (`2026-10-06T14:30:00`) is read in the reader's `timeZone`.
        package func date(_ key: String, required: Bool = false) -> Date? {
            guard let text = string(key, required: required) else { return nil }
            guard let date = ISODate.parse(text, zone: reader.timeZone) else {
                // Written the right way, but a day the calendar lacks (2027-02-30): say that, not how to write a date.
                if ISODate.isImpossibleDay(text) {
                    report(.error, .badDate, "'\(key)' is \(text.prefix(10)), a day the calendar does not have; correct the month or the day", key: key, at: node[key]?.location)
                    return nil
                }
                report(.error, .badDate, "'\(key)' is not an ISO 8601 date; \(ISODate.hint)", key: key, at: node[key]?.location)
                return nil
            }
            return date
        }

        package func object(_ key: String, allowed: [String], required: Bool = false) -> Fields? {
            guard let found = value(key, required: required) else { return nil }
            return reader.fields(of: found, allowed: allowed, describing: "'\(key)'", path: Self.join(path, key))
        }

        package func array(_ key: String, required: Bool = false) -> [JSONNode]? {
            typed(key, required: required, expected: "a list") { $0.elements }
        }

        /// A list of objects, each checked against `allowed` and handed to `read`; unreadable items are skipped.
        package func objects<T>(_ key: String, allowed: [String], required: Bool = false, _ read: (Fields) -> T?) -> [T]? {
            guard let elements = array(key, required: required) else { return nil }
            return elements.compactMap { element in
                reader.fields(of: element, allowed: allowed, describing: "an item of '\(key)'", path: Self.join(path, key)).flatMap(read)
            }
        }

        /// `{name, role}`: a person named in a record.
        package func person(_ key: String, required: Bool = false, roleRequired: Bool = false) -> PersonName? {
            person(key, required: required, roleRequired: roleRequired, also: [])?.person
        }

        /// `{name, role}` of whoever decided (an approval's approver or requester, a waiver's
        /// approver): a name, or a required role, that is a placeholder (`TBD`, `<approver name>`,
        /// `unknown`) names no one, so the record is not read, as if the person were missing.
        package func signer(_ key: String, roleRequired: Bool = false) -> PersonName? {
            guard let person = person(key, required: true, roleRequired: roleRequired) else { return nil }
            for (field, value) in [("name", person.name), ("role", roleRequired ? person.role : nil)] {
                guard let value, FillerText.saysNothing(value) else { continue }
                report(.error, .missingField, "'\(key).\(field)' is '\(value)', which names no one; write who decided, or the record proves nothing",
                       key: key, at: node[key]?[field]?.location ?? node[key]?.location)
                return nil
            }
            return person
        }

        /// `{name, role, …}`: a person, and the same object's fields for the keys in `also` (a
        /// sign-off's `date`), which the caller reads.
        package func person(_ key: String, required: Bool = false, roleRequired: Bool = false, also: [String]) -> (person: PersonName, fields: Fields)? {
            guard let person = object(key, allowed: ["name", "role"] + also, required: required),
                  let name = person.string("name", required: true) else { return nil }
            return (PersonName(name: name, role: person.string("role", required: roleRequired)), person)
        }
    }
}

extension String {
    package var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
