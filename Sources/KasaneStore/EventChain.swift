package import Crypto
import Foundation
public import KasaneCore

/// Tamper evidence for case files: each event's hash covers the previous event's hash and the
/// event itself, so editing, inserting or removing a stored event breaks the chain from there on.
///
/// The chain is keyed (HMAC-SHA256) with a key kept outside the database (`ChainKeySource`), so
/// someone who can write the SQLite file but not read the key cannot recompute it. Workspaces
/// written before the chain was keyed (plain SHA-256) were re-anchored once by migration v6: the
/// last plain hash of every case then was sealed with the key in `chain_anchor`, and events after
/// it continue the keyed chain from that hash (see the README, "Tamper evidence").
package enum EventChain {
    /// The hash before a case's first event.
    package static let genesis = String(repeating: "0", count: 64)

    /// The text one event's hash covers.
    private static func text(previous: String, caseNumber: CaseNumber, seq: Int, kind: String, payload: String,
                             recordedAt: String) -> Data {
        Data([previous, caseNumber, String(seq), kind, payload, recordedAt].joined(separator: "\n").utf8)
    }

    /// HMAC-SHA256 (hex) under `key` over the previous hash and the stored fields of one event.
    package static func hash(key: SymmetricKey, previous: String, caseNumber: CaseNumber, seq: Int, kind: String,
                     payload: String, recordedAt: String) -> String {
        hex(HMAC<SHA256>.authenticationCode(
            for: text(previous: previous, caseNumber: caseNumber, seq: seq, kind: kind, payload: payload,
                      recordedAt: recordedAt),
            using: key))
    }

    /// The unkeyed SHA-256 (hex) of the chain as it was before migration v6: only for checking the
    /// events recorded before a case's anchor.
    static func legacyHash(previous: String, caseNumber: CaseNumber, seq: Int, kind: String, payload: String,
                           recordedAt: String) -> String {
        hex(SHA256.hash(data: text(previous: previous, caseNumber: caseNumber, seq: seq, kind: kind, payload: payload,
                                   recordedAt: recordedAt)))
    }

    /// The seal of an anchor: the case's last plain hash at re-anchoring, under the key.
    static func anchorSeal(key: SymmetricKey, caseNumber: CaseNumber, seq: Int, head: String) -> String {
        hex(HMAC<SHA256>.authenticationCode(
            for: Data(["kasane chain anchor v1", caseNumber, String(seq), head].joined(separator: "\n").utf8), using: key))
    }

    /// What the workspace keeps to recognise its key (never the key itself): the key's MAC of a
    /// fixed text. A different key gives a different fingerprint.
    package static func fingerprint(_ key: SymmetricKey) -> String {
        hex(HMAC<SHA256>.authenticationCode(for: Data("kasane chain key fingerprint v1".utf8), using: key))
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

/// Where the key of the event chain lives: a file of 64 hex digits (32 random bytes), mode
/// 0600, outside the database (by default `<workspace>.key`; `--chain-key` or
/// `KASANE_CHAIN_KEY` name another). Created once, when a workspace is created or first
/// migrated to the keyed chain; never logged, never printed.
package struct ChainKeySource: Sendable {
    package let path: String

    /// The key file at `path`.
    package init(path: String) { self.path = path }

    /// The key in the file.
    /// - Throws: `StoreError.chainKey` naming the file when it is missing, unreadable or malformed.
    package func load() throws -> SymmetricKey {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError.chainKey(path: path, problem: .missing)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError.chainKey(path: path, problem: .unreadable)
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Self.bytes(hex: text), bytes.count == 32 else {
            throw StoreError.chainKey(path: path, problem: .malformed)
        }
        return SymmetricKey(data: bytes)
    }

    /// The key in the file, creating the file (0600, 32 random bytes) when it does not exist.
    /// The file appears whole or not at all: written and synced under a temporary name, then
    /// linked into place (a process killed midway leaves no half key; one created meanwhile wins).
    package func loadOrCreate() throws -> SymmetricKey {
        if FileManager.default.fileExists(atPath: path) { return try load() }
        let key = SymmetricKey(size: .bits256)
        let bytes = Array((key.withUnsafeBytes { EventChain.hex($0) } + "\n").utf8)
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw StoreError.chainKey(path: path, problem: .cannotCreate(.current))
        }
        defer { unlink(temporary) }
        fchmod(fd, 0o600)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        let synced = written == bytes.count && fsync(fd) == 0
        close(fd)
        guard synced else {
            throw StoreError.chainKey(path: path, problem: .cannotWrite(.current))
        }
        if link(temporary, path) != 0 {
            if errno == EEXIST { return try load() }
            throw StoreError.chainKey(path: path, problem: .cannotCreate(.current))
        }
        return key
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var i = 0
        while i < digits.count {
            guard let hi = value(digits[i]), let lo = value(digits[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}

/// A case whose event chain does not hold, with the first event that breaks it.
public struct BrokenChain: Hashable, Sendable, Codable, CustomStringConvertible {
    public var caseNumber: CaseNumber
    public var seq: Int
    public var reason: String

    package init(caseNumber: CaseNumber, seq: Int, reason: String) {
        self.caseNumber = caseNumber
        self.seq = seq
        self.reason = reason
    }

    public var description: String { "case \(caseNumber): event #\(seq) \(reason)" }
}
