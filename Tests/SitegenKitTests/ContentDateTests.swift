import Testing
@testable import SitegenKit

@Suite struct ContentDateTests {
  @Test(arguments: ["2024-02-29", "2025-12-31", "2025-08-20T09:30:00Z", "2025-08-20T09:30:00.123+02:00", "2025-08-20 09:30:00Z"])
  func acceptsRealDates(_ text: String) {
    #expect(ContentDate.parse(text) != nil)
  }

  @Test(arguments: ["2023-02-29", "2024-02-30", "2025-13-01", "2025-00-10", "2025-04-31", "25-08-20", "2025-08-20T24:00:00Z", "2025-08-20T10:00:00", "2025-08-20T10:00Z", "2025/08/20", "today", ""])
  func refusesImpossibleOrMalformedDates(_ text: String) {
    #expect(ContentDate.parse(text) == nil)
  }

  @Test func epochSecondsAreUTC() {
    #expect(ContentDate.parse("1970-01-02")?.epochSeconds == 86_400)
    #expect(ContentDate.parse("2025-08-20T02:00:00+02:00")?.epochSeconds == ContentDate.parse("2025-08-20")?.epochSeconds)
  }

  @Test func displayIsLocaleFree() {
    #expect(ContentDate.parse("2025-08-20")?.display == "20 August 2025")
  }

  @Test func isoDateIsZeroPaddedWhateverTheYear() {
    #expect(ContentDate.parse("2025-08-20T09:30:00+02:00")?.isoDate == "2025-08-20")
    #expect(ContentDate.parse("0005-01-02")?.isoDate == "0005-01-02")
    // Past four digits (no parsed date is), the padded text all the same.
    let far = ContentDate(year: 12_345, month: 3, day: 4, epochSeconds: 0, text: "")
    #expect(far.isoDate == "12345-03-04")
  }
}
