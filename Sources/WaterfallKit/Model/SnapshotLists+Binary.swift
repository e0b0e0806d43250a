/// The stored form of a snapshot's record lists: each list's fields as columns in `BinaryColumns`
/// layout. Written by hand like `BridgeCarry`'s: through `Codable` (`CompactEncoder`), the lists of
/// a 1M-row snapshot took about 0.3 s of CPU to encode, a tenth of a 2 × 1M-row build (issue 10),
/// spent in dynamic casts and reference counting per field.
extension SnapshotLists {
    /// The body of the record (`CacheRecord.wrap` adds the header line).
    func binaryBody() -> [UInt8] {
        var writer = BinaryColumnWriter()
        writer.int(Int64(scopes.count))
        for scope in scopes {
            Self.write(scope.pastDueDeals, &writer)
            Self.write(scope.inQuarterDeals, &writer)
            writer.int(Int64(scope.breachedLeads.count))
            for leads in scope.breachedLeads { Self.write(leads, &writer) }
            for deals in [scope.wonDeals, scope.lostDeals, scope.removedDeals] { Self.write(deals, &writer) }
            for deals in [scope.pushedDeals, scope.pulledInDeals] { Self.write(deals, &writer) }
        }
        return writer.bytes
    }

    /// Reads `binaryBody()` back; a count, length or column that does not fit is damage.
    init(binaryBody bytes: ArraySlice<UInt8>) throws {
        var reader = BinaryColumnReader(bytes)
        // Appended one by one, not mapped over the count: a damaged count must not reserve memory.
        var scopes: [Scope] = []
        for _ in 0..<(try reader.count()) {
            let pastDue = try Self.pipelineDeals(&reader), inQuarter = try Self.pipelineDeals(&reader)
            var breached: [[BreachedLead]] = []
            for _ in 0..<(try reader.count()) { breached.append(try Self.breachedLeads(&reader)) }
            let (won, lost, removed) = (try Self.bridgeDeals(&reader), try Self.bridgeDeals(&reader), try Self.bridgeDeals(&reader))
            let (pushed, pulledIn) = (try Self.shiftedDeals(&reader), try Self.shiftedDeals(&reader))
            scopes.append(Scope(pastDueDeals: pastDue, inQuarterDeals: inQuarter, breachedLeads: breached, wonDeals: won,
                                lostDeals: lost, removedDeals: removed, pushedDeals: pushed, pulledInDeals: pulledIn))
        }
        self.scopes = scopes
        guard reader.isAtEnd else { throw CacheRecord.Problem.damaged("record lists: bytes after the last list") }
    }
}

// MARK: - One list each

private extension SnapshotLists {
    /// The columns every list starts with; the reader checks that the others have as many entries.
    static func writeNames<Deal>(_ deals: [Deal], id: (Deal) -> String, name: (Deal) -> String, owner: (Deal) -> String,
                                 _ writer: inout BinaryColumnWriter) {
        writer.strings(deals.map(id))
        writer.strings(deals.map(name))
        writer.strings(deals.map(owner))
    }

    static func names(_ reader: inout BinaryColumnReader) throws -> (ids: [String], names: [String], owners: [String]) {
        let names = (try reader.strings(), try reader.strings(), try reader.strings())
        guard names.1.count == names.0.count, names.2.count == names.0.count else { throw damaged }
        return names
    }

    static func days(_ values: [Day]) -> [Int32] { values.map(\.daysSinceEpoch) }

    static func days(_ reader: inout BinaryColumnReader, count: Int) throws -> [Day] {
        let values = try reader.numbers(Int32.self)
        guard values.count == count else { throw damaged }
        return values.map(Day.init(daysSinceEpoch:))
    }

    static func numbers(_ reader: inout BinaryColumnReader, count: Int) throws -> [Int64] {
        let values = try reader.numbers(Int64.self)
        guard values.count == count else { throw damaged }
        return values
    }

    static var damaged: CacheRecord.Problem { .damaged("record lists: columns of unequal length") }

    static func write(_ deals: [PipelineDeal], _ writer: inout BinaryColumnWriter) {
        writeNames(deals, id: \.id, name: \.name, owner: \.owner, &writer)
        writer.numbers(deals.map(\.amount.cents))
        writer.numbers(deals.map { Int64($0.stage) })
        writer.numbers(days(deals.map(\.closeDate)))
    }

    static func pipelineDeals(_ reader: inout BinaryColumnReader) throws -> [PipelineDeal] {
        let (ids, names, owners) = try names(&reader)
        let amounts = try numbers(&reader, count: ids.count), stages = try numbers(&reader, count: ids.count)
        let closeDates = try days(&reader, count: ids.count)
        return ids.indices.map {
            PipelineDeal(id: ids[$0], name: names[$0], owner: owners[$0], amount: Money(cents: amounts[$0]),
                         stage: Int(stages[$0]), closeDate: closeDates[$0])
        }
    }

    static func write(_ leads: [BreachedLead], _ writer: inout BinaryColumnWriter) {
        writeNames(leads, id: \.id, name: \.name, owner: \.owner, &writer)
        writer.numbers(days(leads.map(\.enteredOn)))
        writer.numbers(leads.map { Int64($0.daysWaiting) })
    }

    static func breachedLeads(_ reader: inout BinaryColumnReader) throws -> [BreachedLead] {
        let (ids, names, owners) = try names(&reader)
        let entered = try days(&reader, count: ids.count), waiting = try numbers(&reader, count: ids.count)
        return ids.indices.map {
            BreachedLead(id: ids[$0], name: names[$0], owner: owners[$0], enteredOn: entered[$0], daysWaiting: Int(waiting[$0]))
        }
    }

    static func write(_ deals: [BridgeDeal], _ writer: inout BinaryColumnWriter) {
        writeNames(deals, id: \.id, name: \.name, owner: \.owner, &writer)
        writer.numbers(deals.map(\.amount.cents))
        writer.strings(deals.map(\.lostReason))
    }

    static func bridgeDeals(_ reader: inout BinaryColumnReader) throws -> [BridgeDeal] {
        let (ids, names, owners) = try names(&reader)
        let amounts = try numbers(&reader, count: ids.count)
        let reasons = try reader.strings()
        guard reasons.count == ids.count else { throw damaged }
        return ids.indices.map {
            BridgeDeal(id: ids[$0], name: names[$0], owner: owners[$0], amount: Money(cents: amounts[$0]), lostReason: reasons[$0])
        }
    }

    static func write(_ deals: [ShiftedDeal], _ writer: inout BinaryColumnWriter) {
        writeNames(deals, id: \.id, name: \.name, owner: \.owner, &writer)
        writer.numbers(deals.map(\.amount.cents))
        writer.numbers(days(deals.map(\.closeBefore)))
        writer.numbers(days(deals.map(\.closeAfter)))
        for quarters in [deals.map(\.quarterBefore), deals.map(\.quarterAfter)] {
            writer.numbers(quarters.map { Int64($0.fiscalYear) })
            writer.numbers(quarters.map { Int64($0.quarter) })
            writer.numbers(days(quarters.map(\.start)))
            writer.numbers(days(quarters.map(\.end)))
        }
    }

    static func shiftedDeals(_ reader: inout BinaryColumnReader) throws -> [ShiftedDeal] {
        let (ids, names, owners) = try names(&reader)
        let count = ids.count
        let amounts = try numbers(&reader, count: count)
        let before = try days(&reader, count: count), after = try days(&reader, count: count)
        func quarters() throws -> [FiscalQuarter] {
            let years = try numbers(&reader, count: count), quarters = try numbers(&reader, count: count)
            let starts = try days(&reader, count: count), ends = try days(&reader, count: count)
            return (0..<count).map {
                FiscalQuarter(fiscalYear: Int(years[$0]), quarter: Int(quarters[$0]), start: starts[$0], end: ends[$0])
            }
        }
        let quartersBefore = try quarters(), quartersAfter = try quarters()
        return (0..<count).map {
            ShiftedDeal(id: ids[$0], name: names[$0], owner: owners[$0], amount: Money(cents: amounts[$0]),
                        closeBefore: before[$0], closeAfter: after[$0], quarterBefore: quartersBefore[$0], quarterAfter: quartersAfter[$0])
        }
    }
}
