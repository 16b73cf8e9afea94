import DossierModel

/// `dossier catalog`'s views of the compliance content: JSON rows for tools, tables for people.
package struct CatalogListing: Sendable {
    package struct ControlEntry: Encodable, Sendable {
        package var framework: String
        package var id: String
        package var title: String
    }

    package struct ChecklistItemEntry: Encodable, Sendable {
        package var checklist: String
        package var id: String
        package var section: String
        package var text: String
        /// Control IDs per framework; frameworks without controls are left out.
        package var controls: [String: [String]]
        /// The evidence kinds its expectations take.
        package var evidence: [String]
        /// What must be shown for it to be proven, one line per expectation (all must hold).
        package var expects: [String]
    }

    package struct MappingRowEntry: Encodable, Sendable {
        package var mapping: String
        package var sourceFramework: String
        package var source: String
        package var targetFramework: String
        package var target: String
        package var relationship: String

        enum CodingKeys: String, CodingKey {
            case mapping, source, target, relationship
            case sourceFramework = "source_framework"
            case targetFramework = "target_framework"
        }
    }

    package var content: ComplianceContent

    package init(content: ComplianceContent) {
        self.content = content
    }

    package var controls: [ControlEntry] {
        content.catalogs.flatMap { catalog in catalog.controls.map { ControlEntry(framework: catalog.framework, id: $0.id, title: $0.title) } }
    }

    package var checklistItems: [ChecklistItemEntry] {
        content.checklists.flatMap { checklist in
            checklist.items.map { item in
                ChecklistItemEntry(
                    checklist: checklist.id, id: item.id, section: item.section, text: item.text,
                    controls: item.controls.filter { !$0.value.isEmpty }, evidence: item.evidence,
                    expects: item.expects.map(\.summary))
            }
        }
    }

    package var mappingRows: [MappingRowEntry] {
        content.mappings.flatMap { mapping in
            mapping.relations.map { row in
                MappingRowEntry(
                    mapping: mapping.id, sourceFramework: mapping.sourceFramework, source: row.source,
                    targetFramework: mapping.targetFramework, target: row.target, relationship: row.relationship.rawValue)
            }
        }
    }

    /// Every framework's controls, then one line per checklist and per mapping.
    package var overview: String {
        var lines: [String] = []
        for catalog in content.catalogs {
            lines.append("\(catalog.name) (\(catalog.framework)) — \(catalog.controls.count) controls")
            lines += Self.table(catalog.controls.map { [$0.id, $0.title] })
            lines.append("")
        }
        lines.append("Checklists — \(content.checklists.count)")
        lines += Self.table(content.checklists.map { [$0.id, "\($0.items.count) items", $0.name, $0.origin] })
        lines.append("")
        lines.append("Mappings — \(content.mappings.count)")
        lines += Self.table(content.mappings.map {
            [$0.id, "\($0.sourceFramework) → \($0.targetFramework)", "\($0.relations.count) rows", $0.origin]
        })
        return lines.map(TerminalText.escaped).joined(separator: "\n") + "\n"
    }

    package var checklistTable: String {
        var lines: [String] = []
        for checklist in content.checklists {
            lines.append("\(checklist.name) (\(checklist.id)) — \(checklist.items.count) items, from \(checklist.origin)")
            lines += Self.table(checklist.items.map { item in
                let controls = content.catalogs.compactMap { catalog -> String? in
                    let ids = item.controls[catalog.framework] ?? []
                    return ids.isEmpty ? nil : "\(catalog.framework) " + ids.joined(separator: ", ")
                }
                return [item.id, item.text, controls.joined(separator: "; ")]
            })
            // What proves each item, below the table: the lines are too long for a column.
            lines.append("  What proves each item (all must hold):")
            for item in checklist.items {
                lines += item.expects.map { "    \(item.id): \($0.summary)" }
            }
            lines.append("")
        }
        return lines.map(TerminalText.escaped).joined(separator: "\n")
    }

    package var mappingTable: String {
        var lines: [String] = []
        for mapping in content.mappings {
            lines.append("\(mapping.name) (\(mapping.id)) — \(mapping.relations.count) rows, from \(mapping.origin)")
            lines.append("  Source: \(mapping.source)")
            lines += Self.table(mapping.relations.map { [$0.source, $0.relationship.rawValue, $0.target] })
            lines.append("")
        }
        return lines.map(TerminalText.escaped).joined(separator: "\n")
    }

    /// Left-aligned columns, two spaces apart, indented by two; the last column is not padded.
    package static func table(_ rows: [[String]]) -> [String] {
        guard let columns = rows.map(\.count).max() else { return [] }
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
    }
}
