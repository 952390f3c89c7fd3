// Training allocates and frees the same buffers every mini-batch: a recurrent window's logits and
// probabilities (76 × 800 entries, about 0.5 MB each), a convolution's patch matrices, a batch
// of MNIST inputs. glibc's allocator hands buffers of that size back to the kernel when they are
// freed and takes fresh zeroed pages for the next batch, so a training loop spends much of its
// time in page faults (the character models ran about 20% slower for it). Keeping freed memory
// in the process for reuse removes that cost; the process then holds on to at most its peak.

import CAllocator

/// Asks the C allocator to keep freed buffers of up to 32 MB in the process for reuse instead of
/// returning them to the kernel after every mini-batch (glibc only; elsewhere it does nothing).
/// Call it once at the start of a training program; the chapters and the benchmark do.
public func keepFreedBuffersForReuse() {
    #if os(Linux)
        // Allocations below 32 MB come from the heap rather than from fresh mappings, and up to
        // 256 MB of free heap stays mapped before it is trimmed.
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 256 << 20)
    #endif
}
