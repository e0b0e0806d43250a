import Foundation
import Testing
@testable import WaterfallKit

/// The real-export case: Maven Analytics' `sales_pipeline.csv` (one row per opportunity with its
/// current `deal_stage` and one `close_date`) read through the status adapter configured in
/// `Fixtures/maven-site.yml`. Figures were counted from the file with Python's csv module.

/// `shared/refdata/…` beside the repository (or beside the folder of worktrees that holds it).
/// When it is in none of those places the test fails naming them and the fix, not with a bare
/// "No such file or directory" from the copy.
func mavenExport() throws -> String {
    var folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let relative = "shared/refdata/maven-crm-sales-opportunities/sales_pipeline.csv"
    var tried: [String] = []
    for _ in 0..<3 {
        folder = folder.deletingLastPathComponent()
        let path = folder.appendingPathComponent(relative).path
        if FileManager.default.fileExists(atPath: path) { return path }
        if !tried.contains(path) { tried.append(path) }
    }
    throw MissingReferenceData(tried: tried)
}

struct MissingReferenceData: Error, CustomStringConvertible {
    var tried: [String]

    var description: String {
        "the Maven export this test reads is not at \(tried.joined(separator: " or ")): put the project's shared/ folder "
            + "(with refdata/) beside the checkout, as CI does (README, \"Run the tests\")"
    }
}

private func buildMaven() throws -> [String: Any] {
    let content = temporaryFolder(), output = temporaryFolder() + "/site"
    try FileManager.default.createDirectory(atPath: content + "/snapshots", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: fixturePath("maven-site.yml"), toPath: content + "/site.yml")
    try FileManager.default.copyItem(atPath: try mavenExport(), toPath: content + "/snapshots/2017-12-31.csv")
    let report = try SiteBuilder(options: BuildOptions(content: content, output: output)).build()
    #expect(report.rows == 8800)
    let data = try Data(contentsOf: URL(fileURLWithPath: output + "/data/metrics.json"))
    return try JSONSerialization.jsonObject(with: data) as! [String: Any]
}

@Test func buildsTheMavenExportThroughTheStatusAdapter() throws {
    let json = try buildMaven()
    #expect(json["schema"] as? String == "waterfall-metrics/1")
    #expect(json["fiscal_quarter"] as? String == "FY2017-Q4")
    let quality = json["data_quality"] as! [String: Any]
    #expect(quality["rows"] as? Int == 8800)
    // The 500 Prospecting rows (no engage_date, no close_date) are left out by `status.ignore`, not E6.
    #expect(quality["accepted"] as? Int == 8300)
    #expect((quality["errors"] as! [String: Int])["E6"] == 0)
    #expect(quality["ignored"] as? Int == 500)
    #expect(quality["ignored_by_status"] as? [String: Int] == ["Prospecting": 500])
    #expect((quality["build_warnings"] as! [[String: Any]]).allSatisfy { !["W11", "W12"].contains($0["code"] as? String ?? "") }, "every status value is mapped")

    let scopes = json["scopes"] as! [[String: Any]]
    let company = scopes[0]
    #expect(company["scope"] as? String == "company")
    #expect(company["records"] as? Int == 8300)
    let pipeline = company["pipeline"] as! [String: Any]
    #expect(pipeline["count"] as? Int == 1589, "the Engaging deals are open")
    #expect(pipeline["amount"] as? Int == 0, "open deals carry no close_value")
    let bookings = company["bookings"] as! [String: [String: Any]]
    #expect(bookings["qtd"]?["count"] as? Int == 1196)
    #expect(bookings["qtd"]?["amount"] as? Int == 2_802_496)
    #expect(bookings["t13"]?["count"] as? Int == 1188)
    #expect(bookings["t13"]?["amount"] as? Int == 2_783_728)
    #expect(bookings["week"]?["count"] as? Int == 131)
    let winRate = company["win_rate"] as! [String: Any]
    let qtd = winRate["qtd"] as! [String: Any]
    #expect(qtd["won"] as? Int == 1196)
    #expect(qtd["lost"] as? Int == 789)
    // Foundation's JSON reader may differ in the last bit; the file holds 0.6025188916876574.
    #expect(abs((qtd["rate"] as! Double) - 1196.0 / 1985.0) < 1e-15)
    let volume = company["volume"] as! [String: [String: Int]]
    #expect(volume["opportunity"]?["qtd"] == 1165)
    #expect(volume["won"]?["qtd"] == 1196)

    #expect(scopes.count == 8, "company and seven products")
    let gtxPro = try #require(scopes.first { $0["scope"] as? String == "product=GTXPro" })
    let gtxBookings = gtxPro["bookings"] as! [String: Any]
    #expect(gtxPro["dimension"] as? String == "product")
    #expect((gtxBookings["qtd"] as! [String: Int]) == ["count": 200, "amount": 958_491])
    #expect((gtxPro["pipeline"] as! [String: Any])["count"] as? Int == 253)
    // The export has no source column, so every record is Unassigned.
    #expect((gtxBookings["by_source"] as! [String: [String: Int]]).keys.sorted() == ["Unassigned"])
    #expect((json["scopes"] as! [[String: Any]]).map { $0["scope"] as! String }.dropFirst().elementsEqual(
        ["GTK 500", "GTX Basic", "GTX Plus Basic", "GTX Plus Pro", "GTXPro", "MG Advanced", "MG Special"].map { "product=" + $0 }))
}
