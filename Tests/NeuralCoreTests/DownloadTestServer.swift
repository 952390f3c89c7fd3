// A tiny HTTP/1.0 server on 127.0.0.1 for the downloader tests: it serves fixed bodies by path,
// answers 404 for unknown paths, and can "stall" (accept a connection and never answer).
// It runs on one background thread, polls so that it can stop, and stops by itself after
// `lifetime` seconds in any case.

import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

final class DownloadTestServer: @unchecked Sendable {
    enum Route {
        case body([UInt8])
        case stall
    }

    let port: UInt16
    private let routes: [String: Route]
    private let listener: Int32
    private let lock = NSLock()
    private var stopping = false
    private var stalled: [Int32] = []
    private var requests: [String] = []
    private let finished = DispatchSemaphore(value: 0)

    /// Base URL of the server, ending in "/".
    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)/")! }

    /// Paths requested so far.
    var requestedPaths: [String] {
        lock.lock(); defer { lock.unlock() }
        return requests
    }

    init(routes: [String: Route], lifetime: TimeInterval = 30) throws {
        self.routes = routes
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw ServerError("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0  // ephemeral
        address.sin_addr.s_addr = inet_addr("127.0.0.1")  // loopback only
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw ServerError("bind/listen on 127.0.0.1 failed")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: actual.sin_port)

        let deadline = Date().addingTimeInterval(lifetime)
        let thread = Thread { [self] in
            serve(until: deadline)
            finished.signal()
        }
        thread.start()
    }

    /// Stops accepting, closes every connection, and waits for the server thread.
    func stop() {
        lock.lock()
        let alreadyStopping = stopping
        stopping = true
        lock.unlock()
        if !alreadyStopping { finished.wait() }
    }

    private var shouldStop: Bool {
        lock.lock(); defer { lock.unlock() }
        return stopping
    }

    private func serve(until deadline: Date) {
        defer {
            lock.lock()
            for fd in stalled { close(fd) }
            stalled.removeAll()
            lock.unlock()
            close(listener)
        }
        while !shouldStop && Date() < deadline {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            handle(connection)
        }
    }

    private func handle(_ connection: Int32) {
        // Read the request head (bounded: at most 8 KB, at most 2 s).
        var head = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 1024)
        let readDeadline = Date().addingTimeInterval(2)
        while head.count < 8192 && Date() < readDeadline {
            var poller = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let n = recv(connection, &buffer, buffer.count, 0)
            if n <= 0 { break }
            head += buffer[0..<n]
            if head.count >= 4 && String(decoding: head, as: UTF8.self).contains("\r\n\r\n") { break }
        }
        let requestLine = String(decoding: head, as: UTF8.self).split(separator: "\r\n").first ?? ""
        let parts = requestLine.split(separator: " ")
        let path = parts.count >= 2 ? String(parts[1]) : "/"
        lock.lock()
        requests.append(path)
        lock.unlock()

        switch routes[path] {
        case .stall:
            lock.lock()
            stalled.append(connection)  // never answered; closed when the server stops
            lock.unlock()
            return
        case .body(let body):
            respond(connection, status: "200 OK", type: "application/octet-stream", body: body)
        case nil:
            respond(connection, status: "404 Not Found", type: "text/plain", body: Array("not found\n".utf8))
        }
        close(connection)
    }

    private func respond(_ connection: Int32, status: String, type: String, body: [UInt8]) {
        let header =
            "HTTP/1.0 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        let bytes = Array(header.utf8) + body
        var sent = 0
        while sent < bytes.count {
            #if canImport(Glibc)
                let flags = Int32(MSG_NOSIGNAL)
            #else
                let flags: Int32 = 0
            #endif
            let n = bytes[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, flags) }
            if n <= 0 { return }
            sent += n
        }
    }

    struct ServerError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
