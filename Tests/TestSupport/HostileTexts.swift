// A corpus of awkward `--text` files for the character models of Chapters 07 and 08: texts that
// must train (no capital "T", other scripts, no spaces, too many symbols, one huge line) and
// files that must be refused with a one-line error.

import Foundation
import Testing

/// One awkward text file and what a chapter should do with it.
public struct HostileText: Sendable, CustomTestStringConvertible {
    public var name: String
    public var bytes: [UInt8]

    public var testDescription: String { name }

    public init(_ name: String, _ bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    public init(_ name: String, text: String) {
        self.init(name, Array(text.utf8))
    }

    /// Writes the file into `folder` and returns its path.
    public func write(in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}

public enum HostileTexts {
    /// `count` CJK ideographs cycling through `distinct` of them, a line end after every 40.
    static func manySymbols(distinct: Int, count: Int) -> String {
        var text = ""
        for k in 0..<count {
            let scalar = Unicode.Scalar(UInt32(0x4E00 + (k * 7_919) % distinct)) ?? "x"
            text.unicodeScalars.append(scalar)
            if k % 40 == 39 { text += "\n" }
        }
        return text
    }

    /// `word` repeated `count` times in UTF-16 little-endian, with its byte-order mark.
    static func utf16(_ word: String, count: Int) -> [UInt8] {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in String(repeating: word, count: count).utf16 {
            bytes.append(UInt8(unit & 0xFF))
            bytes.append(UInt8(unit >> 8))
        }
        return bytes
    }

    /// Texts a quick run must train on (each at least 2,000 characters, Chapter 08's minimum).
    public static let runnable: [HostileText] = [
        HostileText(
            "lower-case.txt", text: String(repeating: "the cat sat on the mat and the dog sat on the log.\n", count: 60)
        ),
        HostileText(
            "cyrillic.txt",
            text: String(repeating: "съешь же ещё этих мягких французских булок, да выпей чаю.\n", count: 50)),
        HostileText("cjk-no-spaces.txt", text: String(repeating: "我能吞下玻璃而不伤身体。春眠不觉晓，处处闻啼鸟。\n", count: 100)),
        HostileText(
            "source-code.swift",
            text: String(
                repeating: "func add(_ a: Int, _ b: Int) -> Int {\n    return a + b // sum\n}\n\nlet x = add(1, 2)\n",
                count: 40)),
        HostileText(
            "windows-bom.txt",
            [0xEF, 0xBB, 0xBF] + Array(String(repeating: "one line\r\nand another\r\n", count: 100).utf8)),
        HostileText(
            "combining-marks.txt",
            text: String(repeating: "cafe\u{301} na\u{303}o ü\u{308} مرحبا שלום 👩‍👩‍👧 🇫🇷\n", count: 80)),
        // 1,500 distinct characters: more than a vocabulary keeps, so the rarest share a symbol.
        HostileText("many-symbols.txt", text: manySymbols(distinct: 1_500, count: 4_000)),
        // One line and no line end, longer than a quick run reads (256 KiB).
        HostileText("huge-single-line.txt", text: String(repeating: "lorem ipsum dolor sit amet ", count: 11_000)),
    ]

    /// Files every run must refuse with a one-line error, before any work.
    public static let refused: [HostileText] = [
        HostileText("empty.txt", []),
        HostileText("one-character.txt", text: "a"),
        HostileText("three-characters.txt", text: "abc"),
        HostileText("only-newlines.txt", text: String(repeating: "\n", count: 3_000)),
        HostileText("only-white-space.txt", text: String(repeating: " \t \n", count: 1_000)),
        HostileText("one-repeated-letter.txt", text: String(repeating: "a", count: 5_000)),
        HostileText("invalid-utf8.txt", Array(String(repeating: "caf", count: 1_000).utf8) + [0xE9, 0x0A]),
        HostileText("utf16.txt", utf16("text ", count: 500)),
        HostileText("binary.bin", (0..<3_000).map { UInt8(($0 * 37) % 256) }),
    ]
}
