/// The slots an ad hoc search skipped and why: the first few in words, and how many in all.
struct Skips: CustomStringConvertible {
    private(set) var first: [String] = []
    private(set) var count = 0
    var isEmpty: Bool { count == 0 }

    /// Counts a skip; its words are built by the caller only while they will be shown.
    mutating func add(_ why: @autoclosure () -> String) {
        if count < wordedCount { first.append(why()) }
        count += 1
    }

    var description: String { inWords(first, count: count) }
}

/// How many skipped sessions or slots a reason names before "and N more".
let wordedCount = 3

/// The first `wordedCount` of `count` things, and how many more: "a, b, c and 4 more".
func inWords(_ things: some Sequence<String>, count: Int) -> String {
    things.prefix(wordedCount).joined(separator: ", ")
        + (count > wordedCount ? " and \(count - wordedCount) more" : "")
}
