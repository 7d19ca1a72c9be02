import Foundation

/// `swift run -c release sitegen-bench link-cost [words] [repeats]`.
@main
struct SitegenBench {
  static func main() {
    let args = CommandLine.arguments.dropFirst()
    switch args.first {
    case "link-cost":
      let words = args.dropFirst().first.flatMap(Int.init) ?? 20_000
      let repeats = args.dropFirst(2).first.flatMap(Int.init) ?? 9
      LinkCost.run(words: words, termCounts: [5, 500], repeats: repeats, mode: .all)
      LinkCost.run(words: words, termCounts: [5, 500], repeats: repeats, mode: .first)
    default:
      print("usage: sitegen-bench link-cost [words] [repeats]")
      exit(2)
    }
  }
}
