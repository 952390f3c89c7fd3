// Writing files so that a reader never sees half of one: write a temporary file beside the
// destination, then rename it over the destination (rename is atomic within one file system).

import Foundation

/// An error from the file system, with a message meant for the person running a chapter.
public struct FileError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Atomic file writes and the output-folder check every chapter makes before it starts.
public enum AtomicFile {
    /// Writes `bytes` to `url` atomically, creating the parent folder if needed.
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        try write(Data(bytes), to: url)
    }

    /// Writes `data` to `url` atomically, creating the parent folder if needed. The temporary
    /// file is registered with `TemporaryFiles` before it exists, so an interrupted run removes it.
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = temporaryURL(besides: url)
        let token = TemporaryFiles.shared.register(temporary)
        defer { TemporaryFiles.shared.unregister(token) }
        try ensureWritableFolder(folder)
        do {
            try data.write(to: temporary)
            try replace(url, with: temporary)
        } catch let error as FileError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw FileError("cannot write \(url.path): \(reason(error))")
        }
    }

    /// Moves a finished temporary file over `destination` with rename(2).
    public static func replace(_ destination: URL, with temporary: URL) throws {
        guard rename(temporary.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw FileError("cannot write \(destination.path): \(reason)")
        }
    }

    /// The system's words for a failed write ("No space left on device"), not Foundation's
    /// generic "The file couldn't be saved".
    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        return nsError.localizedDescription
    }

    /// A fresh temporary path beside `url` (same folder, so a later rename is atomic).
    public static func temporaryURL(besides url: URL) -> URL {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    }

    /// Creates `folder` if needed and checks that files can be written in it.
    public static func ensureWritableFolder(_ folder: URL) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw FileError("\(folder.path) exists but is not a folder; choose another --out")
            }
        } else {
            do {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                // Say which part of the path is in the way, if one is a file.
                var ancestor = folder.deletingLastPathComponent()
                while ancestor.path != "/" && !manager.fileExists(atPath: ancestor.path) {
                    ancestor = ancestor.deletingLastPathComponent()
                }
                var ancestorIsFolder: ObjCBool = false
                if manager.fileExists(atPath: ancestor.path, isDirectory: &ancestorIsFolder),
                    !ancestorIsFolder.boolValue
                {
                    throw FileError("\(ancestor.path) is a file, not a folder; choose another --out")
                }
                throw FileError("cannot create the folder \(folder.path) (\(reason(error))); choose a writable --out")
            }
        }
        guard manager.isWritableFile(atPath: folder.path) else {
            throw FileError("the folder \(folder.path) is not writable; choose a writable --out")
        }
    }
}
