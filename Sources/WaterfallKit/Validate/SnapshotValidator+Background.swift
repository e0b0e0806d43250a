import Dispatch

extension SnapshotValidator {
    /// Merges the loader's batches in file order on a thread of its own, so that the workers
    /// check the next batch while this one is merged (issue 10: the merge had both cores wait).
    ///
    /// At most one batch waits or merges at a time; `background: false` merges on the caller's
    /// thread (one worker: a single-threaded load). The snapshot is the same either way.
    final class BatchMerger: @unchecked Sendable {
        private let validator: SnapshotValidator
        private let queue: DispatchQueue?
        private let slot = DispatchSemaphore(value: 1)

        init(_ validator: SnapshotValidator, background: Bool) {
            self.validator = validator
            queue = background ? DispatchQueue(label: "waterfall.snapshot-merge") : nil
        }

        /// Hands over the next batch's pieces; returns once the previous batch is merged.
        func submit(_ batch: [CheckedRows]) {
            guard let queue else {
                for rows in batch { validator.merge(rows) }
                return
            }
            slot.wait()
            queue.async { [self] in
                for rows in batch { validator.merge(rows) }
                slot.signal()
            }
        }

        /// Waits until every submitted batch is merged.
        func finish() {
            queue?.sync {}
        }
    }
}
