import Foundation

/// What one build computed, for the next build of the same process (`dossier serve` rebuilds on
/// every save): each value under a key that holds everything the value depends on, so a value
/// found is the value the build would compute. A build keeps only the entries it used, so an
/// edited or deleted file's old value goes with the build after it.
package final class BuildMemo<Key: Hashable & Sendable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var previous: [Key: Value] = [:]
    private var current: [Key: Value] = [:]
    private var recalled = 0
    /// How many values the last finished build found instead of computing.
    private(set) package var lastRecalled = 0

    package init() {}

    /// The value under `key`, remembered or made now (outside the lock: `make` may take long and
    /// run on every core at once). A value `make` throws for is not kept.
    /// A value found that `fits` does not accept is made again (a key that holds only part of what
    /// the value depends on, the rest compared with what the value was made from).
    package func value(for key: Key, if fits: (Value) -> Bool = { _ in true }, make: () throws -> Value) rethrows -> Value {
        if let found = recall(key, if: fits) { return found }
        let made = try make()
        remember(made, under: key)
        return made
    }

    /// The value under `key` if an earlier build or this one made it and `fits` accepts it.
    package func recall(_ key: Key, if fits: (Value) -> Bool = { _ in true }) -> Value? {
        lock.withLock {
            guard let value = previous[key] ?? current[key], fits(value) else { return nil }
            current[key] = value
            recalled += 1
            return value
        }
    }

    package func remember(_ value: Value, under key: Key) {
        lock.withLock { current[key] = value }
    }

    /// Ends a build: what it did not use is forgotten.
    package func finishBuild() {
        lock.withLock {
            previous = current
            // The next build keeps about as many: grown from empty, the table is copied over and over.
            current = Dictionary(minimumCapacity: previous.count)
            lastRecalled = recalled
            recalled = 0
        }
    }
}
