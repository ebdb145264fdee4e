using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using GraphQL.Validation;
using Microsoft.Extensions.Options;

namespace Analytics.Api.GraphQL;

/// <summary>
/// Each API key's budget of GraphQL work: a token bucket of <see cref="GraphQLOptions.CostPerMinutePerKey"/> points,
/// refilled every second, from which every document pays its complexity (<see cref="WorkCost"/>) before it runs. A key
/// that floods the server with heavy documents runs dry and gets 429 with the seconds until it can pay again, while other
/// keys' budgets are untouched. Reports the server renders itself (no key) do not pay.
/// </summary>
public sealed class KeyBudgets(IOptions<GraphQLOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new(StringComparer.Ordinal);

    private int Capacity => options.Value.CostPerMinutePerKey;

    /// <summary>Takes <paramref name="cost"/> points from the key's budget; null if paid, else how long until it could be.</summary>
    public TimeSpan? TryPay(string keyId, double cost)
    {
        var bucket = _buckets.GetOrAdd(keyId, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Capacity,
            TokensPerPeriod = Math.Max(1, Capacity / 60),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        // A document can never cost more than the whole budget: MaxComplexity refuses it first (options check it).
        using var lease = bucket.AttemptAcquire((int)Math.Clamp(Math.Ceiling(cost), 1, Capacity));
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    /// <summary>The refusal of a document its key cannot pay for now: GraphQLApi answers it with 429 and Retry-After.</summary>
    public sealed class OverBudgetError : ValidationError
    {
        public OverBudgetError(TimeSpan retryAfter, double cost)
            : base($"This API key has spent its GraphQL budget for now; this document costs {cost:0} points. Try again in {Math.Ceiling(retryAfter.TotalSeconds):0} s.")
        {
            RetryAfter = retryAfter;
            Code = "RATE_LIMITED";
        }

        public TimeSpan RetryAfter { get; }
    }

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }
    }
}
