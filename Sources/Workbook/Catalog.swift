// The exercises of every chapter, read from `Chapters/ChapterNN/Exercises/exercises.json`, and
// where each one's files are: the learner's file, its checks, the reference and the known mistakes.

import Foundation

/// One code exercise.
struct Exercise: Sendable {
    /// As the notes number it: "3.2".
    var id: String
    var chapter: Int
    var title: String
    /// The equation it implements, spelled as in the notes ("Eq. 3.3").
    var equation: String
    /// Graded hints, gentlest first.
    var hints: [String]
    /// The file the learner edits.
    var file: URL
    var checks: URL
    var solution: URL
    var mistakes: [URL]
    /// Helpers shared by the checks of this chapter (`Checks/Support.swift`), if any.
    var checkSupport: URL?

    /// The exercise's name as a Swift identifier part: "3_2".
    var symbol: String { id.replacingOccurrences(of: ".", with: "_") }

    /// A file of this exercise relative to the checkout, as messages show it.
    func relativePath(of url: URL, root: URL) -> String { checkoutPath(url, root: root) }
}

/// `url` relative to the checkout `root` (unchanged when it lies outside).
func checkoutPath(_ url: URL, root: URL) -> String {
    let base = root.standardizedFileURL.path + "/"
    let path = url.standardizedFileURL.path
    return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
}

/// A mistake the checks must catch: a reference with one body replaced, and the diagnosis expected.
struct KnownMistake: Sendable {
    var file: URL
    /// The slug after the exercise id in the file name: "missing-sigma-prime".
    var slug: String
    var description: String
    var diagnosis: String
}

/// All exercises, in the notes' order.
struct Catalog: Sendable {
    var root: URL
    var exercises: [Exercise]

    struct Entry: Decodable {
        var id: String
        var title: String
        var equation: String
        var file: String
        var hints: [String]
    }

    struct ChapterFile: Decodable {
        var chapter: Int
        var exercises: [Entry]
    }

    struct LoadError: Error, CustomStringConvertible {
        var description: String
    }

    static func load(root: URL) throws -> Catalog {
        let chapters = root.appendingPathComponent("Chapters")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: chapters.path)) ?? []
        var exercises: [Exercise] = []
        for name in names.filter({ $0.hasPrefix("Chapter") }).sorted() {
            let folder = chapters.appendingPathComponent(name).appendingPathComponent("Exercises")
            let catalogFile = folder.appendingPathComponent("exercises.json")
            guard let data = try? Data(contentsOf: catalogFile) else { continue }
            let chapter: ChapterFile
            do {
                chapter = try JSONDecoder().decode(ChapterFile.self, from: data)
            } catch {
                throw LoadError(description: "\(catalogFile.path) is not a valid exercise catalog: \(error)")
            }
            let mistakesFolder = folder.appendingPathComponent("Mistakes")
            let mistakeNames = (try? FileManager.default.contentsOfDirectory(atPath: mistakesFolder.path)) ?? []
            let support = folder.appendingPathComponent("Checks/Support.swift")
            for entry in chapter.exercises {
                exercises.append(
                    Exercise(
                        id: entry.id, chapter: chapter.chapter, title: entry.title, equation: entry.equation,
                        hints: entry.hints, file: folder.appendingPathComponent(entry.file),
                        checks: folder.appendingPathComponent("Checks/\(entry.id).swift"),
                        solution: folder.appendingPathComponent("Solutions/\(entry.id).swift"),
                        mistakes: mistakeNames.filter { $0.hasPrefix(entry.id + "-") && $0.hasSuffix(".swift") }
                            .sorted()
                            .map { mistakesFolder.appendingPathComponent($0) },
                        checkSupport: FileManager.default.fileExists(atPath: support.path) ? support : nil))
            }
        }
        return Catalog(root: root, exercises: exercises)
    }

    func exercise(_ id: String) throws -> Exercise {
        guard let exercise = exercises.first(where: { $0.id == id }) else {
            let chapter = id.split(separator: ".").first.flatMap { Int($0) }
            let same = exercises.filter { $0.chapter == chapter }.map(\.id)
            let suggestion =
                same.isEmpty
                ? "`swift run Workbook list` shows them all" : "chapter \(chapter!) has \(same.joined(separator: ", "))"
            throw LoadError(description: "there is no exercise \(id); \(suggestion)")
        }
        return exercise
    }

    static func mistake(at url: URL, exercise: Exercise) throws -> KnownMistake {
        let text = try String(contentsOf: url, encoding: .utf8)
        func header(_ key: String) -> String? {
            text.split(separator: "\n").lazy.map { $0.trimmingCharacters(in: .whitespaces) }
                .first { $0.hasPrefix("// \(key):") }
                .map { String($0.dropFirst("// \(key):".count)).trimmingCharacters(in: .whitespaces) }
        }
        guard let diagnosis = header("Diagnosis"), !diagnosis.isEmpty else {
            throw LoadError(description: "\(url.path) has no `// Diagnosis:` line")
        }
        let name = url.deletingPathExtension().lastPathComponent
        return KnownMistake(
            file: url, slug: String(name.dropFirst(exercise.id.count + 1)),
            description: header("Mistake") ?? name, diagnosis: diagnosis)
    }
}

/// The checkout: the folder with `Package.swift` and `Chapters/`, found from the working
/// directory upwards.
func checkoutRoot() throws -> URL {
    var folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
    while true {
        let manifest = folder.appendingPathComponent("Package.swift")
        let chapters = folder.appendingPathComponent("Chapters")
        if FileManager.default.fileExists(atPath: manifest.path), FileManager.default.fileExists(atPath: chapters.path)
        {
            return folder
        }
        let parent = folder.deletingLastPathComponent()
        if parent.path == folder.path {
            throw Catalog.LoadError(
                description: "run the workbook from inside its checkout (the folder with Package.swift and Chapters/)")
        }
        folder = parent
    }
}
