import KasaneApp
import KasaneCore
import KasaneStore
import Synchronization

/// What the console keeps between requests so a page does not work the whole city out again:
/// the calendars folder as loaded, and the scheduling preview (open triggers, unplaced items,
/// items that cannot be held lawfully, joint offers). Each is used only while what it was made
/// from is unchanged — the workspace version (moved by every commit to what schedules are made
/// from, by the console or by the CLI in another process), today, and the calendars folder's
/// state — so every page still shows the workspace as it is at the request.
final class ConsoleMemo: Sendable {
    private struct Preview {
        let version: Int
        let today: LocalDate
        let calendars: String
        let value: SchedulePreview
    }

    private let configuration = Mutex<(state: String, value: CalendarConfiguration)?>(nil)
    private let preview = Mutex<Preview?>(nil)

    /// The calendars folder's configuration, loaded again when a file in it changed.
    func calendarConfiguration(_ source: CalendarSource) throws -> CalendarConfiguration {
        let state = source.state()
        if let held = configuration.withLock({ $0 }), held.state == state { return held.value }
        let loaded = try source.load()
        configuration.withLock { $0 = (state, loaded) }
        return loaded
    }

    /// `Scheduling.preview` of the workspace now, worked out again when the workspace version,
    /// the day or the calendars folder moved.
    func preview(store: AppDatabase, calendars: CalendarSource, clock: AppClock) throws -> SchedulePreview {
        let version = try store.workspaceVersion(), today = clock.today, state = calendars.state()
        if let held = preview.withLock({ $0 }), held.version == version, held.today == today, held.calendars == state {
            return held.value
        }
        let value = try Scheduling.preview(store: store, config: try calendarConfiguration(calendars), clock: clock)
        preview.withLock { $0 = Preview(version: version, today: today, calendars: state, value: value) }
        return value
    }
}
