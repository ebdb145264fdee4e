namespace Analytics.Storage.Schema;

/// <summary>One numbered step of the schema. Its statements must be idempotent: a crash between two leaves nothing to undo.</summary>
public sealed record Migration(int Version, string Name, Func<SchemaDialect, IEnumerable<string>> Statements);

/// <summary>The schema's history, oldest first. Append new steps; never edit one that has shipped.</summary>
public static class Migrations
{
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "core tables", d => new[]
        {
            DataModel.Accounts, DataModel.TargetListMembers, DataModel.Contacts, DataModel.Events,
            DataModel.Opportunities, DataModel.SurveyResponses, DataModel.AdPerformance, DataModel.DeadLetters,
            DataModel.ReportRuns,
        }.SelectMany(d.CreateTable)),
        new(2, "engagement rollup", d =>
            d.CreateTable(DataModel.AccountEngagementDaily).Append(d.CreateMaterializedView(DataModel.AccountEngagementDailyView))),
        new(3, "identity resolution and deletion log", d =>
            d.CreateTable(DataModel.Identities).Concat(d.CreateTable(DataModel.DeletionRequests))),
        new(4, "touch rollup and scoring models", d => d.CreateTable(SupersededModel.AccountTouchDaily)
            .Append(d.CreateMaterializedView(SupersededModel.AccountTouchDailyView))
            // Events stored before the view existed; argMin/argMax/max make an overlap with the view harmless.
            .Append($"INSERT INTO {d.Qualified(SupersededModel.AccountTouchDaily.Name)} "
                + d.SelectOf(SupersededModel.AccountTouchDailyView, d.Qualified(DataModel.Events.Name)))
            .Concat(d.CreateTable(DataModel.ScoringModels))),
        new(5, "event id index", d => d.CreateTable(DataModel.EventIds)
            .Append(d.CreateMaterializedView(DataModel.EventIdsView))
            // Events stored before the view existed; the ReplacingMergeTree collapses an overlap.
            .Append($"INSERT INTO {d.Qualified(DataModel.EventIds.Name)} SELECT event_id, toDate(timestamp) AS day FROM {d.Qualified(DataModel.Events.Name)}")),
        new(6, "activity, path and monthly touch rollups for scoring", d => new[]
        {
            (SupersededModel.ActivityTable(DataModel.AccountActivityDaily.Name, "day"), SupersededModel.AccountActivityDailyView),
            (SupersededModel.ActivityTable(DataModel.AccountActivityWeekly.Name, "week"), SupersededModel.AccountActivityWeeklyView),
            (SupersededModel.ActivityTable(DataModel.AccountActivityMonthly.Name, "month"), SupersededModel.AccountActivityMonthlyView),
            (SupersededModel.AccountPathDaily, SupersededModel.AccountPathDailyView),
            (SupersededModel.AccountPathWeekly, SupersededModel.AccountPathWeeklyView),
            (SupersededModel.AccountPathMonthly, SupersededModel.AccountPathMonthlyView),
            (SupersededModel.UrlPaths, SupersededModel.UrlPathsView),
            (SupersededModel.AccountTouchMonthly, SupersededModel.AccountTouchMonthlyView),
        }.SelectMany(p => d.CreateTable(p.Item1).Append(d.CreateMaterializedView(p.Item2)).Concat(Backfill(d, p.Item2)))),
        new(7, "report delivery: run notes, claims and files", d => d.AddColumns(DataModel.ReportRuns.Name, DataModel.ReportRunsDeliveryColumns)
            .Concat(d.CreateTable(DataModel.ReportClaims))
            .Concat(d.CreateTable(DataModel.ReportFiles))),
        new(8, "activity rollups priced at write time; path rollups dropped", d => d.AddColumns(DataModel.ScoringModels.Name, DataModel.ScoringModelPriceColumns)
            .Concat(new[]
            {
                (SupersededModel.AccountActivityDailyView, DataModel.AccountActivityDailyView),
                (SupersededModel.AccountActivityWeeklyView, DataModel.AccountActivityWeeklyView),
                (SupersededModel.AccountActivityMonthlyView, DataModel.AccountActivityMonthlyView),
            }.SelectMany(p => d.AddColumns(p.Item2.Target, DataModel.ActivityPricingColumns)
                .Append(d.DropView(p.Item1.Name))
                .Append(d.CreateMaterializedView(p.Item2))
                // The old rows have no paths to price the bonus from: they are rebuilt from the events, priced with the
                // model stored then (none yet, so version 0: the server re-prices them once it has saved its model).
                .Concat(Backfill(d, p.Item2))))
            .Concat(new[]
            {
                SupersededModel.AccountPathDailyView, SupersededModel.AccountPathWeeklyView, SupersededModel.AccountPathMonthlyView, SupersededModel.UrlPathsView,
            }.SelectMany(view => d.DropTable(view.Target).Prepend(d.DropView(view.Name))))),
        new(9, "touch rollups keep plain first and last touch tuples", d => new[]
        {
            (SupersededModel.AccountTouchDailyView, DataModel.AccountTouchDaily, DataModel.AccountTouchDailyView),
            (SupersededModel.AccountTouchMonthlyView, DataModel.AccountTouchMonthly, DataModel.AccountTouchMonthlyView),
        }.SelectMany(p => d.DropTable(p.Item2.Name)
            .Prepend(d.DropView(p.Item1.Name))
            .Concat(d.CreateTable(p.Item2))
            .Append(d.CreateMaterializedView(p.Item3))
            .Concat(Backfill(d, p.Item3)))),
    ];

    // Events stored before a view existed. Unlike the views of 4 and 5, these sum counts, so an overlap would count
    // twice: the target is emptied first, which makes a rerun after a crash exact. Migrations run at start-up before
    // the writer does; on a cluster, run them with ingestion stopped (docs/deploy.md).
    private static IEnumerable<string> Backfill(SchemaDialect d, MaterializedViewSpec view) =>
    [
        $"TRUNCATE TABLE IF EXISTS {d.Qualified(d.StorageTable(view.Target))}{d.OnCluster}",
        $"INSERT INTO {d.Qualified(view.Target)} " + d.SelectOf(view, d.Qualified(DataModel.Events.Name)),
    ];
}
