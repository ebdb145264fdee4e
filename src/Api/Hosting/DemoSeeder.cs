using Analytics.Api.Auth;
using Analytics.Demo;
using Analytics.Ingestion.Spool;
using Analytics.Reports;
using Analytics.Reports.FollowUps;
using Analytics.Reports.Scheduling;
using Analytics.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Hosting;

/// <summary>
/// On the first start with <c>Demo:Load</c> on (<c>./run.sh</c> without <c>--no-demo</c>), loads the demo company's year
/// through the server's own ingestion endpoints, as a client would, with a progress bar on the console. A marker file in
/// the data folder keeps later starts from loading it again; an interrupted load is simply redone (ingestion is idempotent).
/// Until the demo is loaded and stored, the report catch-up waits (<see cref="CatchUpGate"/>); then the demo company's
/// latest due reports are made, though they were due before this first start (which a catch-up otherwise skips): a
/// demo shows its last weekly report at once.
/// </summary>
public sealed partial class DemoSeeder(
    IServer server,
    IHostApplicationLifetime lifetime,
    IConfiguration configuration,
    IOptions<StorageOptions> storage,
    DurableSpool spool,
    CatchUpGate catchUpGate,
    ReportCatchUp catchUp,
    IOptions<ReportOptions> reports,
    DemoFollowUpHistory followUps,
    TimeProvider clock,
    ILogger<DemoSeeder> logger) : BackgroundService
{
    private const string MarkerFile = ".demo-loaded";

    private IDisposable? _catchUpHold;

    private string? _key;

    private string Marker => Path.Combine(Path.GetFullPath(storage.Value.Path), MarkerFile);

    // TRICKY: the decision and the catch-up's hold are made here, while the host starts, because ExecuteAsync may begin
    // only after the host has started, and with it the catch-up.
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _key = KeyToLoadWith();
        if (_key is not null)
        {
            _catchUpHold = catchUpGate.Hold();
        }

        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _catchUpHold?.Dispose();
        base.Dispose();
    }

    /// <summary>The admin key to load the demo with; null when there is nothing to load (demo off, loaded before, or no key).</summary>
    private string? KeyToLoadWith()
    {
        if (!configuration.GetValue("Demo:Load", false) || File.Exists(Marker))
        {
            return null;
        }

        var key = configuration[ApiKeyStore.AdminKeyVariable];
        if (string.IsNullOrEmpty(key))
        {
            LogNoKey(logger, ApiKeyStore.AdminKeyVariable);
            return null;
        }

        return key;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var hold = _catchUpHold;
        if (_key is not { } key)
        {
            return;
        }

        // Listening begins once the host has started; the loader talks to the server like any client.
        await lifetime.WaitForStartedAsync(stoppingToken);

        var address = server.Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var data = DemoCompany.Generate(clock.GetUtcNow());
        LogLoading(logger, data.TotalRecords);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            await new DemoLoader(http, new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)), key, timeProvider: clock)
                .LoadAsync(data, new DemoConsoleProgress(Console.Out), stoppingToken);
            await File.WriteAllTextAsync(Marker, clock.GetUtcNow().ToString("O"), stoppingToken);
            LogLoaded(logger, data.TotalRecords);

            // Everything acknowledged is in the spool; the catch-up may go once the writer has stored it.
            while (spool.PendingBytes > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), clock, stoppingToken);
            }

            LogStored(logger);

            // The closed loop of a company that works its detractors: follow-ups in every state (before the catch-up's report).
            LogFollowUps(logger, await followUps.WriteAsync(stoppingToken));
        }
        catch (Exception e) when (e is DemoLoadException or HttpRequestException)
        {
            // The server stays up without the demo data; the next start tries again.
            LogLoadFailed(logger, e);
            return;
        }

        if (reports.Value.CatchUp)
        {
            try
            {
                await catchUp.CatchUpAsync(stoppingToken, beforeInstall: true);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Logged, not rethrown, as the catch-up's own: a report that cannot be made must not stop the server.
                LogReportFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading the demo data set failed; it will be tried again at the next start")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Making the demo company's latest reports failed")]
    private static partial void LogReportFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo data not loaded: {Variable} is not set, and loading needs a key")]
    private static partial void LogNoKey(ILogger logger, string variable);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loading the demo data set ({Records} records) through the ingestion endpoints")]
    private static partial void LogLoading(ILogger logger, long records);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data set loaded ({Records} records); it is being written to storage in the background")]
    private static partial void LogLoaded(ILogger logger, long records);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo follow-ups given a history ({Changes} status changes)")]
    private static partial void LogFollowUps(ILogger logger, long changes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data set stored")]
    private static partial void LogStored(ILogger logger);
}
