/// Codable forms for the build cache (`SnapshotCacheEntry`): the metric types declare `Codable`
/// and synthesize it; these few small values are written by hand as single numbers or names.

extension Day: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(daysSinceEpoch: try decoder.singleValueContainer().decode(Int32.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(daysSinceEpoch)
    }
}

extension Money: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(cents: try decoder.singleValueContainer().decode(Int64.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(cents)
    }
}

extension DiagnosticCode: Codable {}
extension BandVerdict: Codable {}
