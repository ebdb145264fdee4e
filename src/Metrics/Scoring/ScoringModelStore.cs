using System.Text.Json;

namespace Analytics.Metrics.Scoring;

/// <summary>
/// The scoring model in use, kept in <c>scoring_models</c> (the latest version of id <c>default</c>); the default model
/// of DESIGN.md until an admin saves another. Read at most once per <see cref="CacheFor"/>, and at once after a save here.
/// </summary>
public sealed class ScoringModelStore(IClickHouseGateway gateway, TimeProvider clock)
{
    private const string ModelId = "default";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (ScoringModel Model, DateTimeOffset ReadAt)? _cached;

    /// <summary>How long a model read from storage is reused; other nodes' saves show after at most this long.</summary>
    public static TimeSpan CacheFor { get; } = TimeSpan.FromSeconds(10);

    public async Task<ScoringModel> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } hit && clock.GetUtcNow() - hit.ReadAt < CacheFor)
        {
            return hit.Model;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var model = await ReadAsync(cancellationToken) ?? ScoringModel.Default;
            _cached = (model, clock.GetUtcNow());
            return model;
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

        var definition = JsonSerializer.Serialize(model, Json);
        await gateway.InsertAsync(
            "scoring_models", ["model_id", "definition", "updated_by", "updated_at"],
            [[ModelId, definition, savedBy, clock.GetUtcNow().UtcDateTime]], cancellationToken);
        _cached = (model, clock.GetUtcNow());
        return model;
    }

    private async Task<ScoringModel?> ReadAsync(CancellationToken cancellationToken)
    {
        const string sql = "SELECT definition FROM scoring_models FINAL WHERE model_id = {id:String}";
        await foreach (var row in gateway.QueryAsync(sql, new QueryParameters().Add("id", ModelId), cancellationToken))
        {
            return JsonSerializer.Deserialize<ScoringModel>(row.Get<string>("definition"), Json)
                ?? throw new InvalidOperationException("The stored scoring model is empty.");
        }

        return null;
    }
}
