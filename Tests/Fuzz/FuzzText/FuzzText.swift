// FuzzTarget.text as a program: a libFuzzer fuzzer under `make fuzz`, a replay tool otherwise
// (see FuzzMain).

import FuzzTargets

@main struct FuzzText {
    static func main() throws { try FuzzMain.run(.text) }
}
