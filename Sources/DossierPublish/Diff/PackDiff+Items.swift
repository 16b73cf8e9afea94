/// Checklist items between two packs. A control can stay satisfied while the items under it fall
/// from proven to open (another item, a record or a mapping still carries it), so items are compared
/// in their own right.
extension PackDiff {
    package struct ItemChange: Encodable, Sendable, Equatable {
        package var checklist: String
        package var id: String
        /// The status in the earlier pack; nil (left out of the JSON) when the item was not in it.
        package var old: String?
        /// The status in the later pack; nil (left out of the JSON) when the item is gone.
        package var new: String?
        package var regression: Bool

        /// `pre-launch ACC-2: proven → claimed`; a side without the item reads `absent`.
        package var line: String { "\(checklist) \(id): \(old ?? "absent") → \(new ?? "absent")" }
    }

    package var itemRegressions: [ItemChange] { itemChanges.filter(\.regression) }

    /// An item regressed when it was proven and is not any more (gone included), when it was stale
    /// (evidenced, but by old evidence) and is now not evidenced at all, or when it is contradicted and
    /// was not before. Statuses are compared as text, so new ones need no change here.
    package static func itemRegressed(from old: String?, to new: String?) -> Bool {
        (old == "proven" && new != "proven")
            || (old == "stale" && !["proven", "stale", "not-applicable"].contains(new))
            || (new == "contradicted" && old != "contradicted")
    }

    /// Items matched by checklist and ID whose status changed, appeared or went: regressions first,
    /// then in the later report's order, with the items that went last. An ID answered in two answers
    /// files of one checklist is matched in order of appearance.
    package static func itemChanges(from old: [Report.Item], to new: [Report.Item]) -> [ItemChange] {
        struct Key: Hashable { var checklist: String; var id: String }
        var earlier: [Key: [String]] = [:]
        for item in old { earlier[Key(checklist: item.checklist, id: item.id), default: []].append(item.status) }
        func change(_ key: Key, _ before: String?, _ after: String?) -> ItemChange {
            ItemChange(checklist: key.checklist, id: key.id, old: before, new: after, regression: itemRegressed(from: before, to: after))
        }
        var changes: [ItemChange] = []
        for item in new {
            let key = Key(checklist: item.checklist, id: item.id)
            let before = earlier[key]?.isEmpty == false ? earlier[key]?.removeFirst() : nil
            if before != item.status { changes.append(change(key, before, item.status)) }
        }
        for item in old {
            let key = Key(checklist: item.checklist, id: item.id)
            if earlier[key]?.isEmpty == false, let gone = earlier[key]?.removeFirst() { changes.append(change(key, gone, nil)) }
        }
        return regressionsFirst(changes, \.regression)
    }
}
