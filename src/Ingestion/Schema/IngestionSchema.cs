using Analytics.Storage.Schema;

namespace Analytics.Ingestion.Schema;

/// <summary>Ingestion's part of the schema: its tables (<see cref="IngestionTables"/>) and the migrations that made them.</summary>
public static class IngestionSchema
{
    public static SchemaModule Module { get; } = new(
        "ingestion",
        [
            IngestionTables.Accounts, IngestionTables.TargetListMembers, IngestionTables.Contacts, IngestionTables.Events,
            IngestionTables.Opportunities, IngestionTables.SurveyResponses, IngestionTables.AdPerformance, IngestionTables.DeadLetters,
            IngestionTables.Identities, IngestionTables.EventIds, IngestionTables.DeletionRequests, IngestionTables.GroupAccounts,
            IngestionTables.AccountIntent,
        ],
        [IngestionTables.EventIdsView],
        [
            // Migration 1 also made report_runs before each module declared its own tables; the reports module's
            // migration 7 now makes it (IF NOT EXISTS), which leaves every database as it was.
            new(1, "core tables", d => new[]
            {
                IngestionTables.Accounts, IngestionTables.TargetListMembers, IngestionTables.Contacts, IngestionTables.Events,
                IngestionTables.Opportunities, IngestionTables.SurveyResponses, IngestionTables.AdPerformance, IngestionTables.DeadLetters,
            }.SelectMany(d.CreateTable)),
            new(3, "identity resolution and deletion log", d =>
                d.CreateTable(IngestionTables.Identities).Concat(d.CreateTable(IngestionTables.DeletionRequests))),
            new(5, "event id index", d => d.CreateTable(IngestionTables.EventIds)
                .Append(d.CreateMaterializedView(IngestionTables.EventIdsView))
                // Events stored before the view existed; the ReplacingMergeTree collapses an overlap.
                .Append($"INSERT INTO {d.Qualified(IngestionTables.EventIds.Name)} SELECT event_id, toDate(timestamp) AS day FROM {d.Qualified(IngestionTables.Events.Name)}")),
            // Every account stored before came from the CRM (or the demo's CRM files): the defaults say so.
            new(21, "Segment groups: the account of each group id, and which account attributes came from group traits", d =>
                d.AddColumns(IngestionTables.Accounts.Name, IngestionTables.AccountOriginColumns).Concat(d.CreateTable(IngestionTables.GroupAccounts))),
            new(40, "third-party intent: an account's score for a topic in a week", d => d.CreateTable(IngestionTables.AccountIntent)),
        ]);
}
