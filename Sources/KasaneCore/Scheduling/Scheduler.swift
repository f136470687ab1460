/// Slotting and stability (the scheduler issue, parts 4 and 5): every open trigger gets a segment
/// of a session, as a pure function of `ScheduleInput` (no clock, no I/O, deterministic).
///
/// The rules, as decided for Kasane:
///
/// - **Fitting session**: a session fits a trigger when it serves a registry body whose kind is
///   `trigger.meetingKind.bodyKind` (重層的支援会議 or 支援会議, R1–R4). Triggers are placed in
///   `Trigger.scheduleOrder`, each into the earliest fitting regular session (date, start, id) with a date
///   after `today`, on or after `notBefore`, on or before `dueOn`, on a business day, with a free
///   position below its capacity (R6, R7). When that session lies after `until`, the trigger is
///   reported unplaced (beyond the horizon) instead of being rushed into an ad hoc meeting.
/// - **Ad hoc (随時)** when no session before the due date has room: from the first business day
///   on or after `max(today + 1, notBefore)` (overdue triggers too), the first office slot where
///   none of `requiredPeople(trigger, candidate)` has an overlapping item in another session,
///   counting the placements on record and those of this run. Ad hoc sessions (proposed in earlier
///   runs or this one) take only items that need one: an item first joins the earliest of them
///   serving the kind with room in `[max(today + 1, notBefore), dueOn]`; failing that, on the
///   searched day an ad hoc session with room is joined at its lowest free position, or
///   `adhoc-<date>-<HHMM>` is proposed, serving the first registry body of the kind. The search
///   stops at `until`, or after a year.
/// - **Segments**: an item at position `p` runs from `start + p × minutesPerItem`. A kept item
///   keeps its position; a new item takes the lowest free one.
/// - **Stability**: a placement on record stays when its trigger is open, its session exists, and
///   the session still fits — serves the needed body kind, is not on a closed day, is not before
///   `notBefore`, is on or before `dueOn` (ad hoc sessions, proposed past the due date when
///   nothing earlier had room, are exempt), and the position is within capacity and unshared. It
///   keeps position, reason and `invited`; its segment, meeting kind and due date are refreshed.
///   Otherwise the item moves (`moved`), except an invited item when
///   `reschedule` is off: it stays on record as it is and is reported in `unplaced`, so the next
///   run sees the same thing. Placements whose trigger is not open, and duplicate placements of
///   one trigger, go to `dropped`. Nothing else moves, so a change in one case moves only that
///   case's items.
/// - **Records (R20)**: a session whose day has come (on or before `today`) or that was held is a
///   record. Its placements stay verbatim, decided or not, whatever `reschedule` says; they are
///   in `items` and never in `moved` or `dropped`. An undecided item of a record session whose
///   day has passed is carried over: its trigger is placed again like a new one, with the
///   calendar key `ScheduledItem.carriedKey` and `carriedFrom` naming the held session, and
///   reported in `carried`. An item of today's session is not carried before the day is over.
/// - **Accepted joint holding (R5)**: a trigger whose joint-holding offer the secretariat accepted
///   goes into that session (marked `jointBody`) while the session lies after `today` and has
///   room; otherwise it is placed as usual and the acceptance is reported in `unplaced`.
/// - **Joint holding (R5)**: for a 重層的支援会議 item not yet held, the earliest session of each
///   existing body (`BodyKind.isExisting`) within `[max(today + 1, notBefore), dueOn]` (and
///   `until`), on a business day, whose members on that day work for agencies covering every
///   agency involved in the case, is offered, never used automatically. 支援会議 items get no
///   offer: only appointed 構成員 may take part in them (R2).
public enum Scheduler {
    /// Places the open triggers of `input` into sessions, keeping what is on record where it
    /// still fits; see the type's documentation for the rules.
    public static func schedule(_ input: ScheduleInput) -> ScheduleResult {
        var run = SchedulingRun(input: input)
        run.keepExisting()
        run.placePending()
        run.offerJointHolding()
        return run.result()
    }
}
