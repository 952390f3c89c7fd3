// A blocking HTTP GET on top of URLSession, for command-line chapters that simply wait for a
// download. The completion handler runs on URLSession's own queue; a semaphore hands the result
// back, and a hard deadline makes sure a stalled server cannot hang the program.

import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Blocking HTTP downloads with timeouts.
enum HTTPFetch {
    /// Why a fetch failed, in words.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Holds the completion handler's result until the waiting thread reads it.
    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Result<Data, Failure>?

        func set(_ result: Result<Data, Failure>) {
            lock.lock()
            defer { lock.unlock() }
            if value == nil { value = result }
        }

        func get() -> Result<Data, Failure>? {
            lock.lock()
            defer { lock.unlock() }
            return value
        }
    }

    /// Downloads `url`, returning the body of a 200 response.
    ///
    /// - Parameters:
    ///   - idleTimeout: seconds the server may stay silent (before answering or mid-transfer).
    ///   - deadline: seconds the whole transfer may take.
    static func get(_ url: URL, idleTimeout: TimeInterval, deadline: TimeInterval) throws -> Data {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = idleTimeout
        configuration.timeoutIntervalForResource = deadline
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        let session = URLSession(configuration: configuration)
        defer { session.invalidateAndCancel() }

        var request = URLRequest(url: url)
        request.timeoutInterval = idleTimeout
        request.cachePolicy = .reloadIgnoringLocalCacheData

        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            if let error {
                box.set(.failure(Failure(description: describe(error, idleTimeout: idleTimeout))))
            } else if let http = response as? HTTPURLResponse, http.statusCode != 200 {
                let reason = HTTPURLResponse.localizedString(forStatusCode: http.statusCode)
                box.set(.failure(Failure(description: "HTTP \(http.statusCode) \(reason)")))
            } else if let data {
                box.set(.success(data))
            } else {
                box.set(.failure(Failure(description: "no data received")))
            }
            done.signal()
        }
        task.resume()
        // URLSession enforces the timeouts itself; this wait is the last resort if it does not.
        if done.wait(timeout: .now() + deadline + idleTimeout + 1) == .timedOut {
            task.cancel()
            throw Failure(description: "no complete answer within \(formatSeconds(deadline)) s (timed out)")
        }
        switch box.get() {
        case .success(let data): return data
        case .failure(let failure): throw failure
        case nil: throw Failure(description: "the download ended without a result")
        }
    }

    private static func describe(_ error: Error, idleTimeout: TimeInterval) -> String {
        if let urlError = error as? URLError {
            switch urlError.code {
            case .timedOut:
                return "timed out: no answer within \(formatSeconds(idleTimeout)) s"
            case .cannotFindHost, .dnsLookupFailed:
                return "cannot resolve the host name (no network?)"
            case .notConnectedToInternet, .networkConnectionLost:
                return "no network connection"
            case .cannotConnectToHost:
                return "cannot connect to the server"
            default:
                break
            }
        }
        return error.localizedDescription
    }

    private static func formatSeconds(_ seconds: TimeInterval) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}
