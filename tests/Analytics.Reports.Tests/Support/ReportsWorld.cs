using Analytics.Api.Hosting;
using Analytics.Metrics;
using Analytics.Reports.Scheduling;
using Analytics.Storage.Embedded;
using Analytics.Storage.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Analytics.Reports.Tests.Support;

/// <summary>
/// One server's report services (catalog, run store, runner, delivery, catch-up) over a database of this process's
/// engine, with a fake clock and the test renderer, without starting a web host. Two worlds on one database are two
/// servers sharing one ClickHouse.
/// </summary>
internal sealed class ReportsWorld : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly IClickHouseGateway _gateway;

    private ReportsWorld(IHost host, IClickHouseGateway gateway, FakeTimeProvider clock, string outbox)
    {
        _host = host;
        _gateway = gateway;
        Clock = clock;
        Outbox = outbox;
    }

    public FakeTimeProvider Clock { get; }

    public string Outbox { get; }

    public IClickHouseGateway Gateway => _gateway;

    public IServiceProvider Services => _host.Services;

    public TestPdfRenderer Renderer => (TestPdfRenderer)Services.GetServices<IReportRenderer>().Single();

    public ReportRunner Runner => Services.GetRequiredService<ReportRunner>();

    public ReportRunStore Runs => Services.GetRequiredService<ReportRunStore>();

    public ReportCatchUp CatchUp => Services.GetRequiredService<ReportCatchUp>();

    /// <summary>When the worlds' databases were first set up, unless a test says otherwise: before every "now" of the tests.</summary>
    public static readonly DateTimeOffset Installed = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A fresh database, named after <paramref name="owner"/>, migrated as a server first started at <paramref name="installed"/> would.</summary>
    public static async Task<string> NewDatabaseAsync(string owner, DateTimeOffset? installed = null)
    {
        EngineKeepAlive.Ensure();
        await using var gateway = await TestEngine.OpenMigratedAsync(owner, ApplicationSchema.Catalog.Migrations, installed ?? Installed);
        return gateway.Database;
    }

    /// <summary>A server's report services on <paramref name="database"/>, through the embedded engine unless <paramref name="gateway"/> is given.</summary>
    public static async Task<ReportsWorld> OpenAsync(
        string database, DateTimeOffset now, IDictionary<string, string?>? settings = null, FakeTimeProvider? clock = null, IClickHouseGateway? gateway = null)
    {
        gateway ??= await EmbeddedGateway.OpenAsync(TestEngine.LibraryPath, TestEngine.DataPath, database);
        clock ??= new FakeTimeProvider(now);
        var outbox = TestFolders.NewPath("outbox");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Path"] = TestEngine.DataPath,
            ["Reports:OutboxPath"] = outbox,
            ["Reports:Schedules:weekly-executive:Cron"] = "0 0 8 ? * MON",
            ["Reports:Schedules:weekly-executive:TimeZone"] = "Europe/Berlin",
            ["Reports:Recipients:0"] = "board@example.com",
            ["Reports:BackoffSeconds"] = "30",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<IClickHouseGateway>(gateway);
        builder.Services.AddSingleton(new SchemaDialect(database, null));
        builder.Services.AddSingleton<Migrator>();
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        builder.AddMetrics();
        builder.AddReports();
        builder.Services.AddSingleton<IReportRenderer>(new TestPdfRenderer());
        return new ReportsWorld(builder.Build(), gateway, clock, outbox);
    }

    /// <summary>Starts the hosted services: Quartz, the report scheduler and the catch-up.</summary>
    public Task StartAsync() => _host.StartAsync();

    public async ValueTask DisposeAsync()
    {
        // The background services (the re-pricing among them) stop before the engine they query is closed.
        await _host.StopAsync();
        _host.Dispose();
        await _gateway.DisposeAsync();
    }
}
