// swift-tools-version: 6.1
// libFuzzer targets for sitegen, kept out of the main package so normal builds never change.
// Sources/ links to the main package's module folders (the main package has no library
// product to depend on); Sources/fuzz-*/FuzzEntryPoints.swift links to the file the test
// suite replays findings through. Build:
//   SWIFT_BACKTRACE=enable=no swift build --package-path fuzz -c debug --sanitize fuzzer -Xswiftc -parse-as-library
import PackageDescription

let fuzzTargets = ["frontmatter", "termmatcher", "markdown", "slowinput"]

let package = Package(
  name: "sitegen-fuzz",
  platforms: [.macOS(.v14)],
  dependencies: [.package(url: "https://github.com/jpsim/Yams", exact: "6.2.2")],
  targets: [
    .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm"),
    .target(name: "SitegenMarkdown", dependencies: ["CCmarkGFM"]),
    .target(name: "CFileSystem"),
    .target(
      name: "SitegenKit",
      dependencies: ["SitegenMarkdown", "CFileSystem", .product(name: "Yams", package: "Yams")]),
  ] + fuzzTargets.map { .executableTarget(name: "fuzz-\($0)", dependencies: ["SitegenKit"]) },
  swiftLanguageModes: [.v6]
)
