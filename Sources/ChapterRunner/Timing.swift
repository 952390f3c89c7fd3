// Wall-clock seconds for the timings chapters and the benchmark report. Timings are printed,
// never tested: no test depends on how long something took.

/// A duration in seconds, e.g. 1.25 for 1 s 250 ms.
public func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
}

/// The seconds elapsed since `start`.
public func seconds(since start: ContinuousClock.Instant) -> Double {
    seconds(ContinuousClock.now - start)
}
