// Where tests find the package, its scratch space and the shared datasets.

import Foundation

public enum TestPaths {
    /// The package root, derived from this file's location (Tests/TestSupport/Paths.swift).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh empty folder for one test's files.
    public static func scratchFolder(_ name: String = #function) throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("neural-workbook-tests")
            .appendingPathComponent("\(safe)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
