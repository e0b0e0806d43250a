import Dispatch
import Foundation

/// How many threads the metrics of one snapshot use (issue 10: both cores on one file). The
/// results do not depend on it: each task's output lands in its own slot, read in index order.
/// Tests set it with `ComputeParallelism.$workers.withValue(_:operation:)`.
enum ComputeParallelism {
    @TaskLocal static var workers = ProcessInfo.processInfo.activeProcessorCount

    /// `body(0) … body(count - 1)`, run on up to `workers` threads; the results in index order.
    static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        let workers = min(Self.workers, count)
        guard workers > 1 else { return (0..<count).map(body) }
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { slots in
            let shared = Slots(base: slots.baseAddress!)
            withoutActuallyEscaping(body) { body in
                let task = Task(body: body)
                // Task i on the thread that takes it next: with unequal tasks no core waits for a fixed share.
                let next = Counter()
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    while true {
                        let index = next.take()
                        guard index < count else { return }
                        shared.base[index] = task.body(index)
                    }
                }
            }
        }
        return results.map { $0! }
    }
}

private extension ComputeParallelism {
    /// The result slots, written by the workers, each slot by one task only.
    struct Slots<T>: @unchecked Sendable {
        let base: UnsafeMutablePointer<T?>
    }

    /// The work of every task; it only reads what it shares.
    struct Task<T>: @unchecked Sendable {
        let body: (Int) -> T
    }

    /// The next task index to run, taken under a lock.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0

        func take() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value - 1
        }
    }
}
