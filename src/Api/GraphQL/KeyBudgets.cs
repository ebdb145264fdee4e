using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Analytics.Storage.Fairness;
using GraphQL.Validation;
using Microsoft.Extensions.Options;

namespace Analytics.Api.GraphQL;

/// <summary>
/// Each API key's budgets of GraphQL work, two of them:
/// <list type="bullet">
/// <item>a token bucket of <see cref="GraphQLOptions.CostPerMinutePerKey"/> points, refilled every second, from which
/// every document pays its complexity (<see cref="WorkCost"/>) before it runs;</item>
/// <item>the engine time its statements held a query slot (<see cref="FairQuerySlots"/>), at most
/// <see cref="GraphQLOptions.EngineSecondsPerMinutePerKey"/> a minute: charged after each statement, since only then is
/// it known, so a key runs into debt with the documents it already sent and its next one waits until it is paid off.</item>
/// </list>
/// A key that floods the server with heavy documents runs dry and gets 429 with the seconds until it can pay again,
/// while other keys' budgets are untouched. Reports the server renders itself (no key) do not pay.
/// </summary>
public sealed class KeyBudgets : IDisposable
{
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EngineTimeAccount> _engineTime = new(StringComparer.Ordinal);
    private readonly IOptions<GraphQLOptions> _options;
    private readonly FairQuerySlots _slots;
    private readonly TimeProvider _clock;

    public KeyBudgets(IOptions<GraphQLOptions> options, FairQuerySlots slots, TimeProvider clock)
    {
        _options = options;
        _slots = slots;
        _clock = clock;
        _slots.Finished += Charge;
    }

    private int Capacity => _options.Value.CostPerMinutePerKey;

    /// <summary>
    /// Takes <paramref name="cost"/> points from the key's budget when its engine time is not in debt; null if paid, else
    /// how long until it could be.
    /// </summary>
    public TimeSpan? TryPay(string keyId, double cost)
    {
        if (_engineTime.TryGetValue(keyId, out var account) && account.DebtClearedIn(_clock.GetTimestamp()) is { } engineWait)
        {
            return engineWait;
        }

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

    private void Charge(string keyId, TimeSpan held) =>
        _engineTime.GetOrAdd(keyId, _ => new EngineTimeAccount(_options.Value.EngineSecondsPerMinutePerKey, _clock))
            .Spend(held, _clock.GetTimestamp());

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
        _slots.Finished -= Charge;
        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }
    }
}
