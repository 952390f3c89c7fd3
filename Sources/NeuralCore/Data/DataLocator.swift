// Where the dataset files are: the folder given with `--data`, else the folder in the
// environment variable WORKBOOK_DATA, else $XDG_CACHE_HOME/neural-workbook/data (when set), else
// $HOME/.cache/neural-workbook/data. Inside a folder the
// files may sit in a subfolder named after the dataset (`mnist/`, `fashion-mnist/`) or directly
// in the folder, gzipped or not.

import Foundation

/// A data folder and how it was chosen.
public struct DataLocation: Sendable, Equatable {
    /// How the folder was chosen, strongest first.
    public enum Origin: Sendable, Equatable {
        /// Given on the command line (`--data PATH`).
        case flag
        /// From the environment variable `WORKBOOK_DATA`.
        case environment
        /// The default cache folder.
        case defaultFolder
    }

    public var folder: URL
    public var origin: Origin

    public init(folder: URL, origin: Origin) {
        self.folder = folder
        self.origin = origin
    }

    /// True when the person chose this folder; missing files there are then an error, not a
    /// reason to download or to fall back to generated data.
    public var isExplicit: Bool { origin != .defaultFolder }

    /// How to say where the folder came from.
    public var originDescription: String {
        switch origin {
        case .flag: return "given with --data"
        case .environment: return "from \(DataLocator.environmentVariable)"
        case .defaultFolder: return "the default data folder"
        }
    }
}

/// The files of a dataset found in a folder, and those that were not.
public struct FoundFiles: Sendable {
    /// Where each found file is.
    public var locations: [DatasetFile: URL]
    /// The files that are in none of the places looked at.
    public var missing: [DatasetFile]
    /// The folders that were searched, in order.
    public var searched: [URL]

    /// True when all files were found.
    public var isComplete: Bool { missing.isEmpty }
}

/// Finding the data folder and the files in it.
public enum DataLocator {
    /// The environment variable naming a data folder.
    public static let environmentVariable = "WORKBOOK_DATA"

    /// `~/.cache/neural-workbook/data` in `home`.
    public static func defaultFolder(home: URL) -> URL {
        home.appendingPathComponent(".cache/neural-workbook/data", isDirectory: true)
    }

    /// The default data folder: `$XDG_CACHE_HOME/neural-workbook/data` when XDG_CACHE_HOME is an
    /// absolute path (the XDG rule: a relative one is ignored), else `$HOME/.cache/neural-workbook/data`,
    /// else the same folder in the account's home directory.
    public static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            return URL(fileURLWithPath: cache, isDirectory: true).appendingPathComponent(
                "neural-workbook/data", isDirectory: true)
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return defaultFolder(home: URL(fileURLWithPath: home, isDirectory: true))
        }
        return defaultFolder(home: FileManager.default.homeDirectoryForCurrentUser)
    }

    /// Chooses the data folder: `flag` beats the environment variable, which beats `defaultFolder`.
    /// An empty environment variable counts as unset; `~` is expanded in both.
    public static func resolve(
        flag: URL?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        defaultFolder: URL = DataLocator.defaultFolder()
    ) -> DataLocation {
        if let flag {
            return DataLocation(folder: expandingTilde(flag), origin: .flag)
        }
        if let value = environment[environmentVariable], !value.trimmingCharacters(in: .whitespaces).isEmpty {
            let path = (value as NSString).expandingTildeInPath
            return DataLocation(folder: URL(fileURLWithPath: path, isDirectory: true), origin: .environment)
        }
        return DataLocation(folder: defaultFolder, origin: .defaultFolder)
    }

    /// The folders searched for `kind` inside `folder`: the dataset's own subfolder, then the folder.
    public static func searchFolders(for kind: DatasetKind, in folder: URL) -> [URL] {
        [folder.appendingPathComponent(kind.folderName, isDirectory: true), folder]
    }

    /// Looks for each file of `kind` (or of `files`, if given) in the search folders, `.gz`
    /// before uncompressed.
    public static func find(_ kind: DatasetKind, files: DatasetFiles? = nil, in folder: URL) -> FoundFiles {
        let folders = searchFolders(for: kind, in: folder)
        var locations: [DatasetFile: URL] = [:]
        var missing: [DatasetFile] = []
        for file in (files ?? kind.files).all {
            let candidates = folders.flatMap { place in file.candidateNames.map { place.appendingPathComponent($0) } }
            if let found = candidates.first(where: isRegularFile) {
                locations[file] = found
            } else {
                missing.append(file)
            }
        }
        return FoundFiles(locations: locations, missing: missing, searched: folders)
    }

    private static func isRegularFile(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    private static func expandingTilde(_ url: URL) -> URL {
        guard url.isFileURL, url.path.hasPrefix("~") else { return url }
        return URL(fileURLWithPath: (url.path as NSString).expandingTildeInPath, isDirectory: true)
    }
}
