using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Auth;

/// <summary>
/// Finds the key a request presents, by the SHA-256 of what it presents: the configured keys (<c>Auth:Keys</c>,
/// <c>ANALYTICS_ADMIN_KEY</c>), then the keys admins created, as last loaded from storage (ManagedApiKeys keeps them
/// current, within <c>Auth:RefreshSeconds</c> on every node). It also notes when each key was used, for the key list.
/// </summary>
public sealed class ApiKeyStore
{
    public const string AdminKeyVariable = "ANALYTICS_ADMIN_KEY";

    /// <summary>The id of a configured key: its name, marked as configured.</summary>
    public const string ConfiguredPrefix = "config:";

    private readonly IReadOnlyList<KnownKey> _configured;
    private readonly ConcurrentDictionary<string, DateTime> _uses = new(StringComparer.Ordinal);
    private volatile IReadOnlyDictionary<string, KnownKey> _managed = new Dictionary<string, KnownKey>(StringComparer.Ordinal);

    public ApiKeyStore(IOptions<ApiKeyOptions> options, IConfiguration configuration)
    {
        var configured = options.Value.Keys
            .Select(k => new KnownKey(ConfiguredPrefix + k.Name, k.Name, [.. k.Roles.Select(r => r.Trim().ToLowerInvariant())], Convert.FromHexString(k.Sha256)))
            .ToList();
        var adminKey = configuration[AdminKeyVariable];
        if (!string.IsNullOrEmpty(adminKey))
        {
            const string name = "admin (ANALYTICS_ADMIN_KEY)";
            configured.Add(new KnownKey(ConfiguredPrefix + name, name, [Roles.Admin], Hash(adminKey)));
        }

        _configured = configured;
    }

    /// <summary>A key that may be presented: its id, name, roles and the SHA-256 of its secret.</summary>
    public sealed record KnownKey(string Id, string Name, string[] Roles, byte[] Hash);

    /// <summary>The configured keys (they cannot be revoked through the API).</summary>
    public IReadOnlyList<KnownKey> Configured => _configured;

    /// <summary>The key presented, or null for an unknown (or revoked) key.</summary>
    public KnownKey? Find(string presentedKey)
    {
        var hash = Hash(presentedKey);
        foreach (var key in _configured)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash))
            {
                return key;
            }
        }

        // A lookup by the hash of a 256-bit secret leaks nothing worth timing.
        return _managed.GetValueOrDefault(Convert.ToHexStringLower(hash));
    }

    /// <summary>Replaces the managed keys with those storage holds now (revoked ones left out).</summary>
    public void ReplaceManaged(IEnumerable<KnownKey> keys) =>
        _managed = keys.ToDictionary(k => Convert.ToHexStringLower(k.Hash), StringComparer.Ordinal);

    /// <summary>Notes that a key was used at <paramref name="at"/>; written to storage in batches (<see cref="TakeUses"/>).</summary>
    public void RecordUse(string keyId, DateTime at) => _uses.AddOrUpdate(keyId, at, (_, before) => at > before ? at : before);

    /// <summary>The uses noted since the last call, the latest per key.</summary>
    public IReadOnlyList<(string KeyId, DateTime At)> TakeUses()
    {
        var taken = new List<(string, DateTime)>();
        foreach (var id in _uses.Keys)
        {
            if (_uses.TryRemove(id, out var at))
            {
                taken.Add((id, at));
            }
        }

        return taken;
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
