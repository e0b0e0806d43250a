import Foundation

/// The quarters already archived in an output folder's `archive/` (SPEC §10): each a BagIt bag
/// named after its quarter, read for its manifest, so a build can take pruned inputs from the
/// bag and compare the current inputs with the archived ones.
struct ArchiveFolder: Sendable {
    /// One archived quarter: `archive/FY2027-Q3/`.
    struct Quarter: Sendable {
        var quarter: String
        var folder: String
        /// Every payload file (`data/…`) and its SHA-256, from `manifest-sha256.txt`.
        var payload: [String: SHA256Digest]
        /// The SHA-256 of `manifest-sha256.txt` itself: one value that names the bag's contents.
        var manifestDigest: SHA256Digest
        /// The company the bag is the report of (`Source-Organization` in `bag-info.txt`), nil when not stated.
        var organization: String? = nil

        /// Relative to `data/inputs/`, as under `content/`: `snapshots/2026-09-04.csv`, `site.yml`.
        var inputs: [String: SHA256Digest] {
            Dictionary(uniqueKeysWithValues: payload.compactMap { path, digest in
                path.hasPrefix(ArchiveLayout.inputs) ? (String(path.dropFirst(ArchiveLayout.inputs.count)), digest) : nil
            })
        }

        /// The dates of the snapshots in `data/inputs/snapshots/`, in order.
        var snapshotDates: [Day] {
            inputs.keys.compactMap(ArchiveLayout.snapshotDate(of:)).sorted()
        }

        /// The path of a file of the bag, relative to the bag: `data/inputs/site.yml`.
        func path(_ relative: String) -> String { (folder as NSString).appendingPathComponent(relative) }

        /// The bytes of a file of the bag, or nil when it is not there.
        func contents(_ relative: String) -> [UInt8]? {
            FileManager.default.contents(atPath: path(relative)).map { [UInt8]($0) }
        }
    }

    var root: String
    /// The archived quarters, in quarter order.
    var quarters: [Quarter]
    /// Folders named like a quarter that are not a complete bag (no `bagit.txt` or no manifest):
    /// carried across as they are, never read, never written into.
    var incomplete: [String] = []
    /// The text of `archive/RESTATEMENTS.md` as the build found it, or nil when no quarter was ever restated.
    var restatements: String?

    static let restatementsFile = "RESTATEMENTS.md"

    /// No archive.
    init() {
        root = ""
        quarters = []
    }

    /// Reads every bag under `root` (an output folder's `archive/`); none when it does not exist.
    /// A folder that is not named like a quarter is not Waterfall's and is left alone; one named like
    /// a quarter without `bagit.txt` and a manifest is `incomplete`.
    init(root: String) throws {
        self.root = root
        quarters = []
        restatements = FileManager.default.contents(atPath: (root as NSString).appendingPathComponent(Self.restatementsFile))
            .map { String(decoding: $0, as: UTF8.self) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else { return }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: root)
        } catch {
            throw ContentError.unreadable(path: root, reason: "cannot list the archive folder")
        }
        for name in names.sorted() where TargetsLoader.isQuarterLabel(name) {
            let folder = (root as NSString).appendingPathComponent(name)
            let manifestPath = (folder as NSString).appendingPathComponent(Bag.manifestFile)
            guard FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(Bag.declarationFile)),
                  let manifest = FileManager.default.contents(atPath: manifestPath) else {
                incomplete.append(name)
                continue
            }
            let entries = Bag.entries(ofManifest: String(decoding: manifest, as: UTF8.self))
            quarters.append(Quarter(quarter: name, folder: folder,
                            payload: Dictionary(entries.map { ($0.path, $0.digest) }, uniquingKeysWith: { first, _ in first }),
                            manifestDigest: SHA256Digest(of: [UInt8](manifest)),
                            organization: Self.organization(inBagInfo: (folder as NSString).appendingPathComponent(Bag.infoFile))))
        }
    }

    func quarter(_ label: String) -> Quarter? { quarters.first { $0.quarter == label } }

    /// `Source-Organization` (`Bag.organizationField`) of a `bag-info.txt`, nil when the file or the field is missing.
    static func organization(inBagInfo path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let prefix = Bag.organizationField + ":"
        return String(decoding: data, as: UTF8.self).split(separator: "\n").lazy
            .first { $0.hasPrefix(prefix) }
            .map { $0.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces) }
    }

    /// Fails when an archived quarter is the report of another company than `company` (site.yml's):
    /// its snapshots would join this one's history unseen, say after the demo site was built in
    /// the default `output/` and `check --content my-pipeline` read its archive.
    func checkCompany(_ company: String, contentRoot: String) throws {
        let expected = Bag.tagValue(company)
        guard let other = quarters.first(where: { $0.organization.map { $0 != expected } ?? false }) else { return }
        throw ContentError.anotherCompanysArchive(archive: other.folder, archived: other.organization ?? "",
                                                  company: company, siteFile: displayPath(contentRoot, "site.yml"))
    }

    /// The bytes of an input file, to copy into a bag.
    static func bytes(ofFile path: String, display: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ContentError.unreadable(path: display, reason: "cannot read it to copy it into the archive")
        }
        return [UInt8](data)
    }

    /// The SHA-256 of a file, read in chunks.
    static func digest(ofFile path: String) throws -> SHA256Digest {
        let source = try FileByteSource(path: path)
        var hasher = SHA256Digest.Hasher()
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        while true {
            buffer.removeAll(keepingCapacity: true)
            guard try source.read(into: &buffer, maxCount: 1 << 20) > 0 else { break }
            hasher.update(buffer)
        }
        return hasher.finalize()
    }
}

/// Where things live inside an archived quarter's bag.
enum ArchiveLayout {
    /// The inputs, laid out as under `content/`.
    static let inputs = "data/inputs/"
    /// The frozen site.
    static let site = "data/site/"

    /// `snapshots/2026-09-04.csv`, as under `content/`.
    static func snapshotPath(_ date: Day) -> String { "snapshots/\(date.iso).csv" }

    /// `snapshots/2026-09-04.csv` → that day.
    static func snapshotDate(of relative: String) -> Day? {
        guard relative.hasPrefix("snapshots/"), relative.hasSuffix(".csv") else { return nil }
        let name = relative.dropFirst("snapshots/".count).dropLast(4)
        guard name.utf8.count == 10 else { return nil }
        return DateParser(format: .iso).parse(String(name))
    }

    /// The date a commentary file belongs to: `commentary/2026-09-04.md` or `commentary/2026-09-04/segment/smb.md`.
    static func commentaryDate(of key: String) -> Day? {
        let name = key.prefix(10)
        guard name.utf8.count == 10 else { return nil }
        return DateParser(format: .iso).parse(String(name))
    }
}
