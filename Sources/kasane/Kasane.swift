import ArgumentParser

/// `kasane`: runs the case conferences of 重層的支援体制整備事業 from one SQLite workspace.

struct Kasane: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kasane",
        abstract: "重層的支援体制整備事業の会議: 名簿、ケースファイル、開催契機、会議。",
        subcommands: [
            RegistryCommand.self, AgencyCommand.self, PersonCommand.self, BodyCommand.self,
            CaseCommand.self, ConsentCommand.self, PlanCommand.self, ContactCommand.self,
            CalendarCommand.self, TriggersCommand.self, ScheduleCommand.self, MeetingCommand.self,
            InviteCommand.self, OutboxCommand.self, RepliesCommand.self, FeedsCommand.self, FeedTokenCommand.self, ServeCommand.self, AuditCommand.self, AgendaCommand.self, DecideCommand.self, SupportDecisionCommand.self, MinutesCommand.self, ReportCommand.self, VerifyCommand.self,
            MigrateCommand.self, BackupCommand.self, RestoreCommand.self, RetentionCommand.self, TenantCommand.self, WorkspaceCommand.self,
            ConsoleCommand.self, StaffCommand.self,
        ])

    /// Parses the command line and runs the command with its workspace access (`WorkspaceAccess`);
    /// a refusal is printed in the run's language (`ErrorOutput`).
    static func main(_ arguments: [String]) async {
        do {
            var command = try parseAsRoot(arguments)
            try await WorkspaceAccess.$current.withValue(WorkspaceAccess.of(type(of: command))) {
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
            }
        } catch {
            ErrorOutput.exit(with: worded(error))
        }
    }
}
