/// Finds status values listed in `site.yml` that no row of any snapshot carries (SPEC §1.4): a
/// `won: [Closed won]` against data saying `Closed Won` would otherwise book nothing, silently.
struct StatusValueCheck: Sendable {
    var mapping: StatusMapping
    /// Every status value some row of some snapshot carries.
    private var seen: Set<String> = []
    /// The latest snapshot's file and its value counts, listed in the warning.
    private var latest: (file: String, counts: [String: Int])?

    init(mapping: StatusMapping) { self.mapping = mapping }

    /// Takes the status values of one snapshot, read in date order.
    mutating func add(_ counts: [String: Int], file: String) {
        seen.formUnion(counts.keys)
        latest = (file, counts)
    }

    /// W11: one per listed value that no row carries, naming the values that occur and the closest
    /// one ("did you mean").
    func diagnostics() -> [Diagnostic] {
        guard let latest else { return [] }
        let occurring = latest.counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        let listing = occurring.map { "\"\($0.key)\" (\(Format.count($0.value)))" }.joined(separator: ", ")
        return mapping.listedValues.compactMap { value, key in
            let value = value.trimmingSpaces
            guard !seen.contains(value) else { return nil }
            let guess = Self.closest(to: value, among: occurring.map(\.key)).map { "did you mean \"\($0)\"? " } ?? ""
            return Diagnostic(
                code: .w11, location: DiagnosticLocation(file: "site.yml", setting: "status.\(key)"),
                message: "no row of any snapshot carries the status value \"\(value)\", so it maps nothing",
                fix: "\(guess.isEmpty ? "" : guess.prefix(1).uppercased() + guess.dropFirst())The values of \(mapping.column) in "
                    + "\(latest.file) are: \(listing). Status values match exactly: copy the spelling from the export")
        }
    }

    /// The value equal but for case and spaces, else the nearest by edits (`String.nearest(in:)`).
    static func closest(to value: String, among candidates: [String]) -> String? {
        let key = value.looseKey
        return candidates.first { $0.looseKey == key } ?? value.nearest(in: candidates)
    }
}
