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
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["README.md"]
        ),
        .executableTarget(
            name: "waterfall",
            dependencies: [
                "WaterfallKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "WaterfallKitTests",
            dependencies: ["WaterfallKit"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
