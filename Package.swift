// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "sitegen",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "sitegen", targets: ["sitegen"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    // `sitegen serve`'s HTTP layer. FlyingFox over Hummingbird: a clean debug build here takes
    // 48 s with it against 239 s (release 117 s against 345 s), and CI builds from scratch.
    .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
  ],
  targets: [
    // Debian's libcmark-gfm-dev + libcmark-gfm-extensions-dev; imported by SitegenMarkdown only.
    .systemLibrary(
      name: "CCmarkGFM",
      pkgConfig: "libcmark-gfm",
      providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
    ),
    // The thread-local slot cmark's allocation callbacks find their arena in.
    .target(name: "CThreadLocal"),
    .target(name: "SitegenMarkdown", dependencies: ["CCmarkGFM", "CThreadLocal"]),
    // One system call Swift's Glibc module hides: the atomic swap of the output folder.
    .target(name: "CFileSystem"),
    .target(
      name: "SitegenKit",
      dependencies: ["SitegenMarkdown", "CFileSystem", .product(name: "Yams", package: "Yams")]
    ),
    // The site's look: typed Swift templates and the CSS/JS they ship, compiled into the binary.
    .target(
      name: "SitegenTemplates",
      dependencies: ["SitegenKit"],
      path: "Templates",
      resources: [
        .embedInCode("assets/site.css"),
        .embedInCode("assets/site.js"),
        .embedInCode("assets/search.js"),
        .embedInCode("assets/favicon.svg"),
      ]
    ),
    // The preview server: HTTP, server-sent events, the watch-and-rebuild loop. The only
    // target that sees FlyingFox, so SitegenKit stays free of any server package.
    .target(
      name: "SitegenServer",
      dependencies: ["SitegenKit", .product(name: "FlyingFox", package: "FlyingFox")]
    ),
    .executableTarget(
      name: "sitegen",
      dependencies: [
        "SitegenKit", "SitegenTemplates", "SitegenServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Benchmarks: numbers for bench/RESULTS.md, never run as tests.
    .executableTarget(
      name: "sitegen-bench", dependencies: ["SitegenKit"], path: "bench/Sources/SitegenBench"),
    // Temporary folders for the unit and end-to-end tests alike.
    .target(name: "SitegenTestSupport", path: "Tests/Support"),
    .testTarget(name: "SitegenMarkdownTests", dependencies: ["SitegenMarkdown"]),
    .testTarget(
      name: "SitegenKitTests", dependencies: ["SitegenKit", "SitegenTemplates", "SitegenTestSupport"]),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["SitegenKit", "SitegenTemplates", "SitegenTestSupport"],
      exclude: ["Sites", "BadInput", "FuzzRegressions"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
