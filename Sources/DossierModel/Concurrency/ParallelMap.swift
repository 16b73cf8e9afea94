import Dispatch
import Foundation

/// Runs independent per-file work on every core, keeping the input order in the result.
package enum ParallelMap {
    /// `progress` advances once per input done.
    package static func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], progress: BuildProgress? = nil, _ transform: @Sendable (Input) -> Output
    ) -> [Output] {
        let results = ResultSlots<Output>(count: inputs.count)
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            results.set(index, transform(inputs[index]))
            progress?.advance()
        }
        return results.values
    }
}

private final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    package init(count: Int) { slots = Array(repeating: nil, count: count) }

    package func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }

    package var values: [Value] { lock.withLock { slots.map { $0! } } }
}
