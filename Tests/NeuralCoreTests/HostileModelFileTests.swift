// Hostile model files: sizes whose products overflow Int, slopes that are not numbers, fields of
// the wrong type, and files that are not files. Each is a one-line error that names the field and
// its path in the file, never a trap.

import Foundation
import TestSupport
import Testing

@testable import NeuralCore

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Hostile model files — bounded sizes, finite numbers, named fields")
struct HostileModelFileTests {
    /// A small valid version-3 file: a 2-kernel 3×3 convolution on 1×4×4, a flatten, a dense
    /// layer of 8 → 2.
    static func base(
        input: String = #"{"channels":1,"height":4,"width":4}"#,
        convolution: String = #""outputChannels":2,"kernelHeight":3,"kernelWidth":3,"stride":1,"padding":0"#,
        convolutionParameters: String? = nil,
        dense: String = #""inputs":8,"outputs":2,"activation":"sigmoid""#,
        denseParameters: String? = nil
    ) -> String {
        let kernels = (0..<18).map { "\(Double($0) / 10)" }.joined(separator: ",")
        let weights = (0..<16).map { "\(Double($0) / 20)" }.joined(separator: ",")
        return """
            {"format":"neural-workbook-network","version":3,"input":\(input),"layers":[\
            {"kind":"convolution",\(convolution),"parameters":\(convolutionParameters ?? "[[\(kernels)],[0.5,-0.5]]")},\
            {"kind":"flatten"},\
            {"kind":"dense",\(dense),"parameters":\(denseParameters ?? "[[\(weights)],[0,1]]")}]}
            """
    }

    static func message(_ body: String, source: String = "m.json") -> String {
        do {
            _ = try ModelFile.decode(Data(body.utf8), source: source)
            return "no error"
        } catch { return "\(error)" }
    }

    @Test("The base file loads, so every case below fails for its own reason")
    func baseLoads() throws {
        let network = try ModelFile.decode(Data(Self.base().utf8))
        #expect(network.layers.count == 3 && network.outputCount == 2)
    }

    /// Sizes whose products overflow Int, or that are absurd: each refused, naming the field.
    static let sizes: [(String, String)] = [
        // A dense layer whose weights would be 8 × 2⁶² numbers.
        (
            base(dense: #""inputs":8,"outputs":4611686018427387904,"activation":"sigmoid""#),
            "m.json: layers[2] (dense): outputs is 4611686018427387904, more than 65536, the largest size"
        ),
        (base(input: #"{"channels":1099511627776,"height":4,"width":4}"#), "m.json: input.channels is 1099511627776"),
        // Each size allowed, their product (2⁴⁸ values per example) not.
        (
            base(input: #"{"channels":65536,"height":65536,"width":65536}"#),
            "m.json: input of 65536×65536×65536 values per example would be more than 16777216 numbers"
        ),
        (
            base(
                convolution:
                    #""outputChannels":2,"kernelHeight":3,"kernelWidth":3,"stride":1,"padding":4611686018427387904"#),
            "m.json: layers[0] (convolution): padding is 4611686018427387904, more than 65536"
        ),
        (
            base(
                convolution: #""outputChannels":2,"kernelHeight":60000,"kernelWidth":60000,"stride":1,"padding":30000"#),
            "m.json: layers[0] (convolution): a 60000×60000 kernel would be more than 16777216 numbers"
        ),
        (
            base(convolution: #""outputChannels":2,"kernelHeight":3,"kernelWidth":3,"stride":1,"padding":60000"#),
            "m.json: layers[0] (convolution): the input padded by 60000 of 1×120004×120004 values per example would be more than 16777216 numbers"
        ),
        (
            base(convolution: #""outputChannels":2,"kernelHeight":3,"kernelWidth":3,"stride":-1,"padding":0"#),
            "m.json: layers[0] (convolution): stride is -1; it must be at least 1"
        ),
        (
            base(convolution: #""outputChannels":0,"kernelHeight":3,"kernelWidth":3,"stride":1,"padding":0"#),
            "m.json: layers[0] (convolution): outputChannels is 0; it must be at least 1"
        ),
        (
            base(convolution: #""outputChannels":2,"kernelHeight":3,"kernelWidth":3,"stride":1,"padding":-2"#),
            "m.json: layers[0] (convolution): padding is -2; it must be at least 0"
        ),
        (
            base(convolution: #""outputChannels":2,"kernelHeight":9,"kernelWidth":3,"stride":1,"padding":0"#),
            "m.json: layers[0] (convolution): a 9×3 kernel does not fit the 1×4×4 input padded by 0"
        ),
    ]

    @Test("Sizes that overflow or are absurd are refused with the field's path and the bound's reason")
    func hostileSizes() {
        for (body, expected) in Self.sizes {
            let got = Self.message(body)
            #expect(got.hasPrefix(expected), "\(got)")
            #expect(!got.contains("\n"))
        }
    }

    @Test("Non-finite leaky ReLU slopes and numbers are refused", arguments: ["nan", "inf", "-inf", "NaN", "infinity"])
    func nonFiniteSlope(slope: String) {
        let got = Self.message(Self.base(dense: #""inputs":8,"outputs":2,"activation":"leakyReLU:\#(slope)""#))
        #expect(
            got
                == "m.json: layers[2] (dense): activation \"leakyReLU:\(slope)\": the leaky ReLU slope must be a finite number, as in \"leakyReLU:0.01\""
        )
        #expect(Self.message(Self.base(dense: #""inputs":8,"outputs":2,"activation":"leakyReLU:0.25""#)) == "no error")
    }

    /// Fields of the wrong type, or missing: the message names the field's path in the file.
    static let fields: [(String, String)] = [
        (
            base(denseParameters: #"["weights",[0,1]]"#),
            "m.json: layers[2].parameters[0]: expected an array of numbers, found a string"
        ),
        (
            base(denseParameters: #"[[0,1,2,3,4,5,6,"7",8,9,10,11,12,13,14,15],[0,1]]"#),
            "m.json: layers[2].parameters[0][7]: expected a number, found a string"
        ),
        (
            base(dense: #""inputs":8,"outputs":"2","activation":"sigmoid""#),
            "m.json: layers[2].outputs: expected a whole number, found a string"
        ),
        (
            base(dense: #""inputs":8,"outputs":2.5,"activation":"sigmoid""#),
            "m.json: layers[2].outputs: expected a whole number, found 2.5"
        ),
        (
            base(dense: #""inputs":8,"outputs":1e30,"activation":"sigmoid""#),
            "m.json: layers[2].outputs: expected a whole number, found 1e+30"
        ),
        (base(dense: #""inputs":8,"outputs":2,"activation":7"#), "m.json: layers[2].activation: expected a string"),
        (base(dense: #""inputs":8,"outputs":2"#), "m.json: layers[2] (dense): activation is missing"),
        (base(input: #"{"channels":1,"height":4}"#), "m.json: input.width is missing"),
        (base(input: #"[1,4,4]"#), "m.json: input: expected an object"),
        (
            base(dense: #""inputs":8,"outputs":2,"activation":"sigmoid","keep":"all""#),
            "m.json: layers[2].keep: expected a number, found a string"
        ),
        (
            base(denseParameters: #"[[0,1,2,3,4,5,6,1e400,8,9,10,11,12,13,14,15],[0,1]]"#),
            "m.json: not valid JSON: Number 1e400 is not representable in Swift."
        ),
        (
            base(dense: #""inputs":8,"outputs":2,"activation":"swish""#),
            "m.json: layers[2] (dense): unknown activation \"swish\" (known: step, sigmoid"
        ),
        (
            #"{"format":"neural-workbook-network","version":"3"}"#,
            "m.json: version: expected a whole number, found a string"
        ),
        (
            #"{"format":"neural-workbook-network","version":3,"input":{"chan"#,
            "m.json is not a Neural Workbook model file: "
        ),
        ("", "m.json is not a Neural Workbook model file: "),
        ("\u{0}\u{1}\u{2}binary", "m.json is not a Neural Workbook model file: "),
        (#"{"format":"keras","version":3}"#, "m.json is not a Neural Workbook model file (no \"format\""),
        (
            #"{"format":"neural-workbook-network","version":3,"input":{"channels":1,"height":4,"width":4},"layers":[{"kind":"pooling","pooling":{"kind":"median","size":2,"stride":2}}]}"#,
            "m.json: layers[0].pooling.kind: "
        ),
        (
            #"{"format":"neural-workbook-network","version":3,"input":{"channels":1,"height":4,"width":4},"layers":[{"kind":"pooling","pooling":{"kind":"max","size":4294967296,"stride":2}}]}"#,
            "m.json: layers[0] (pooling): pooling.size is 4294967296, more than 65536"
        ),
        (
            #"{"format":"neural-workbook-network","version":3,"input":{"channels":1,"height":4,"width":4},"layers":"all"}"#,
            "m.json: layers: expected an array of layers, found a string"
        ),
        // Version 1 and 2 files name their fields too.
        (
            #"{"format":"neural-workbook-network","version":1,"layers":[{"inputs":2,"outputs":1,"activation":"relu","weights":null,"biases":[0]}]}"#,
            "m.json: layers[0].weights: expected an array of numbers, found null"
        ),
        (
            #"{"format":"neural-workbook-network","version":1,"layers":[{"inputs":4611686018427387904,"outputs":4,"activation":"relu","weights":[],"biases":[0]}]}"#,
            "m.json: input.channels is 4611686018427387904, more than 65536"
        ),
        (
            #"{"format":"neural-workbook-network","version":2,"input":{"channels":1,"height":4,"width":4},"layers":[{"kind":"pool","activation":"relu","weights":[],"biases":[]}]}"#,
            "m.json: layers[0].kind: unknown kind \"pool\""
        ),
    ]

    @Test("A wrongly typed or missing field is named with its path in the file")
    func namedFields() {
        for (body, expected) in Self.fields {
            let got = Self.message(body)
            #expect(got.hasPrefix(expected), "\(got)")
            #expect(!got.contains("\n"), "\(got)")
        }
    }

    @Test("Too many layers, and arrays nested past any model's depth, are one-line errors")
    func structure() {
        let flattens = Array(repeating: #"{"kind":"flatten"}"#, count: 5000).joined(separator: ",")
        let many = Self.message(
            #"{"format":"neural-workbook-network","version":3,"input":{"channels":1,"height":1,"width":1},"layers":[\#(flattens)]}"#
        )
        #expect(many == "m.json has 5000 layers, more than the 4096 a model file may have")
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let nested = Self.message(Self.base(denseParameters: deep))
        #expect(nested.hasPrefix("m.json"), "\(nested)")
        #expect(!nested.contains("\n"))
    }

    @Test("More numbers than any model holds are counted and refused before decoding")
    func tooManyNumbers() {
        // 5 million numbers for a layer of 2 weights: decoding would take about 250 MB.
        let zeros = String(repeating: "0,", count: 5_000_000) + "0"
        let got = Self.message(Self.base(denseParameters: "[[\(zeros)],[0,1]]"))
        #expect(got.hasPrefix("m.json holds 5000034 numbers, more than the 4194304 a model file may hold"), "\(got)")
        // Numbers inside strings, and digits after letters, are not counted.
        let text = #"{"a":"1,2,3","b":[1,-2.5e3,3],"c\"":[4],"d":x9}"#
        #expect(ModelFile.numberCount(Data(text.utf8)) == 4)
    }

    @Test("A folder, a pipe or a file far too large is refused before reading")
    func notModelFiles() throws {
        let folder = try TestPaths.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func message(_ url: URL) -> String {
            do {
                _ = try ModelFile.load(from: url)
                return "no error"
            } catch { return "\(error)" }
        }
        #expect(message(folder).hasSuffix("is a folder; give the path of a saved model file"))
        let fifo = folder.appendingPathComponent("model.json")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        #expect(message(fifo).contains("not a regular file"))
        let huge = folder.appendingPathComponent("huge.json")
        try Data(Self.base().utf8).write(to: huge)
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 1 << 34)
        try handle.close()
        #expect(message(huge).contains("is 17179869184 bytes, more than the 134217728 a model file may have"))
    }
}
