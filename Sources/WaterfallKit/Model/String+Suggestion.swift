extension String {
    /// The candidate nearest to this string for a "did you mean" (Levenshtein distance on characters,
    /// at most a third of the candidate's length, and at least one edit allowed); nil when none is near.
    public func nearest(in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(to: $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(1, best.0.count / 3) else { return nil }
        return best.0
    }

    /// The number of single-character insertions, deletions, substitutions and swaps of two
    /// neighbours between two strings (optimal string alignment: `biuld` is one edit from `build`).
    func editDistance(to other: String) -> Int {
        let a = Array(self), b = Array(other)
        guard !a.isEmpty, !b.isEmpty else { return Swift.max(a.count, b.count) }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = Swift.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = Swift.min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }

    /// The string lower-cased without spaces, `_` and `-`: `Deal Owner`, `deal_owner` and `dealowner` match.
    var looseKey: String {
        String(lowercased().unicodeScalars.filter { $0 != " " && $0 != "_" && $0 != "-" && $0 != "\t" })
    }
}
