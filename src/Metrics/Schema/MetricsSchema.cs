using Analytics.Metrics.Attribution;
using Analytics.Metrics.Journey;
using Analytics.Metrics.TargetLists;
using Analytics.Metrics.Themes;
using Analytics.Storage.Schema;

namespace Analytics.Metrics.Schema;

/// <summary>The metrics' part of the schema: the rollups of the events and the scoring models (<see cref="RollupTables"/>).</summary>
public static class MetricsSchema
{
    public static SchemaModule Module { get; } = new(
        "metrics",
        [
            RollupTables.AccountEngagementDaily, RollupTables.AccountTouchDaily, RollupTables.AccountTouchMonthly, RollupTables.ScoringModels,
            RollupTables.AccountActivityDaily, RollupTables.AccountActivityWeekly, RollupTables.AccountActivityMonthly,
            CommentTopicTables.CommentTopics, CommentTopicTables.CommentPhrases,
            JourneyIndexTables.Spans, JourneyIndexTables.CohortStarts, JourneyIndexTables.Rounds, JourneyIndexTables.Changed, DeliverabilityTables.EmailCampaignEvents,
            TargetListTables.Rules, TargetListTables.Changes, OpportunityTouchTables.Touches, OpportunityTouchTables.Marks,
        ],
        [
            RollupTables.AccountEngagementDailyView, RollupTables.AccountTouchDailyView, RollupTables.AccountTouchMonthlyView,
            RollupTables.AccountActivityDailyView, RollupTables.AccountActivityWeeklyView, RollupTables.AccountActivityMonthlyView,
            JourneyIndexTables.ChangedView, JourneyIndexTables.ChangedOpportunitiesView, DeliverabilityTables.EmailCampaignEventsView,
            OpportunityTouchTables.EngagementMarksView, OpportunityTouchTables.TouchMarksView, OpportunityTouchTables.OpportunityMarksView,
        ],
        [
            new(2, "engagement rollup", d =>
                d.CreateTable(RollupTables.AccountEngagementDaily).Append(d.CreateMaterializedView(RollupTables.AccountEngagementDailyView))),
            new(4, "touch rollup and scoring models", d => d.CreateTable(SupersededRollups.AccountTouchDaily)
                .Append(d.CreateMaterializedView(SupersededRollups.AccountTouchDailyView))
                // Events stored before the view existed; argMin/argMax/max make an overlap with the view harmless.
                .Append($"INSERT INTO {d.Qualified(SupersededRollups.AccountTouchDaily.Name)} "
                    + d.SelectOf(SupersededRollups.AccountTouchDailyView, d.Qualified(SupersededRollups.AccountTouchDailyView.Source)))
                .Concat(d.CreateTable(RollupTables.ScoringModels))),
            new(6, "activity, path and monthly touch rollups for scoring", d => new[]
            {
                (SupersededRollups.ActivityTable(RollupTables.AccountActivityDaily.Name, "day"), SupersededRollups.AccountActivityDailyView),
                (SupersededRollups.ActivityTable(RollupTables.AccountActivityWeekly.Name, "week"), SupersededRollups.AccountActivityWeeklyView),
                (SupersededRollups.ActivityTable(RollupTables.AccountActivityMonthly.Name, "month"), SupersededRollups.AccountActivityMonthlyView),
                (SupersededRollups.AccountPathDaily, SupersededRollups.AccountPathDailyView),
                (SupersededRollups.AccountPathWeekly, SupersededRollups.AccountPathWeeklyView),
                (SupersededRollups.AccountPathMonthly, SupersededRollups.AccountPathMonthlyView),
                (SupersededRollups.UrlPaths, SupersededRollups.UrlPathsView),
                (SupersededRollups.AccountTouchMonthly, SupersededRollups.AccountTouchMonthlyView),
            }.SelectMany(p => d.CreateTable(p.Item1).Append(d.CreateMaterializedView(p.Item2)).Concat(Backfill(d, p.Item2)))),
            // The priced views as they are now: migration 10 changed how they write the scoring formula, not what it
            // computes, so a new database replaying 8 with today's views ends as an old one does.
            new(8, "activity rollups priced at write time; path rollups dropped", d => d.AddColumns(RollupTables.ScoringModels.Name, RollupTables.ScoringModelPriceColumns)
                .Concat(PricedActivityViews.SelectMany(p => d.AddColumns(p.Now.Target, RollupTables.ActivityPricingColumns)
                    .Append(d.DropView(p.Before.Name))
                    .Append(d.CreateMaterializedView(p.Now))
                    // The old rows have no paths to price the bonus from: they are rebuilt from the events, priced with the
                    // model stored then (none yet, so version 0: the server re-prices them once it has saved its model).
                    .Concat(Backfill(d, p.Now))))
                .Concat(new[]
                {
                    SupersededRollups.AccountPathDailyView, SupersededRollups.AccountPathWeeklyView, SupersededRollups.AccountPathMonthlyView, SupersededRollups.UrlPathsView,
                }.SelectMany(view => d.DropTable(view.Target).Prepend(d.DropView(view.Name))))),
            new(9, "touch rollups keep plain first and last touch tuples", d => new[]
            {
                (SupersededRollups.AccountTouchDailyView, RollupTables.AccountTouchDaily, RollupTables.AccountTouchDailyView),
                (SupersededRollups.AccountTouchMonthlyView, RollupTables.AccountTouchMonthly, RollupTables.AccountTouchMonthlyView),
            }.SelectMany(p => d.DropTable(p.Item2.Name)
                .Prepend(d.DropView(p.Item1.Name))
                .Concat(d.CreateTable(p.Item2))
                .Append(d.CreateMaterializedView(p.Item3))
                .Concat(Backfill(d, p.Item3)))),
            // Same prices, one formula (ScoringFormula): the rows stay as they are. Migrations run before the writer
            // stores anything, so no insert falls between the drop and the create (on a cluster: docs/deploy.md).
            new(10, "activity views price events with the one scoring formula", d => PricedActivityViews
                .SelectMany(p => new[] { d.DropView(p.Now.Name), d.CreateMaterializedView(p.Now) })),
            // Filled by CommentTopicIndex from the answers already stored, in the background after start-up.
            new(11, "survey comments' topics and phrases for the themes query", d =>
                d.CreateTable(CommentTopicTables.CommentTopics).Concat(d.CreateTable(CommentTopicTables.CommentPhrases))),
            // Filled by JourneyIndex from the rollup and the events at start-up; the view marks what changes after.
            new(12, "journey spans, cohort starts and the accounts whose activity changed", d => d.CreateTable(JourneyIndexTables.Spans)
                .Concat(d.CreateTable(JourneyIndexTables.CohortStarts))
                .Concat(d.CreateTable(JourneyIndexTables.Rounds))
                .Concat(d.CreateTable(JourneyIndexTables.Changed))
                .Append(d.CreateMaterializedView(JourneyIndexTables.ChangedView))
                .Append(d.CreateMaterializedView(JourneyIndexTables.ChangedOpportunitiesView))),
            // Today's views leave delivery reports out (EngagementEvents); an older database's rollups are made again
            // from the events, and the email events by campaign filled for deliverability.
            new(13, "rollups count engagement only; email events by campaign for deliverability", d => EngagementViews
                .SelectMany(view => new[] { d.DropView(view.Name), d.CreateMaterializedView(view) }.Concat(Backfill(d, view)))
                .Concat(d.CreateTable(DeliverabilityTables.EmailCampaignEvents))
                .Append(d.CreateMaterializedView(DeliverabilityTables.EmailCampaignEventsView))
                .Concat(Backfill(d, DeliverabilityTables.EmailCampaignEventsView))),
            // Filled by OpportunityTouchIndex in the background after start-up; attribution computes what it lacks meanwhile.
            new(14, "opportunities' touches for attribution and the days whose touches changed", d => d.CreateTable(OpportunityTouchTables.Touches)
                .Concat(d.CreateTable(OpportunityTouchTables.Marks))
                .Append(d.CreateMaterializedView(OpportunityTouchTables.EngagementMarksView))
                .Append(d.CreateMaterializedView(OpportunityTouchTables.TouchMarksView))
                .Append(d.CreateMaterializedView(OpportunityTouchTables.OpportunityMarksView))),
            new(41, "rule target lists: their rules and the joins and leaves of their members", d =>
                d.CreateTable(TargetListTables.Rules).Concat(d.CreateTable(TargetListTables.Changes))),
        ],
        [CommentTopicTables.PersonalData]);

    private static MaterializedViewSpec[] EngagementViews =>
    [
        RollupTables.AccountEngagementDailyView, RollupTables.AccountTouchDailyView, RollupTables.AccountTouchMonthlyView,
        RollupTables.AccountActivityDailyView, RollupTables.AccountActivityWeeklyView, RollupTables.AccountActivityMonthlyView,
    ];

    private static (MaterializedViewSpec Before, MaterializedViewSpec Now)[] PricedActivityViews =>
    [
        (SupersededRollups.AccountActivityDailyView, RollupTables.AccountActivityDailyView),
        (SupersededRollups.AccountActivityWeeklyView, RollupTables.AccountActivityWeeklyView),
        (SupersededRollups.AccountActivityMonthlyView, RollupTables.AccountActivityMonthlyView),
    ];

    // Events stored before a view existed. Unlike the views of 4 and 5, these sum counts, so an overlap would count
    // twice: the target is emptied first, which makes a rerun after a crash exact. Migrations run at start-up before
    // the writer does; on a cluster, run them with ingestion stopped (docs/deploy.md). TRICKY: the views group by the
    // account first, as the events are sorted, so the engine aggregates account by account in order: over 50M events
    // a plain GROUP BY spilled 11 GB to disk, and failed where that much was not free.
    private static IEnumerable<string> Backfill(SchemaDialect d, MaterializedViewSpec view) =>
    [
        $"TRUNCATE TABLE IF EXISTS {d.Qualified(d.StorageTable(view.Target))}{d.OnCluster}",
        // The setting goes inside a subquery: the server backend's driver appends a SETTINGS clause of its own.
        $"INSERT INTO {d.Qualified(view.Target)} SELECT * FROM ({d.SelectOf(view, d.Qualified(view.Source))}\nSETTINGS optimize_aggregation_in_order = 1)",
    ];
}
