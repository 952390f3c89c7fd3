// Results computed at the same time on several threads, one slot per shard or chunk, read in
// slot order afterwards, so the combined numbers do not depend on which thread finished first.

import Foundation

/// One result per shard, by shard (slot s written once, by the thread computing shard s).
final class ShardSlots<Value>: @unchecked Sendable {
    private(set) var values: [Value?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func store(_ value: Value, at index: Int) {
        lock.lock()
        defer { lock.unlock() }
        values[index] = value
    }
}
