import Dispatch

/// Work started on another thread now and collected later with `value()`, so that it fills the
/// moments when the stage running meanwhile leaves a core idle.
package final class Background<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    /// Written once before `leave`, read only after `wait`: the group orders the two.
    private var result: Result<Value, any Error>?

    package init(_ work: @escaping @Sendable () throws -> Value) {
        group.enter()
        DispatchQueue.global().async {
            self.result = Result { try work() }
            self.group.leave()
        }
    }

    /// Waits for the work and returns what it returned, or throws what it threw.
    package func value() throws -> Value {
        group.wait()
        return try result!.get()
    }
}
