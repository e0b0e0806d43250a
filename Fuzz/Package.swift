// swift-tools-version:6.0
// Fuzzing and differential testing of Waterfall's CSV reader, kept out of the main package's build
// and test run. The targets compile the reader's own source files (symbolic links to
// Sources/WaterfallKit/Load/) with a shared harness, so the reader stays internal to WaterfallKit.
// scripts/fuzz-csv builds csv-fuzz with `--sanitize=fuzzer` (swiftc's `-sanitize=fuzzer`); scripts/csv-differential runs
// csv-driver against Python's csv module; Benchmarks/csv-speed times csv-bench.
import PackageDescription

let package = Package(
    name: "WaterfallFuzz",
    targets: [
        // A libFuzzer target: built with `--sanitize=fuzzer`, libFuzzer's `main` runs it.
        .executableTarget(name: "csv-fuzz"),
        .executableTarget(name: "csv-driver"),
    ]
)
