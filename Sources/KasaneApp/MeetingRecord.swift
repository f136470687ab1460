public import KasaneCore
public import KasaneStore

extension Meetings {
    /// Marks meeting `id` held or minuted on today (R20): `kasane meeting held|minuted` and the
    /// console's button.
    /// - Throws: `StoreError.noSession`, `.sessionNotYetHeld`, `.sessionStateFinal`.
    public static func record(_ state: SessionState, of id: String, store: any WorkspaceStore, clock: AppClock) throws {
        try store.setState(state, of: id, today: clock.today)
    }
}
