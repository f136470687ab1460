import Foundation
import Logging
import Hummingbird
import KasaneApp
import KasaneCore
import KasaneStore
import KasaneWording

/// `decide.mustache`: the chair's form for one item, through the same use case as `kasane
/// decide` (`Decisions.target`, `Decisions.outcome`, `Decisions.decide`): the same rules,
/// refusals and words. A refused form is shown again with the message beside the field.
struct DecidePage: Sendable {
    struct Option: Sendable { let value: String, label: String, selected: Bool }
    struct Field: Sendable { let value: String, error: String? }
    let chrome: Chrome
    let meeting: String, item: String, caseNumber: String, triggerID: String, meetingDate: String
    let outcomes: [Option]
    let outcomeError: String?
    let attendees: [Option]
    let by: Field, supportDecisionBy: Field, roles: Field, monitoring: Field, lead: Field, followUp: Field
    let shortages: Field, decidedOn: Field, reportedOn: Field
    let notice: Notice?
}

extension Console {
    func addDecisionRoutes(to router: Router<ConsoleRequestContext>) {
        get(router, "/meetings/:id/items/:item/decide", .decide) { _, context, signed in
            try await decideResponse(context, signed: signed, form: nil)
        }
        post(router, "/meetings/:id/items/:item/decide", .decide) { _, context, signed, form in
            try await decideResponse(context, signed: signed, form: form)
        }
    }

    private func decideResponse(_ context: ConsoleRequestContext, signed: Signed, form: Form?) async throws -> Response {
        let meeting = context.parameters.get("id") ?? "", item = context.parameters.get("item") ?? ""
        let decisions = Decisions(store: store, clock: clock)
        let target: DecisionTarget
        do {
            target = try decisions.target(meeting: meeting, item: item)
        } catch let error as DecisionError {
            return messagePage(.unprocessableContent, words(error), title: "決定の記録", signed: signed,
                               back: "/meetings/\(meeting)")
        }
        let registry = try store.registry()
        let attendance = target.session.attendance(of: target.scheduled, caseFile: target.file, registry: registry)
        let seated = attendance?.attendees.map(\.person) ?? []
        var errors: [String: String] = [:]
        var notice: Notice?
        let values = form ?? Form("")
        if let form {
            var input: DecisionInput?
            var outcome: DecisionOutcome?
            if let text = form["outcome"] {
                do { outcome = try Decisions.outcome(text, for: target) } catch { errors["outcome"] = words(error) }
            } else {
                errors["outcome"] = catalogue(ConsoleMessage.choose(label: "決定"))
            }
            if form["by"] == nil { errors["by"] = catalogue(ConsoleMessage.required(label: "記録する人")) }
            func date(_ name: String, _ label: String) -> LocalDate? {
                guard let text = form[name] else { return nil }
                guard let d = LocalDate(iso: text) else {
                    errors[name] = catalogue(ConsoleMessage.badDate(label: label, text: text))
                    return nil
                }
                return d
            }
            let monitoring = date("monitoring", "次のモニタリングの日")
            let decidedOn = date("decided_on", "決定の日")
            let reportedOn = date("reported_on", "報告の日")
            var roles: [PlanService] = []
            for line in (form["roles"] ?? "").split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) })
                where !line.isEmpty {
                let p = line.split(separator: ":", maxSplits: 1).map(String.init)
                guard p.count == 2, !p[0].isEmpty, !p[1].isEmpty else {
                    errors["roles"] = catalogue(ConsoleMessage.badRoleLine(line))
                    break
                }
                roles.append(PlanService(agency: p[0], task: p[1], statutory: false))
            }
            if errors.isEmpty, let outcome, let by = form["by"] {
                var i = DecisionInput(outcome: outcome, recordedBy: by)
                i.supportDecisionBy = form["support_decision_by"]
                i.roles = roles
                i.monitoringOn = monitoring
                i.leadAgency = form["lead"]
                i.followUp = form["follow_up"]
                i.shortages = (form["shortages"] ?? "").split(whereSeparator: \.isNewline)
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                i.attended = form.all("attended")
                i.decidedOn = decidedOn
                i.reportedOn = reportedOn
                input = i
            }
            if let input {
                do {
                    let result = try decisions.decide(target, input)
                    logger.info("console decision recorded", metadata: [
                        "staff.id": "\(signed.account.id)", "case.number": "\(target.number)",
                        "event.seq": "\(result.recorded.events.map(\.seq))"])
                    var text = "\(target.number): 決定「\(input.outcome.rawValue)」を記録しました（出来事 #"
                        + result.recorded.events.map { "\($0.seq)" }.joined(separator: ", #") + "）"
                    if let plan = result.awaitingSupportDecision {
                        text += "。\(plan.kind.rawValue)プラン第\(plan.version)版は承認済・支援決定待ちです (R16)"
                    }
                    if let reported = result.reportedOn { text += "。自治体への報告 \(reported.iso) を記録しました (R16)" }
                    return try await meetingResponse(meeting, signed: signed, notice: Notice(text: text, isError: false))
                } catch let error as DecisionError {
                    if case .reportedAfterToday = error { errors["reported_on"] = words(error) }
                    else { notice = Notice(text: words(error), isError: true) }
                } catch {
                    notice = Notice(text: words(error), isError: true)
                }
            }
        }
        func field(_ name: String, default value: String = "") -> DecidePage.Field {
            .init(value: values.raw(name) ?? value, error: errors[name])
        }
        let chosen = values["outcome"]
        let attended = Set(values.all("attended"))
        let page = DecidePage(
            chrome: chrome("決定の記録", signed), meeting: meeting, item: item, caseNumber: target.number,
            triggerID: target.scheduled.triggerID, meetingDate: target.session.date.iso,
            outcomes: target.outcomes.map { .init(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == chosen) },
            outcomeError: errors["outcome"],
            attendees: seated.map { .init(value: $0, label: "\(registry.person($0)?.name ?? $0)（\($0)）",
                                          selected: attended.contains($0)) },
            by: field("by", default: signed.account.id), supportDecisionBy: field("support_decision_by"),
            roles: field("roles"), monitoring: field("monitoring"), lead: field("lead"), followUp: field("follow_up"),
            shortages: field("shortages"), decidedOn: field("decided_on"), reportedOn: field("reported_on"),
            notice: notice ?? (errors.isEmpty ? nil : Notice(text: "入力を確かめてください。何も記録していません", isError: true)))
        return ConsoleResponses.html(form == nil || (errors.isEmpty && notice == nil) ? .ok : .unprocessableContent,
                                     pages.render("decide", page))
    }
}
