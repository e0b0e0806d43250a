extension String {
    /// The candidate nearest to this string for a "did you mean" (Levenshtein distance on characters,
    /// at most a third of the candidate's length, and at least one edit allowed); nil when none is near.
    public func nearest(in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(to: $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(1, best.0.count / 3) else { return nil }
        return best.0
    }

    /// The number of single-character insertions, deletions and substitutions between two strings.
    public func editDistance(to other: String) -> Int {
        let a = Array(self), b = Array(other)
        guard !a.isEmpty else { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var diagonal = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let above = row[j]
                row[j] = Swift.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
                diagonal = above
            }
        }
        return row[b.count]
    }

    /// The string lower-cased without spaces, `_` and `-`: `Deal Owner`, `deal_owner` and `dealowner` match.
    var looseKey: String {
        String(lowercased().unicodeScalars.filter { $0 != " " && $0 != "_" && $0 != "-" && $0 != "\t" })
    }
}
