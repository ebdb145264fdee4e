using System.Text.Json;
using Analytics.Metrics.Common;

namespace Analytics.Metrics.Scoring;

/// <summary>A scoring model with the version it is stored under; version 0 is a model never stored (the default).</summary>
public sealed record PricedModel(ScoringModel Model, ulong Version);

/// <summary>
/// The scoring model in use, kept in <c>scoring_models</c> (the latest version of id <c>default</c>); the default model
/// of docs/design.md until an admin saves another. Read at most once per <see cref="CacheFor"/>, and at once after a save here.
/// Besides its JSON definition, a save stores the model as the activity views price events with it (rule keys,
/// points, bonus, patterns) under a version larger than any before, which tells rows priced with it from older ones.
/// </summary>
public sealed class ScoringModelStore(IClickHouseGateway gateway, TimeProvider clock)
{
    private const string ModelId = "default";

    /// <summary>Who the model is saved by when the server stores the default itself; an admin's save names the admin's key.</summary>
    private const string SystemSaver = "system";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _saved = new(0, 1);
    private (PricedModel Priced, DateTimeOffset ReadAt)? _cached;

    /// <summary>How long a model read from storage is reused; other nodes' saves show after at most this long.</summary>
    public static TimeSpan CacheFor { get; } = TimeSpan.FromSeconds(10);

    public async Task<ScoringModel> CurrentAsync(CancellationToken cancellationToken) => (await PricedAsync(cancellationToken)).Model;

    /// <summary>The model in use and its version (cached as <see cref="CurrentAsync"/>).</summary>
    public async Task<PricedModel> PricedAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } hit && clock.GetUtcNow() - hit.ReadAt < CacheFor)
        {
            return hit.Priced;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var priced = (await ReadAsync(cancellationToken))?.Priced ?? new PricedModel(ScoringModel.Default, 0);
            _cached = (priced, clock.GetUtcNow());
            return priced;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Validates and saves <paramref name="model"/> as the one in use; it prices past events too.</summary>
    public async Task<ScoringModel> SaveAsync(ScoringModel model, string savedBy, CancellationToken cancellationToken)
    {
        if (model.Problems() is { Count: > 0 } problems)
        {
            throw new Common.MetricArgumentException("The scoring model is not valid: " + string.Join(" ", problems));
        }

        await StoreAsync(model, savedBy, (await ReadAsync(cancellationToken))?.Priced, cancellationToken);
        return model;
    }

    /// <summary>
    /// Makes sure the model in use is stored with a version, so the activity views price new events with it: saves the
    /// default model when none is stored, and a model saved before versions existed once more. A default the system
    /// stored (no admin ever saved a model) that is not today's default, say without the rules a release added, is
    /// replaced by today's. Returns it.
    /// </summary>
    public async Task<PricedModel> EnsureStoredAsync(CancellationToken cancellationToken)
    {
        var stored = await ReadAsync(cancellationToken);
        if (stored is { SavedBy: SystemSaver, Priced: { Version: > 0 } system } && !SameModel(system.Model, ScoringModel.Default))
        {
            return await StoreAsync(ScoringModel.Default, SystemSaver, system, cancellationToken);
        }

        return stored?.Priced is { Version: > 0 } priced ? priced : await StoreAsync(stored?.Priced.Model ?? ScoringModel.Default, SystemSaver, stored?.Priced, cancellationToken);
    }

    // Records hold lists, which compare by reference: the JSON as stored tells two models apart.
    private static bool SameModel(ScoringModel a, ScoringModel b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json);

    // Stores a valid model under a version above the one stored before, and wakes whoever waits for a save.
    private async Task<PricedModel> StoreAsync(ScoringModel model, string savedBy, PricedModel? previous, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var priced = new PricedModel(model, Math.Max((ulong)now.ToUnixTimeMilliseconds(), (previous?.Version ?? 0) + 1));
        await gateway.InsertAsync(
            "scoring_models",
            ["model_id", "definition", "updated_by", "updated_at", "version", "rule_keys", "rule_points", "rule_bonus", "high_value_patterns"],
            [[
                ModelId, JsonSerializer.Serialize(model, Json), savedBy, now.UtcDateTime, priced.Version,
                model.Rules.Select(r => r.Key).ToArray(),
                model.Rules.Select(r => r.Points).ToArray(),
                model.Rules.Select(r => r.Bonus).ToArray(),
                model.HighValuePatterns.ToArray(),
            ]],
            cancellationToken);
        _cached = (priced, clock.GetUtcNow());
        lock (_saved)
        {
            // Two saves at once must not both release (the semaphore holds at most one wake-up).
            if (_saved.CurrentCount == 0)
            {
                _saved.Release();
            }
        }

        return priced;
    }

    /// <summary>The stored model, uncached (null when none is stored).</summary>
    public async Task<PricedModel?> StoredAsync(CancellationToken cancellationToken) => (await ReadAsync(cancellationToken))?.Priced;

    /// <summary>Waits until a model is saved through this store, or <paramref name="timeout"/> passes.</summary>
    public async Task WaitForSaveAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _saved.WaitAsync(timeout, cancellationToken);

    // The whole result is read (one row at most): leaving a stream early would cost the engine connection it ran on.
    private async Task<(PricedModel Priced, string SavedBy)?> ReadAsync(CancellationToken cancellationToken)
    {
        const string sql = "SELECT definition, version, updated_by FROM scoring_models FINAL WHERE model_id = {id:String}";
        var stored = await gateway.ListAsync(sql, new QueryParameters().Add("id", ModelId), row => ((PricedModel Priced, string SavedBy)?)(new PricedModel(
            JsonSerializer.Deserialize<ScoringModel>(row.Get<string>("definition"), Json) ?? throw new InvalidOperationException("The stored scoring model is empty."),
            row.Get<ulong>("version")), row.Get<string>("updated_by")), cancellationToken);
        return stored.SingleOrDefault();
    }
}
