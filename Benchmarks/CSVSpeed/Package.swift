// swift-tools-version:6.0
// Times Waterfall's CSV reader against yaslab/CSV.swift on the same file (Benchmarks/csv-speed).
// The reader is compiled from its own source files (symbolic links to Sources/WaterfallKit/Load/),
// so this package needs neither WaterfallKit's other dependencies nor a public reader.
import PackageDescription

let package = Package(
    name: "CSVSpeed",
    dependencies: [
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        .executableTarget(name: "csv-speed", dependencies: [.product(name: "CSV", package: "CSV.swift")]),
    ]
)
