/// A problem with the content folder as a whole: it stops the build and names the fix.
enum ContentError: Swift.Error, Equatable, CustomStringConvertible {
    case missingFile(path: String, fix: String)
    case badSnapshotName(path: String, pattern: String?)
    case twoSnapshotsForOneDate(date: String, first: String, second: String)
    case noSnapshots(folder: String)
    case unreadable(path: String, reason: String)
    case notUTF8(path: String, line: Int)
    case badTarget(path: String, line: Int, problem: String)
    /// The output folder's `archive/` holds another company's report.
    case anotherCompanysArchive(archive: String, archived: String, company: String, siteFile: String)

    var description: String {
        switch self {
        case let .missingFile(path, fix):
            return "\(path): not found. \(fix)"
        case let .badSnapshotName(path, pattern):
            let names = pattern.map { "neither YYYY-MM-DD.csv nor a match of `snapshot_names: \"\($0)\"` in site.yml" }
                ?? "not YYYY-MM-DD.csv, and site.yml sets no `snapshot_names:`"
            return "\(path): the file name is not a snapshot date (\(names)). Name each export YYYY-MM-DD.csv after the day it was taken (e.g. 2026-11-20.csv), "
                + "or set `snapshot_names:` in site.yml to your CRM's file name with `{date}` where its YYYY-MM-DD date stands "
                + "(e.g. `snapshot_names: \"hubspot-crm-exports-all-deals-{date}.csv\"`), or move the file out of snapshots/."
        case let .twoSnapshotsForOneDate(date, first, second):
            return "\(second): a second snapshot for \(date) (\(first) is dated the same day). Keep one export per date: move the other out of snapshots/."
        case let .noSnapshots(folder):
            return "\(folder): no snapshots found. Put one CRM export per week there, named YYYY-MM-DD.csv (run `waterfall demo` to see an example)."
        case let .unreadable(path, reason):
            return "\(path): cannot read the file (\(reason)). Check that it exists, is readable and is UTF-8 text."
        case let .notUTF8(path, line):
            return "\(path):\(line): the file is not UTF-8 text (this line holds bytes that are not UTF-8, e.g. Latin-1 or Windows-1252 accents). Export it again as \"CSV UTF-8\", or convert it: iconv -f WINDOWS-1252 -t UTF-8."
        case let .badTarget(path, line, problem):
            return "\(path):\(line): E10 \(problem)"
        case let .anotherCompanysArchive(archive, archived, company, siteFile):
            return "\(archive): this archived quarter is the report of \"\(archived)\", but \(siteFile) names the company \"\(company)\", "
                + "so the output folder holds another report and its archived snapshots would join this one's. "
                + "Name this report's own output folder with --output DIR (the same with check, which reads DIR/archive/). "
                + "If the company was renamed, keep the old name in site.yml's company: for this output folder, or start a new one."
        }
    }
}
