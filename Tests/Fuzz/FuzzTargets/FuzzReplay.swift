// Replaying inputs through a fuzz target without libFuzzer: every file given on the command line,
// or every file in a folder given, once each. A crash found by `make fuzz` is reproduced this way
// in an ordinary build, under the debugger if need be.

import Foundation

public enum FuzzReplay {
    /// The files of `paths`, folders expanded to the regular files inside them (sorted by name).
    public static func inputs(_ paths: [String]) throws -> [URL] {
        var files: [URL] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw ReplayError("no file or folder at \(path)")
            }
            if isFolder.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
                files += names.map { URL(fileURLWithPath: path).appendingPathComponent($0) }
                    .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            } else {
                files.append(URL(fileURLWithPath: path))
            }
        }
        return files
    }

    /// `FuzzX PATH…`: runs each input through `target` and says how many it ran.
    public static func main(_ target: FuzzTarget) throws {
        let paths = Array(CommandLine.arguments.dropFirst())
        guard !paths.isEmpty else {
            print("usage: Fuzz\(target.rawValue) FILE-OR-FOLDER…  (replays inputs; `make fuzz` fuzzes)")
            exit(2)
        }
        do {
            let files = try inputs(paths)
            for file in files { target.run([UInt8](try Data(contentsOf: file))) }
            print("Fuzz\(target.rawValue): \(files.count) inputs ran without a crash")
        } catch {
            FileHandle.standardError.write(Data("Fuzz\(target.rawValue): \(error)\n".utf8))
            exit(1)
        }
    }

    struct ReplayError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
