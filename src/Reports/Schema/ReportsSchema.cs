using Analytics.Reports.Alerts;
using Analytics.Reports.FollowUps;
using Analytics.Storage.Schema;

namespace Analytics.Reports.Schema;

/// <summary>The reports' part of the schema (<see cref="ReportTables"/>).</summary>
public static class ReportsSchema
{
    public static SchemaModule Module { get; } = new(
        "reports",
        [
            ReportTables.ReportRuns, ReportTables.ReportClaims, ReportTables.ReportFiles,
            FollowUpTables.FollowUps, FollowUpTables.FollowUpChanges, FollowUpTables.FollowUpNotices,
            AlertTables.Rules, AlertTables.Outbox, AlertTables.Attempts,
        ],
        [],
        [
            // report_runs was made by migration 1 before each module declared its own tables: it is made here now, with
            // IF NOT EXISTS, which leaves a database where migration 1 made it as it was.
            new(7, "report delivery: run notes, claims and files", d => d.CreateTable(ReportTables.ReportRuns)
                .Concat(d.AddColumns(ReportTables.ReportRuns.Name, ReportTables.ReportRunsDeliveryColumns))
                .Concat(d.CreateTable(ReportTables.ReportClaims))
                .Concat(d.CreateTable(ReportTables.ReportFiles))),
            new(20, "closed loop: follow-ups of detractor answers, their status changes and owner prompts", d => new[]
            {
                FollowUpTables.FollowUps, FollowUpTables.FollowUpChanges, FollowUpTables.FollowUpNotices,
            }.SelectMany(d.CreateTable)),
            new(50, "alerts: rules, the outbox of detected alerts and their delivery attempts", d => new[]
            {
                AlertTables.Rules, AlertTables.Outbox, AlertTables.Attempts,
            }.SelectMany(d.CreateTable)),
        ],
        [.. AlertTables.PersonalData, .. FollowUpTables.PersonalData]);
}
