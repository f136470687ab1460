import KasaneCore
import KasaneMail
import KasaneWording
public import KasaneStore
public import Logging

/// The outbox use case (#14.5): delivering what `invite` recorded, and listing it (`kasane outbox`).
public enum Outbox {
    /// What one delivery pass did.
    public struct Delivery: Sendable, Hashable {
        /// The outbox numbers the relay accepted in this pass, in order.
        public var delivered: [Int]
        /// How many of them had failed before (sent again after a failure).
        public var retried: Int
        /// Messages left in `sending` by a run that stopped mid-delivery: they may have arrived,
        /// so they are never sent again on their own (`kasane outbox --failed` lists them).
        public var uncertain: Int
    }

    /// Hands every queued or failed message to `relay`, oldest first, each claimed (`sending`,
    /// committed) before the relay is asked and marked `sent` with the relay's reply after, so a
    /// message is sent at most once even when two runs deliver at the same time. The pass stops at
    /// the first failure (the relay is down or refusing): that message is marked `failed` with the
    /// reason, the rest stay queued, and the next pass resumes with them. A message cut off after
    /// it went out but before the relay's reply stays `sending` (it may have arrived) and is not
    /// retried on its own.
    /// - Throws: `AppError.notDelivered` (the first failure, with the counts delivered and left);
    ///   `StoreError`.
    public static func deliver(store: any OutboxStore, relay: MailRelay, clock: AppClock, logger: Logger) throws -> Delivery {
        let pending = try store.outbox(states: [.queued, .failed])
        var delivered: [Int] = []
        var retried = 0
        for (index, entry) in pending.enumerated() {
            guard try store.markSending(entry.number, at: clock.timestamp) else { continue }
            let draft = entry.draft
            let helo = draft.sender.split(separator: "@").last.map(String.init) ?? "kasane.invalid"
            let reply: String
            do {
                reply = try relay.delivery(heloName: helo).send(from: draft.sender, to: [draft.recipient], message: draft.message)
            } catch {
                // Recorded and shown in Japanese; the error never carries the password (#14.6).
                var reason = error.words(in: .ja)
                if error.step == .message && error.code == nil {
                    // Cut off after the message went out, before the relay's reply: it may have
                    // arrived (RFC 5321 §4.1.1.4, the duplicate-message problem), so it stays
                    // `sending` and is never sent again on its own (#14.5).
                    reason += "。届いたか不明なため、このメールは自動では再送しません"
                } else {
                    try store.markFailed(entry.number, reason: reason, at: clock.timestamp)
                }
                logger.warning("outbox message not delivered", metadata: [
                    "outbox.number": "\(entry.number)", "invitation.trigger": "\(draft.triggerID)",
                    "person.id": "\(draft.personID)", "smtp.step": "\(error.step.rawValue)",
                    "smtp.code": "\(error.code.map(String.init) ?? "-")",
                ])
                throw AppError.notDelivered(path: draft.path, reason: reason, delivered: delivered.count,
                                            left: pending.count - index)
            }
            try store.markSent(entry.number, reply: reply, at: clock.timestamp)
            delivered.append(entry.number)
            if entry.state == .failed { retried += 1 }
            logger.info("outbox message delivered", metadata: [
                "outbox.number": "\(entry.number)", "invitation.trigger": "\(draft.triggerID)",
                "person.id": "\(draft.personID)", "attempt": "\(entry.attempts + 1)",
            ])
        }
        return Delivery(delivered: delivered, retried: retried, uncertain: try store.outbox(states: [.sending]).count)
    }

    /// The recorded messages, oldest first; with `failedOnly`, those that need a look: failed, and
    /// left `sending` by a stopped run.
    public static func list(store: any OutboxStore, failedOnly: Bool) throws -> [OutboxEntry] {
        try store.outbox(states: failedOnly ? [.failed, .sending] : nil)
    }
}
