import ArgumentParser

/// Refuses a single-value option given twice (`--on 2026-11-01 --on 2026-11-02`), which
/// ArgumentParser would silently take as the last one (#12 minor). Repeatable options
/// (`[String]`) and flags may repeat.
enum DuplicateOptions {
    /// The message for the first single-value option that `arguments` (without the program name)
    /// give more than once, or nil. Arguments that do not parse are left to ArgumentParser.
    static func problem(in arguments: [String]) -> String? {
        guard let command = try? Kasane.parseAsRoot(arguments) else { return nil }
        let single = singleValueOptions(of: command)
        var seen: Set<String> = []
        for argument in arguments {
            if argument == "--" { break }
            guard argument.hasPrefix("--") else { continue }
            let name = String(argument.dropFirst(2).prefix { $0 != "=" })
            guard single.contains(name) else { continue }
            guard seen.insert(name).inserted else {
                return say("--\(name) が2回以上指定されています: 1回だけ指定してください（後の値で黙って上書きはしません）",
                           "--\(name) is given more than once: give it once (Kasane does not silently take the last value)")
            }
        }
        return nil
    }

    /// The long names of the command's `@Option`s that hold one value, option groups included.
    static func singleValueOptions(of command: any ParsableCommand) -> Set<String> {
        var names: Set<String> = []
        func visit(_ value: Any, depth: Int) {
            guard depth < 6 else { return }
            for child in Mirror(reflecting: value).children {
                let type = String(describing: Swift.type(of: child.value))
                if type.hasPrefix("Option<"), let label = child.label, label.hasPrefix("_") {
                    if !type.hasPrefix("Option<Array<") { names.insert(kebab(String(label.dropFirst()))) }
                } else if type.hasPrefix("OptionGroup<") || depth > 0 {
                    visit(child.value, depth: depth + 1)
                }
            }
        }
        visit(command, depth: 0)
        return names
    }

    /// ArgumentParser's default long name for a property: `baseURL` → `base-url`, `outDir` → `out-dir`.
    static func kebab(_ name: String) -> String {
        let chars = Array(name)
        var out = ""
        for (i, c) in chars.enumerated() {
            if c.isUppercase, i > 0 {
                let previousLower = chars[i - 1].isLowercase || chars[i - 1].isNumber
                let nextLower = i + 1 < chars.count && chars[i + 1].isLowercase
                if previousLower || (chars[i - 1].isUppercase && nextLower) { out.append("-") }
            }
            out.append(Character(c.lowercased()))
        }
        return out
    }
}
