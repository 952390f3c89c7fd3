// swift-tools-version: 6.0
// Neural Workbook — the mathematics of neural networks, run and checked.
// This manifest reads as a table of contents: C libraries, the core, the chapters, the tests.

import PackageDescription

let package = Package(
    name: "NeuralWorkbook",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "NeuralCore", targets: ["NeuralCore"]),
        .library(name: "Figures", targets: ["Figures"]),
        .library(name: "Diagrams", targets: ["Diagrams"]),
        .library(name: "ChapterRunner", targets: ["ChapterRunner"]),
        // What the exercise checks are written with; the packages `swift run Workbook` generates use it.
        .library(name: "ExerciseKit", targets: ["ExerciseKit"]),
        .executable(name: "Chapter01", targets: ["Chapter01"]),
        .executable(name: "Chapter02", targets: ["Chapter02"]),
        .executable(name: "Chapter03", targets: ["Chapter03"]),
        .executable(name: "Chapter04", targets: ["Chapter04"]),
        .executable(name: "Chapter05", targets: ["Chapter05"]),
        .executable(name: "Chapter06", targets: ["Chapter06"]),
        .executable(name: "Chapter07", targets: ["Chapter07"]),
        .executable(name: "Chapter08", targets: ["Chapter08"]),
        .executable(name: "Workbook", targets: ["Workbook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `swift package generate-documentation --target NeuralCore` (the DocC catalog in
        // Sources/NeuralCore/NeuralCore.docc); a command plugin, never linked into a target.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        // MARK: C system libraries (each wrapped by exactly one Swift module)
        .systemLibrary(
            name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CAllocator", path: "Sources/CAllocator"),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]),
        .systemLibrary(
            name: "CGIF", path: "Sources/CGIF", pkgConfig: "libgif",
            providers: [.apt(["libgif-dev"])]),
        .systemLibrary(
            name: "CCairo", path: "Sources/CCairo", pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(
            name: "CGraphviz", path: "Sources/CGraphviz", pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]),

        // MARK: Core libraries
        // No unsafe flags, so a learner's own package can depend on NeuralCore by URL and version.
        // Tests and `--quick` runs train real networks: the Makefile and CI build them with
        // `-Xswiftc -O -Xcc -O2` (see FAST in the Makefile), as unoptimized arithmetic is far slower.
        // σ and tanh over buffers, compiled for AVX-512, AVX2 and baseline x86-64 and picked by
        // the loader for the CPU (NeuralCore's VectorMath wraps it).
        .target(name: "CVectorMath"),
        .target(name: "NeuralCore", dependencies: ["CBLAS", "CZlib", "CAllocator", "CVectorMath"]),
        .target(name: "Figures", dependencies: ["CCairo", "CPNG", "CGIF", "NeuralCore"]),
        .target(name: "Diagrams", dependencies: ["CGraphviz", "NeuralCore", "Figures"]),
        .target(
            name: "ChapterRunner",
            dependencies: [
                "NeuralCore", "Figures",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The character models' default corpus, frozen (CharacterCorpus.notes).
            resources: [.copy("Resources/character-corpus.txt")]),

        // MARK: Chapters (one executable each, notes beside the code)
        .executableTarget(
            name: "Chapter01", dependencies: ["NeuralCore", "Figures", "Diagrams", "ChapterRunner"],
            path: "Chapters/Chapter01", exclude: ["README.md", "Exercises"]),
        .executableTarget(
            name: "Chapter02", dependencies: ["NeuralCore", "Figures", "Diagrams", "ChapterRunner"],
            path: "Chapters/Chapter02", exclude: ["README.md", "Exercises"]),
        .executableTarget(
            name: "Chapter03", dependencies: ["NeuralCore", "Figures", "Diagrams", "ChapterRunner"],
            path: "Chapters/Chapter03", exclude: ["README.md", "Exercises"]),
        .executableTarget(
            name: "Chapter04", dependencies: ["NeuralCore", "Figures", "Diagrams", "ChapterRunner"],
            path: "Chapters/Chapter04", exclude: ["README.md", "Exercises"]),
        .executableTarget(
            name: "Chapter05", dependencies: ["NeuralCore", "Figures", "Diagrams", "ChapterRunner"],
            path: "Chapters/Chapter05", exclude: ["README.md", "Exercises"]),
        .executableTarget(
            name: "Chapter06", dependencies: ["NeuralCore", "Figures", "Diagrams", "ChapterRunner"],
            path: "Chapters/Chapter06", exclude: ["README.md", "Exercises"]),
        .executableTarget(
            name: "Chapter07", dependencies: ["NeuralCore", "Figures", "Diagrams", "ChapterRunner"],
            path: "Chapters/Chapter07", exclude: ["README.md", "Exercises"]),
        .executableTarget(
            name: "Chapter08", dependencies: ["NeuralCore", "Figures", "Diagrams", "ChapterRunner"],
            path: "Chapters/Chapter08", exclude: ["README.md", "Exercises"]),

        // MARK: Exercises (`swift run Workbook`; the learner's files are in Chapters/ChapterNN/Exercises)
        .target(name: "ExerciseKit", dependencies: ["NeuralCore"]),
        .executableTarget(
            name: "Workbook",
            dependencies: ["ExerciseKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // MARK: Benchmark (run in release: swift run -c release WorkbookBenchmark)
        .executableTarget(
            name: "WorkbookBenchmark", dependencies: ["NeuralCore", "ChapterRunner"],
            // The PyTorch reference of `--against pytorch`: a Python script, not part of the build.
            exclude: ["Reference"]),

        // MARK: Tests
        .target(
            name: "TestSupport", dependencies: ["NeuralCore", "Figures", "ChapterRunner"], path: "Tests/TestSupport"),
        .testTarget(name: "NeuralCoreTests", dependencies: ["NeuralCore", "TestSupport"]),
        .testTarget(name: "FiguresTests", dependencies: ["Figures", "TestSupport"]),
        .testTarget(name: "DiagramsTests", dependencies: ["Diagrams", "Figures", "TestSupport"]),
        .testTarget(name: "ChapterRunnerTests", dependencies: ["ChapterRunner", "Figures", "TestSupport"]),
        .testTarget(name: "ExerciseKitTests", dependencies: ["ExerciseKit"]),
        .testTarget(name: "WorkbookTests", dependencies: ["Workbook"]),
        .testTarget(name: "Chapter01Tests", dependencies: ["Chapter01", "TestSupport"]),
        .testTarget(name: "Chapter02Tests", dependencies: ["Chapter02", "TestSupport"]),
        .testTarget(name: "Chapter03Tests", dependencies: ["Chapter03", "TestSupport"]),
        .testTarget(name: "Chapter04Tests", dependencies: ["Chapter04", "TestSupport"]),
        .testTarget(name: "Chapter05Tests", dependencies: ["Chapter05", "Figures", "TestSupport"]),
        .testTarget(name: "Chapter06Tests", dependencies: ["Chapter06", "Figures", "TestSupport"]),
        .testTarget(name: "Chapter07Tests", dependencies: ["Chapter07", "TestSupport"]),
        .testTarget(name: "Chapter08Tests", dependencies: ["Chapter08", "TestSupport"]),

        // MARK: Fuzzing (`make fuzz`; the corpus replay runs with the tests)
        .systemLibrary(name: "CFuzzer", path: "Tests/Fuzz/CFuzzer"),
        .target(
            name: "FuzzTargets", dependencies: ["NeuralCore", "Figures", "CFuzzer"], path: "Tests/Fuzz/FuzzTargets"),
        .executableTarget(name: "FuzzIDX", dependencies: ["FuzzTargets"], path: "Tests/Fuzz/FuzzIDX"),
        .executableTarget(name: "FuzzPNG", dependencies: ["FuzzTargets"], path: "Tests/Fuzz/FuzzPNG"),
        .executableTarget(
            name: "FuzzModelFile", dependencies: ["FuzzTargets"], path: "Tests/Fuzz/FuzzModelFile"),
        .executableTarget(name: "FuzzText", dependencies: ["FuzzTargets"], path: "Tests/Fuzz/FuzzText"),
        .testTarget(
            name: "FuzzCorpusTests", dependencies: ["FuzzTargets", "TestSupport"], path: "Tests/Fuzz/CorpusTests"),
    ]
)
