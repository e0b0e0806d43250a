extension BridgeCarry {
    /// The stored form: a `CacheRecord` header line with the body's SHA-256, then the columns in
    /// `BinaryColumns` layout (a 1M-row snapshot's open records are millions of numbers).
    func encoded() -> [UInt8] {
        var writer = BinaryColumnWriter()
        writer.int(Int64(date.daysSinceEpoch))
        writer.string(file)
        writer.int(Int64(stageCount))
        writer.int(Int64(dimensionCount))
        for column in [ids, owners, names, lostReasons] { writer.strings(column) }
        for column in [stageDays, lostDays, closeDays] { writer.numbers(column) }
        writer.numbers(amounts)
        writer.flags(hasAmounts)
        writer.numbers(sources)
        writer.numbers(dimensions)
        writer.strings(sourceValues)
        writer.int(Int64(dimensionValues.count))
        for values in dimensionValues { writer.strings(values) }
        return CacheRecord.wrap(writer.bytes, kind: Self.kind, format: Self.format)
    }

    /// Reads `encoded()` back, checking the header, the checksum and that every column has the
    /// length its counts imply.
    init(decoding bytes: [UInt8]) throws {
        var reader = BinaryColumnReader(try CacheRecord.verified(kind: Self.kind, format: Self.format, bytes[...]))
        let days = try reader.int()
        guard let day = Int32(exactly: days) else { throw CacheRecord.Problem.damaged("bad date") }
        date = Day(daysSinceEpoch: day)
        file = try reader.string()
        stageCount = Int(try reader.int())
        dimensionCount = Int(try reader.int())
        (ids, owners, names, lostReasons) = (try reader.strings(), try reader.strings(), try reader.strings(), try reader.strings())
        (stageDays, lostDays, closeDays) = (try reader.numbers(Int32.self), try reader.numbers(Int32.self), try reader.numbers(Int32.self))
        amounts = try reader.numbers(Int64.self)
        hasAmounts = try reader.flags()
        sources = try reader.numbers(Int32.self)
        dimensions = try reader.numbers(Int32.self)
        sourceValues = try reader.strings()
        let dimensionCount = try reader.int()
        guard dimensionCount >= 0, dimensionCount < 10_000 else { throw CacheRecord.Problem.damaged("bad dimension count") }
        dimensionValues = try (0..<dimensionCount).map { _ in try reader.strings() }
        let records = ids.count
        guard reader.isAtEnd, stageCount >= 0, self.dimensionCount >= 0,
              [owners.count, names.count, lostReasons.count, lostDays.count, closeDays.count, amounts.count,
               hasAmounts.count, sources.count].allSatisfy({ $0 == records }),
              stageDays.count == records * stageCount, dimensions.count == records * self.dimensionCount
        else { throw CacheRecord.Problem.damaged("columns of unequal length") }
    }
}
