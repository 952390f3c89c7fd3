// Provenance metadata (chapter, seed, software…) stamped into rendered files: PNG tEXt
// chunks, or XML comments right after the SVG's XML declaration.

import Figures

enum DiagramMetadata {
    /// `bytes` of a rendered file with `metadata` added in the way its format allows.
    static func stamp(_ bytes: [UInt8], format: DiagramFormat, metadata: [(String, String)]) throws -> [UInt8] {
        switch format {
        case .png:
            do {
                return try PNGText.inserting(metadata.map { (keyword: $0.0, text: $0.1) }, into: bytes)
            } catch {
                throw DiagramError(.output, "cannot add metadata to the PNG: \(error)")
            }
        case .svg:
            let comments = metadata.map { key, value in
                "<!-- \(commentSafe(key)): \(commentSafe(value)) -->\n"
            }.joined()
            let text = String(decoding: bytes, as: UTF8.self)
            // After the first line when it is the XML declaration, else at the very top.
            if text.hasPrefix("<?xml"), let newline = text.firstIndex(of: "\n") {
                let head = text[...newline]
                let tail = text[text.index(after: newline)...]
                return Array((head + comments + tail).utf8)
            }
            return Array((comments + text).utf8)
        }
    }

    /// XML comments may not contain "--".
    private static func commentSafe(_ text: String) -> String {
        var result = text
        while result.contains("--") { result = result.replacingOccurrences(of: "--", with: "-\u{2010}") }
        return result
    }
}
