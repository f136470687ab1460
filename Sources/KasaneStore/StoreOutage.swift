/// An error that may mean the store's server is unreachable for now (stopped, restarting, the
/// network down) rather than that anything is wrong with the request or the data (issue 16.4):
/// a long-running server answers from what it last read and tries again on the next request.
public protocol StoreOutageError: Error {
    /// Whether this error is such an outage.
    var isOutage: Bool { get }
}

/// Whether `error` says the store's server is unreachable for now (`StoreOutageError`).
public func isStoreOutage(_ error: any Error) -> Bool { (error as? any StoreOutageError)?.isOutage ?? false }
