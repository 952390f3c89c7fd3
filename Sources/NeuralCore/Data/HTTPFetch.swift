// A blocking HTTP GET on top of URLSession, for command-line chapters that simply wait for a
// download. The body arrives piece by piece through a delegate, which stops the transfer as soon
// as it grows past what the file can legitimately need, so a hostile or broken server cannot fill
// memory; a semaphore hands the result back, and a hard deadline makes sure a stalled server
// cannot hang the program.

import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Blocking HTTP downloads with timeouts and a size bound.
enum HTTPFetch {
    /// Why a fetch failed, in words.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Collects the body and keeps the first outcome; URLSession calls it on its own queue.
    private final class Transfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        private let lock = NSLock()
        private var body = Data()
        private var outcome: Result<Data, Failure>?
        let maximumBytes: Int
        let idleTimeout: TimeInterval
        let done = DispatchSemaphore(value: 0)

        init(maximumBytes: Int, idleTimeout: TimeInterval) {
            self.maximumBytes = maximumBytes
            self.idleTimeout = idleTimeout
        }

        var result: Result<Data, Failure>? {
            lock.lock()
            defer { lock.unlock() }
            return outcome
        }

        private func finish(_ result: Result<Data, Failure>) {
            lock.lock()
            let first = outcome == nil
            if first { outcome = result }
            lock.unlock()
            if first { done.signal() }
        }

        private func tooLarge(_ bytes: Int64) -> Failure {
            Failure(
                description: "the server sent \(bytes) bytes or more, more than the \(maximumBytes) this file can take")
        }

        func urlSession(
            _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
            completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
        ) {
            if let http = response as? HTTPURLResponse, http.statusCode != 200 {
                let reason = HTTPURLResponse.localizedString(forStatusCode: http.statusCode)
                finish(.failure(Failure(description: "HTTP \(http.statusCode) \(reason)")))
                completionHandler(.cancel)
            } else if response.expectedContentLength > Int64(maximumBytes) {
                finish(.failure(tooLarge(response.expectedContentLength)))
                completionHandler(.cancel)
            } else {
                completionHandler(.allow)
            }
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            lock.lock()
            body.append(data)
            let received = body.count
            lock.unlock()
            if received > maximumBytes {
                finish(.failure(tooLarge(Int64(received))))
                dataTask.cancel()
            }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
            if let error {
                finish(.failure(Failure(description: HTTPFetch.describe(error, idleTimeout: idleTimeout))))
            } else {
                lock.lock()
                let received = body
                lock.unlock()
                finish(received.isEmpty ? .failure(Failure(description: "no data received")) : .success(received))
            }
        }
    }

    /// Downloads `url`, returning the body of a 200 response of at most `maximumBytes`.
    ///
    /// - Parameters:
    ///   - maximumBytes: the most the body may hold; a larger answer is stopped and refused.
    ///   - idleTimeout: seconds the server may stay silent (before answering or mid-transfer).
    ///   - deadline: seconds the whole transfer may take.
    static func get(_ url: URL, maximumBytes: Int, idleTimeout: TimeInterval, deadline: TimeInterval) throws -> Data {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = idleTimeout
        configuration.timeoutIntervalForResource = deadline
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        let transfer = Transfer(maximumBytes: maximumBytes, idleTimeout: idleTimeout)
        let session = URLSession(configuration: configuration, delegate: transfer, delegateQueue: nil)
        defer { session.invalidateAndCancel() }

        var request = URLRequest(url: url)
        request.timeoutInterval = idleTimeout
        request.cachePolicy = .reloadIgnoringLocalCacheData
        let task = session.dataTask(with: request)
        task.resume()
        // URLSession enforces the timeouts itself; this wait is the last resort if it does not.
        if transfer.done.wait(timeout: .now() + deadline + idleTimeout + 1) == .timedOut {
            task.cancel()
            throw Failure(description: "no complete answer within \(formatSeconds(deadline)) s (timed out)")
        }
        switch transfer.result {
        case .success(let data): return data
        case .failure(let failure): throw failure
        case nil: throw Failure(description: "the download ended without a result")
        }
    }

    fileprivate static func describe(_ error: Error, idleTimeout: TimeInterval) -> String {
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
