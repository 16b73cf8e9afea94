import Foundation

/// What one build computed, for the next build of the same process (`dossier serve` rebuilds on
/// every save): each value under a key that holds everything the value depends on, so a value
/// found is the value the build would compute. A build keeps only the entries it used, so an
/// edited or deleted file's old value goes with the build after it.
package final class BuildMemo<Key: Hashable & Sendable, Value>: @unchecked Sendable {
    /// The table is split by hash, each part behind its own lock: one table behind one lock made the
    /// cores queue for it (a third of a `serve` rebuild's look-ups at 10 000 files went to waiting).
    private let shards = (0..<32).map { _ in Shard() }

    /// How many values the last finished build found instead of computing.
    package var lastRecalled: Int { shards.reduce(0) { total, shard in total + shard.lock.withLock { shard.lastRecalled } } }

    private final class Shard {
        let lock = NSLock()
        var previous: [Hashed: Value] = [:]
        var current: [Hashed: Value] = [:]
        var recalled = 0
        var lastRecalled = 0
    }

    /// A key with its hash taken once, outside any lock: keys hold files, URLs, limits and zones.
    private struct Hashed: Hashable {
        let key: Key
        let hash: Int
        init(_ key: Key) {
            self.key = key
            hash = key.hashValue
        }
        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
        static func == (a: Hashed, b: Hashed) -> Bool { a.hash == b.hash && a.key == b.key }
    }

    package init() {}

    private func shard(_ key: Hashed) -> Shard {
        shards[Int(UInt(bitPattern: key.hash) % UInt(shards.count))]
    }

    /// The value under `key`, remembered or made now (outside the lock: `make` may take long and
    /// run on every core at once). A value `make` throws for is not kept.
    /// A value found that `fits` does not accept is made again (a key that holds only part of what
    /// the value depends on, the rest compared with what the value was made from).
    package func value(for key: Key, if fits: (Value) -> Bool = { _ in true }, make: () throws -> Value) rethrows -> Value {
        let hashed = Hashed(key)
        if let found = recall(hashed, if: fits) { return found }
        let made = try make()
        store(made, under: hashed)
        return made
    }

    /// The value under `key` if an earlier build or this one made it and `fits` accepts it.
    package func recall(_ key: Key, if fits: (Value) -> Bool = { _ in true }) -> Value? {
        recall(Hashed(key), if: fits)
    }

    /// `fits` runs outside the lock: it may compare large values.
    private func recall(_ key: Hashed, if fits: (Value) -> Bool) -> Value? {
        let shard = shard(key)
        guard let found = shard.lock.withLock({ shard.previous[key] ?? shard.current[key] }), fits(found) else { return nil }
        shard.lock.withLock {
            shard.current[key] = found
            shard.recalled += 1
        }
        return found
    }

    package func remember(_ value: Value, under key: Key) {
        store(value, under: Hashed(key))
    }

    private func store(_ value: Value, under key: Hashed) {
        let shard = shard(key)
        shard.lock.withLock { shard.current[key] = value }
    }

    /// Ends a build: what it did not use is forgotten.
    package func finishBuild() {
        for shard in shards {
            shard.lock.withLock {
                shard.previous = shard.current
                // The next build keeps about as many: grown from empty, the table is copied over and over.
                shard.current = Dictionary(minimumCapacity: shard.previous.count)
                shard.lastRecalled = shard.recalled
                shard.recalled = 0
            }
        }
    }
}
