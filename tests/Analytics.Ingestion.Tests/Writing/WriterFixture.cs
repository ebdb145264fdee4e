using Analytics.Storage.Schema;

namespace Analytics.Ingestion.Tests.Writing;

/// <summary>A migrated database of its own and the batch processor on it; one per test (fresh data every time).</summary>
public sealed class WriterDatabase : IAsyncLifetime
{
    public static readonly DateTime Monday = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    public EmbeddedGateway Gateway { get; private set; } = null!;

    public BatchProcessor Processor { get; private set; } = null!;

    public SchemaDialect Dialect { get; private set; } = null!;

    /// <summary>The gate the processor and rollup rebuilds of this database share, as the server's do.</summary>
    public RollupWriteGate Gate { get; } = new();

    public async Task InitializeAsync()
    {
        Gateway = await TestEngine.OpenMigratedAsync(nameof(WriterDatabase), ApplicationSchema.Catalog.Migrations);
        Dialect = new SchemaDialect(Gateway.Database, null);
        Processor = new BatchProcessor(Gateway, new EventDeduplicator(Gateway), new Reattribution(Gateway, Dialect, ApplicationSchema.Catalog), Gate);
    }

    public async Task DisposeAsync()
    {
        await Gateway.ExecuteAsync($"DROP DATABASE IF EXISTS {Identifiers.Quote(Gateway.Database)}");
        await Gateway.DisposeAsync();
    }

    /// <summary>Stores records as one batch, each received a second after the previous.</summary>
    public Task<BatchProcessor.Outcome> StoreAsync(params IngestRecord[] records) =>
        Processor.ProcessAsync(records.Select((r, i) => new SpoolEntry(Monday.AddSeconds(i), "test", r)).ToList(), CancellationToken.None);

    public async Task<List<object?[]>> RowsAsync(string sql)
    {
        var rows = new List<object?[]>();
        await foreach (var row in Gateway.QueryAsync(sql))
        {
            rows.Add(Enumerable.Range(0, row.Columns.Count).Select(i => row[i]).ToArray());
        }

        return rows;
    }

    public static EngagementEvent PageView(string id, int minutes, string? anonymousId = null, string? userId = null, string? account = null, string path = "/blog") =>
        new(id, Monday.AddMinutes(minutes), "web", "page_view", AccountId: account, ContactId: userId, AnonymousId: anonymousId, Url: $"https://vendor.example{path}");

    public static EngagementEvent EmailOpen(string id, int minutes, string email) =>
        new(id, Monday.AddMinutes(minutes), "email", "open", ContactEmail: email, Campaign: "spring-launch", Source: "sendgrid");
}
