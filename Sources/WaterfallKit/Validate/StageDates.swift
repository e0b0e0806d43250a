/// A row's date for each stage, held inline: the row checks made a heap array of them for every
/// row of a million (issue 10). At most `Record.maxStages`.
struct StageDates: RandomAccessCollection, MutableCollection, Sendable {
    private var storage = InlineArray<12, Day?>(repeating: nil)
    let endIndex: Int

    init(count: Int) {
        precondition(count <= Record.maxStages, "more stages than a record holds")
        endIndex = count
    }

    var startIndex: Int { 0 }

    subscript(position: Int) -> Day? {
        get { storage[position] }
        set { storage[position] = newValue }
    }
}
