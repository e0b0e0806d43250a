import Foundation
import Testing
@testable import WaterfallKit
@testable import WaterfallDemo

/// What the build keeps in memory (issue 10): record strings as bytes, and of the previous snapshot
/// only what the bridge reads. Neither may change a figure.
@Suite struct MemoryLayoutTests {
    @Test func recordTextsGiveBackEveryStringAsAppended() {
        let texts = [
            RecordText(id: "a1", owner: "Ann Smith", name: "Eastgate Glass K.K. (a name longer than fifteen bytes)",
                       lostReason: "", channel: "Website"),
            RecordText(id: "", owner: "", name: "", lostReason: "", channel: ""),
            RecordText(id: "ü-2", owner: "Zoë \"the\"\nboss", name: "東京ロボティクス", lostReason: "No budget", channel: "Événement"),
        ]
        let stored = RecordTexts(texts)
        #expect(stored.count == 3)
        #expect(Array(stored) == texts)
        #expect(stored[2].owner == "Zoë \"the\"\nboss")
        #expect(stored.byteCount == texts.reduce(0) { total, text in
            total + [text.id, text.owner, text.name, text.lostReason, text.channel].reduce(0) { $0 + $1.utf8.count }
        })
    }

    /// Every week's metrics of a demo company, computed against the whole previous snapshot and
    /// against the part of it a build keeps, are the same, bridge deals included.
    @Test func theKeptPartOfThePreviousSnapshotGivesTheSameBridge() throws {
        let files = DemoCompany(options: .init(records: 800, weeks: 4, seed: 5)).files()
        let config = try SiteConfig.parse(yaml: String(decoding: files.first { $0.path == "site.yml" }!.contents, as: UTF8.self))
        let snapshots = try files.filter { $0.path.hasPrefix("snapshots/") }.sorted { $0.path < $1.path }.map { file in
            try SnapshotLoader.load(from: MemoryByteSource(file.contents), file: file.path, displayPath: file.path,
                                    date: day(String(file.path.dropFirst("snapshots/".count).prefix(10))), config: config)
        }
        #expect(snapshots.count == 4)
        var whole = MetricsEngine(config: config), kept = MetricsEngine(config: config)
        var movedDeals = 0
        for (index, current) in snapshots.enumerated() where index > 0 {
            let previous = snapshots[index - 1]
            let compact = previous.keepingOpenPipeline(pipelineStage: config.pipelineStageIndex)
            #expect(compact.records.count < previous.records.count && !compact.records.isEmpty)
            #expect(compact.records.allSatisfy { $0.isOpen(pipelineStage: config.pipelineStageIndex) })
            let expected = try whole.metrics(for: current, previous: previous)
            let actual = try kept.metrics(for: current, previous: compact)
            #expect(expected.scopes.count == actual.scopes.count)
            for (a, b) in zip(expected.scopes, actual.scopes) {
                #expect(a.bridge == b.bridge, "bridge of \(a.scope.key) on \(current.date.iso)")
                movedDeals += (a.bridge?.wonDeals.count ?? 0) + (a.bridge?.removedDeals.count ?? 0) + (a.bridge?.lostDeals.count ?? 0)
            }
            #expect(MetricsJSON.document(expected, config: config).serialized() == MetricsJSON.document(actual, config: config).serialized())
        }
        #expect(movedDeals > 0)
    }
}
