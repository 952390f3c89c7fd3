// The C allocator's tuning knobs (glibc's mallopt), for NeuralCore's keepFreedBuffersForReuse().
#if defined(__linux__)
#include <malloc.h>
#endif
