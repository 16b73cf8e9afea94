import DossierModel

/// How controls of one framework relate to controls of another, row by row, with the public source
/// an auditor can check each row against.
package struct Mapping: Sendable, Hashable {
    /// Set relations between what two controls require, read from the source control's side.
    package enum Relationship: String, Sendable, Hashable, CaseIterable {
        case equivalent, subset, superset, intersects

        /// The same relation read from the other side (A ⊂ B is B ⊃ A).
        package var inverse: Relationship {
            switch self {
            case .subset: .superset
            case .superset: .subset
            case .equivalent, .intersects: self
            }
        }

        /// Whether a verdict on one side says something about the other: only an equivalent control, or
        /// one that covers all of the other (a superset), can carry a verdict across on its own.
        package var carriesVerdict: Bool { self == .equivalent || self == .superset }
    }

    package struct Relation: Sendable, Hashable {
        package var source: String
        package var target: String
        package var relationship: Relationship
        package var note: String?
    }

    package var id: String
    package var name: String
    package var sourceFramework: String
    package var targetFramework: String
    /// The public source the rows come from (publisher, title, version, address).
    package var source: String
    package var relations: [Relation]
    /// `catalogs/mappings/…` for built-in mappings, the evidence path for a user's.
    package var origin: String
}

/// A control of another framework that a mapping relates to a given control.
package struct MappedControl: Sendable, Hashable, Comparable {
    package var framework: String
    package var control: String
    /// Read from the given control's side: `.subset` means the given control asks for less.
    package var relationship: Mapping.Relationship
    /// The mapping that says so.
    package var mapping: String

    /// By framework, then control as people number them (`8.5` before `8.22`), then mapping.
    package static func < (lhs: MappedControl, rhs: MappedControl) -> Bool {
        if lhs.framework != rhs.framework { return lhs.framework < rhs.framework }
        if lhs.control != rhs.control { return NaturalOrder.less(lhs.control, rhs.control) }
        return lhs.mapping < rhs.mapping
    }
}

extension Array where Element == Mapping {
    /// Every control mapped to `control` of `framework`, in either direction, sorted.
    package func mapped(to control: String, in framework: String) -> [MappedControl] {
        var found: [MappedControl] = []
        for mapping in self {
            for relation in mapping.relations {
                if mapping.sourceFramework == framework && relation.source == control {
                    found.append(MappedControl(
                        framework: mapping.targetFramework, control: relation.target, relationship: relation.relationship, mapping: mapping.id))
                }
                if mapping.targetFramework == framework && relation.target == control {
                    found.append(MappedControl(
                        framework: mapping.sourceFramework, control: relation.source, relationship: relation.relationship.inverse, mapping: mapping.id))
                }
            }
        }
        return found.sorted()
    }
}
