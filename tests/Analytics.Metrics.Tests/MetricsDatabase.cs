using Analytics.Api.Hosting;
using Analytics.Metrics.Attribution;
using Analytics.Metrics.Journey;
using Analytics.Storage.Embedded;
using Analytics.Storage.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Analytics.Metrics.Tests;

/// <summary>A fresh, migrated database of its own in this process's engine, dropped when disposed.</summary>
internal sealed class MetricsDatabase : IAsyncDisposable
{
    private MetricsDatabase(EmbeddedGateway gateway)
    {
        Gateway = gateway;
        Models = new ScoringModelStore(gateway, TimeProvider.System);
    }

    public EmbeddedGateway Gateway { get; }

    public ScoringModelStore Models { get; }

    /// <summary>The server's re-pricing of the activity rollups, run when a test calls it.</summary>
    public RollupRepricing Repricing() => new(Gateway, new SchemaDialect(Gateway.Database, null), Models, NullLogger<RollupRepricing>.Instance);

    /// <summary>The server's analysis of the survey comments, caught up with what is stored, as its background round does.</summary>
    public async Task<CommentTopicIndex> CommentTopicsAsync()
    {
        var index = new CommentTopicIndex(Gateway, new SchemaDialect(Gateway.Database, null), new CommentAnalysis(), TimeProvider.System, NullLogger<CommentTopicIndex>.Instance);
        await index.CatchUpAsync(CancellationToken.None);
        return index;
    }

    /// <summary>The server's journey index (spans and cohort starts) of this database, with the given lookback (90 days unless told).</summary>
    public JourneyIndex JourneyIndex(IOptions<JourneyOptions>? options = null) =>
        new(Gateway, Models, options ?? Options.Create(new JourneyOptions()), TimeProvider.System, NullLogger<JourneyIndex>.Instance);

    /// <summary>The server's index of the opportunities' touches for attribution of this database, with the given lookback (90 days unless told).</summary>
    public OpportunityTouchIndex OpportunityTouchIndex(int lookbackDays = 90) =>
        new(Gateway, Options.Create(new MetricsOptions { AttributionLookbackDays = lookbackDays }), TimeProvider.System, NullLogger<OpportunityTouchIndex>.Instance);

    /// <summary>The one number a <c>SELECT count() AS n ...</c> answers.</summary>
    public async Task<ulong> CountAsync(string sql) =>
        (await Gateway.ListAsync(sql, new QueryParameters(), r => r.Get<ulong>("n"), default)).Single();

    public static async Task<MetricsDatabase> CreateAsync(string owner)
    {
        var gateway = await TestEngine.OpenMigratedAsync(owner, ApplicationSchema.Catalog.Migrations);
        var database = new MetricsDatabase(gateway);
        // As the server does at start: the views then price events as they are stored, and queries read those points.
        await database.Models.EnsureStoredAsync(CancellationToken.None);
        return database;
    }

    public async Task<MetricsDatabase> WithAsync(Story story)
    {
        await story.LoadAsync(Gateway);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.ExecuteAsync($"DROP DATABASE IF EXISTS {Identifiers.Quote(Gateway.Database)}");
        await Gateway.DisposeAsync();
    }
}
