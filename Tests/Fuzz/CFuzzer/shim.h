// libFuzzer's driver, for fuzz executables that keep their own main (SwiftPM names the entry
// point of an executable target itself). Linked from libFuzzer by -sanitize=fuzzer.
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
