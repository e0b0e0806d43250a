/// A BagIt bag (RFC 8493, version 1.0) as Waterfall writes its archived quarters: payload files
/// under `data/` are added one at a time (a large export is hashed as it is written, never held
/// twice), then `tagFiles` closes the bag. Manifests are sorted by path and hold no timestamps,
/// so the same files give the same bytes.
struct Bag: Sendable {
    /// What `bag-info.txt` says about the bag.
    struct Info: Sendable {
        var organization: String
        var quarter: String
        var lastSnapshot: Day
        var description: String
    }

    /// One line of a manifest: a file's path inside the bag and its SHA-256.
    struct Entry: Sendable, Equatable {
        var path: String
        var digest: SHA256Digest
    }

    static let manifestFile = "manifest-sha256.txt"
    static let tagManifestFile = "tagmanifest-sha256.txt"
    static let declarationFile = "bagit.txt"
    static let infoFile = "bag-info.txt"
    /// The `bag-info.txt` field naming the company whose report the bag is.
    static let organizationField = "Source-Organization"

    private(set) var payload: [Entry] = []
    private(set) var payloadBytes = 0

    init() {}

    /// Records a payload file (`data/…`) of the bag.
    mutating func add(_ path: String, _ bytes: [UInt8]) {
        precondition(path.hasPrefix("data/"), "a bag's payload lives under data/")
        payload.append(Entry(path: path, digest: SHA256Digest(of: bytes)))
        payloadBytes += bytes.count
    }

    /// The tag files that close the bag, `extra` (tag files such as `index.html`) among them and
    /// listed in the tag manifest.
    func tagFiles(info: Info, extra: [(String, [UInt8])]) -> [(String, [UInt8])] {
        let declaration = Array("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".utf8)
        let fields = [
            (Bag.organizationField, info.organization),
            ("External-Description", info.description),
            ("Bagging-Date", info.lastSnapshot.iso),
            ("Payload-Oxum", "\(payloadBytes).\(payload.count)"),
            ("Waterfall-Quarter", info.quarter),
            ("Waterfall-Last-Snapshot", info.lastSnapshot.iso),
            ("Waterfall-Version", WaterfallVersion.current),
        ]
        let infoText = Array(fields.map { "\($0): \(Bag.tagValue($1))\n" }.joined().utf8)
        let manifest = Bag.manifest(payload)
        var tags: [(String, [UInt8])] = [(Bag.declarationFile, declaration), (Bag.infoFile, infoText), (Bag.manifestFile, manifest)]
        tags += extra
        let tagManifest = Bag.manifest(tags.map { Entry(path: $0.0, digest: SHA256Digest(of: $0.1)) })
        return tags + [(Bag.tagManifestFile, tagManifest)]
    }

    /// Manifest text: `DIGEST  PATH` per line, sorted by path (the form `sha256sum -c` reads).
    static func manifest(_ entries: [Entry]) -> [UInt8] {
        let lines = entries.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
            .map { "\($0.digest.hex)  \(encodedPath($0.path))\n" }
        return Array(lines.joined().utf8)
    }

    /// The entries of a manifest's text; lines that are not `DIGEST PATH` are skipped.
    /// Read as bytes: the archive's manifests list every file of every quarter (37,000 lines on
    /// the 60 × 40 benchmark site), read by every build, and splitting them as `Character`s took 0.4 s.
    static func entries(ofManifest text: String) -> [Entry] {
        var text = text
        return text.withUTF8 { bytes in
            bytes.split(separator: UInt8(ascii: "\n")).compactMap { line -> Entry? in
                let line = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
                func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
                guard let space = line.firstIndex(where: isBlank), space - line.startIndex == 64 else { return nil }
                var digest = [UInt8](line[..<space])
                for index in digest.indices {
                    switch digest[index] {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"): break
                    case UInt8(ascii: "A")...UInt8(ascii: "F"): digest[index] += 32
                    default: return nil
                    }
                }
                var path = line[space...].drop(while: isBlank)
                if path.first == UInt8(ascii: "*") { path = path.dropFirst() }
                return Entry(path: decodedPath(String(decoding: path, as: UTF8.self)),
                             digest: SHA256Digest(hex: String(decoding: digest, as: UTF8.self)))
            }
        }
    }

    /// RFC 8493 §2.1.3: a manifest path has `%`, CR and LF percent-encoded.
    static func encodedPath(_ path: String) -> String {
        guard path.contains(where: { $0 == "%" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return path }
        var result = ""
        for scalar in path.unicodeScalars {
            switch scalar {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func decodedPath(_ path: String) -> String {
        guard path.contains("%") else { return path }
        return path.replacingAll("%0D", "\r").replacingAll("%0d", "\r").replacingAll("%0A", "\n").replacingAll("%0a", "\n")
            .replacingAll("%25", "%")
    }

    /// A tag-file value on one line: control characters (a line break in a company name) become spaces.
    static func tagValue(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
            .trimmingSpaces
    }
}

private extension String {
    func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
