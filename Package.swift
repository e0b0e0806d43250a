// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Waterfall",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "waterfall", targets: ["waterfall"]),
        .library(name: "WaterfallKit", targets: ["WaterfallKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // `waterfall serve`: a small HTTP server on plain sockets (no SwiftNIO), see Serve/.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // libcmark (Debian: libcmark-dev), wrapped so that one Swift file imports it.
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(
            name: "WaterfallKit",
            dependencies: [
                "Ccmark",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["README.md"]
        ),
        // The seeded demo company behind `waterfall demo`, the tests and the benchmarks; kept out
        // of the engine so a build never links the simulator.
        .target(
            name: "WaterfallDemo",
            dependencies: ["WaterfallKit"]
        ),
        .executableTarget(
            name: "waterfall",
            dependencies: [
                "WaterfallKit",
                "WaterfallDemo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "WaterfallKitTests",
            dependencies: ["WaterfallKit", "WaterfallDemo"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
