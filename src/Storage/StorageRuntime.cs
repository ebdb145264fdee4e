using Analytics.Storage.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Storage;

/// <summary>
/// Owns the gateway for the host's lifetime: opens it at start-up, applies the modules' schema migrations, and closes it cleanly
/// at shutdown so a restart on the same folder sees every committed row.
/// </summary>
public sealed class StorageRuntime(IOptions<StorageOptions> options, SchemaCatalog schema, ILoggerFactory loggers, TimeProvider clock) : IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<StorageRuntime>();
    private IClickHouseGateway? _gateway;

    /// <summary>The open gateway; only after <see cref="StartAsync"/>.</summary>
    public IClickHouseGateway Gateway => _gateway ?? throw new InvalidOperationException("Storage has not been started.");

    public SchemaDialect Dialect { get; } = new(options.Value.Database, options.Value.Cluster);

    /// <summary>True once the gateway is open and every migration is applied.</summary>
    public bool IsReady { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _gateway = await GatewayFactory.OpenAsync(settings, loggers, cancellationToken, schema.Views.Select(v => v.Source).ToHashSet(StringComparer.Ordinal));
        _logger.LogInformation("Storage open: {Backend} engine, database {Database}{Cluster}",
            _gateway.Backend, settings.Database, Dialect.Cluster is null ? string.Empty : $" on cluster {Dialect.Cluster}");
        var applied = await new Migrator(_gateway, Dialect, loggers.CreateLogger<Migrator>())
            .MigrateAsync(schema.Migrations, clock, cancellationToken);
        _logger.LogInformation("Schema up to date ({Applied} migrations applied now, {Total} in all)", applied.Count, schema.Migrations.Count);
        IsReady = true;
    }

    /// <summary>The schema versions not yet recorded as applied; empty when the schema is current.</summary>
    public async Task<IReadOnlyList<int>> PendingMigrationsAsync(CancellationToken cancellationToken)
    {
        var applied = await new Migrator(Gateway, Dialect, loggers.CreateLogger<Migrator>()).AppliedVersionsAsync(cancellationToken);
        return schema.Migrations.Select(m => m.Version).Where(v => !applied.Contains(v)).ToList();
    }

    /// <summary>
    /// Stops the embedded engine's threads before the process exits. Call once, last: the engine cannot be opened
    /// again in this process. Without it, engine threads still running while the runtime tears down can crash the exit.
    /// </summary>
    public static void ShutDownEmbeddedEngine() => Embedded.EmbeddedGateway.ShutDownEngine();

    public async ValueTask DisposeAsync()
    {
        IsReady = false;
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
            _gateway = null;
            _logger.LogInformation("Storage closed");
        }
    }
}
