/// Somebody named in a record, with the role they acted in.
public struct PersonName: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var role: String?

    public init(name: String, role: String?) {
        self.name = name
        self.role = role
    }

    /// `Fiona Marsh (CAB chair)`.
    public var description: String { role.map { "\(name) (\($0))" } ?? name }
}
