// swift-tools-version:6.0
import PackageDescription

// One set of settings for every target: Swift 6 language mode with strict concurrency.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Signpost",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "signpost", targets: ["signpost"]),
        .library(name: "SignpostCore", targets: ["SignpostCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // `signpost serve`: a small HTTP server with no dependencies of its own, quick to build in CI.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(
            name: "SignpostCore",
            dependencies: [
                "CCmark",
                .product(name: "Yams", package: "Yams"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "signpost",
            dependencies: [
                "SignpostCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SignpostCoreTests",
            dependencies: [
                "SignpostCore",
                // The reference the template engine is checked against (TemplateEngineTests).
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
