/// Where a page lives: folders under the site root, the page itself being `index.html` in the last
/// one. Links between pages are relative, so the site works from any sub-path and from `file://`.
struct PageLocation: Hashable, Sendable {
    var folders: [String]

    static let root = PageLocation(folders: [])

    /// `index.html`, `weeks/2026-11-20/segment/enterprise/index.html`.
    var file: String { folders.isEmpty ? "index.html" : folders.joined(separator: "/") + "/index.html" }

    /// `../` once per folder: the way back to the site root from this page.
    var rootPrefix: String { String(repeating: "../", count: folders.count) }

    /// A relative link from this page to `other`, every segment percent-encoded.
    func href(to other: PageLocation) -> String {
        rootPrefix + (other.folders.isEmpty ? "index.html" : other.folders.map(\.urlPathEncoded).joined(separator: "/") + "/index.html")
    }

    /// A relative link from this page to a file at `path` under the site root (`style.css`).
    func href(toFile path: String) -> String {
        rootPrefix + path.split(separator: "/").map { String($0).urlPathEncoded }.joined(separator: "/")
    }

    func appending(_ folders: String...) -> PageLocation { PageLocation(folders: self.folders + folders) }
}

extension String {
    /// The text with everything but unreserved URL characters (`A–Z a–z 0–9 - . _ ~`) percent-encoded.
    var urlPathEncoded: String {
        var result = ""
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                result.unicodeScalars.append("%")
                result.unicodeScalars.append(hex[Int(byte >> 4)])
                result.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return result
    }
}

/// The URL layout of the whole site: dimension folders, each week's value slugs, and where each
/// page of a week lives (under `weeks/YYYY-MM-DD/`, and for the latest week also at the root).
struct SiteMap: Sendable {
    /// Folder names the site itself uses; a dimension whose slug is one of these gets `by-` in front.
    static let reservedFolders: Set<String> = ["weeks", "definitions", "data-quality", "data", "archive", "email"]

    /// Per dimension (in `site.yml` order), its folder name.
    let dimensionFolders: [String]
    /// Per snapshot, per dimension, value → slug.
    let valueSlugs: [[[String: String]]]

    init(config: SiteConfig, metrics: [SnapshotMetrics]) {
        let dimensionSlugs = uniqueSlugs(for: config.dimensions)
        dimensionFolders = config.dimensions.map { name in
            let folder = dimensionSlugs[name] ?? slug(name)
            return SiteMap.reservedFolders.contains(folder) ? "by-" + folder : folder
        }
        valueSlugs = metrics.map { snapshot in
            config.dimensions.map { dimension in
                uniqueSlugs(for: snapshot.scopes.compactMap { $0.scope.dimension == dimension ? $0.scope.value : nil })
            }
        }
    }

    /// The folder of a week's page set: `weeks/D` or, for the latest copy, the root.
    static func base(of snapshot: Day, atRoot: Bool) -> PageLocation {
        atRoot ? .root : PageLocation(folders: ["weeks", snapshot.iso])
    }

    static let weeksIndex = PageLocation(folders: ["weeks"])
    static let archiveIndex = PageLocation(folders: ["archive"])

    func dimensionIndex(_ dimension: Int, base: PageLocation) -> PageLocation {
        base.appending(dimensionFolders[dimension])
    }

    /// The page of a scope in a given week, nil when that week has no such value.
    func scopePage(_ scope: Scope, week: Int, base: PageLocation, config: SiteConfig) -> PageLocation? {
        guard let dimension = scope.dimension, let value = scope.value else { return base }
        guard let index = config.dimensions.firstIndex(of: dimension),
              let valueSlug = valueSlugs[week][index][value] else { return nil }
        return base.appending(dimensionFolders[index], valueSlug)
    }
}
