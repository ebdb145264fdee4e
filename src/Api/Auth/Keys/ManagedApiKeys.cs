using System.Security.Cryptography;
using Analytics.Storage;
using Analytics.Storage.Schema;

namespace Analytics.Api.Auth.Keys;

/// <summary>
/// API keys that admins create, list and revoke through the API, kept in storage (<see cref="ApiKeySchema"/>): a new
/// key's secret is returned once and stored only as its SHA-256. Every server reloads them into its
/// <see cref="ApiKeyStore"/> (<see cref="ApiKeyRefresher"/>), so a revocation holds on every node within seconds.
/// </summary>
public sealed class ManagedApiKeys(IClickHouseGateway gateway, SchemaDialect dialect, ApiKeyStore store, TimeProvider clock)
{
    public const int MaxNameLength = 100;

    private const string Current = "SELECT key_id, name, roles, secret_sha256, created_at, created_by, revoked_at, revoked_by FROM {keys} FINAL";

    /// <summary>Makes a key with <paramref name="roles"/>; its secret is in the answer and nowhere else.</summary>
    public async Task<CreatedApiKey> CreateAsync(string name, IReadOnlyList<string> roles, string by, CancellationToken cancellationToken)
    {
        name = name.Trim();
        var normalized = roles.Select(r => r.Trim().ToLowerInvariant()).Distinct().ToArray();
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new ApiKeyRequestException($"A key's name must be 1 to {MaxNameLength} characters.");
        }

        if (normalized.Length == 0 || normalized.Any(r => !Roles.All.Contains(r)))
        {
            throw new ApiKeyRequestException($"A key needs roles among {string.Join(", ", Roles.All)}; '{string.Join(", ", roles)}' is not that.");
        }

        var id = "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = "abm_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow().UtcDateTime;
        var record = new ApiKeyRecord(id, name, normalized, ApiKeySource.Managed, now, by, null, null, null);
        await SaveAsync(record, ApiKeyStore.Hash(secret), now, cancellationToken);
        await ReloadAsync(cancellationToken);
        return new CreatedApiKey(record, secret);
    }

    /// <summary>Revokes a managed key (a configured one is changed in configuration); revoking twice changes nothing.</summary>
    public async Task<ApiKeyRecord> RevokeAsync(string id, string by, CancellationToken cancellationToken)
    {
        if (id.StartsWith(ApiKeyStore.ConfiguredPrefix, StringComparison.Ordinal))
        {
            throw new ApiKeyRequestException($"Key '{id}' is configured (Auth:Keys or ANALYTICS_ADMIN_KEY): remove it from the configuration instead.");
        }

        var (key, hash) = (await ReadAsync($"{Current} WHERE key_id = {{id:String}}", new QueryParameters().Add("id", id), cancellationToken)).SingleOrDefault();
        if (key is null)
        {
            throw new ApiKeyRequestException($"There is no key '{id}'.");
        }

        if (key.RevokedAt is not null)
        {
            return key;
        }

        // TRICKY: the revocation must be the newer version even within the millisecond of the creation.
        var now = clock.GetUtcNow().UtcDateTime;
        var version = now > key.CreatedAt ? now : key.CreatedAt!.Value.AddMilliseconds(1);
        var revoked = key with { RevokedAt = now, RevokedBy = by };
        await SaveAsync(revoked, hash, version, cancellationToken);
        await ReloadAsync(cancellationToken);
        return revoked;
    }

    /// <summary>Every key, configured ones first, then the managed ones oldest first, with when each was last used.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var uses = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        await foreach (var row in gateway.QueryAsync(
            $"SELECT key_id, max(last_used_at) AS at FROM {dialect.Qualified(ApiKeySchema.ApiKeyUses.Name)} GROUP BY key_id", cancellationToken: cancellationToken))
        {
            uses[row.Get<string>("key_id")] = row.Get<DateTime>("at");
        }

        var configured = store.Configured.Select(k => new ApiKeyRecord(k.Id, k.Name, k.Roles, ApiKeySource.Configuration, null, null, null, null, null));
        var managed = (await ReadAsync(Current, null, cancellationToken)).Select(k => k.Key).OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal);
        return [.. configured.Concat(managed).Select(k => k with { LastUsedAt = uses.TryGetValue(k.Id, out var at) ? at : null })];
    }

    /// <summary>Loads the keys that are not revoked into the store.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        store.ReplaceManaged((await ReadAsync($"{Current} WHERE revoked_at IS NULL", null, cancellationToken))
            .Select(k => new ApiKeyStore.KnownKey(k.Key.Id, k.Key.Name, [.. k.Key.Roles], k.Hash)));

    /// <summary>Writes the uses the store noted since the last call.</summary>
    public async Task WriteUsesAsync(CancellationToken cancellationToken)
    {
        var uses = store.TakeUses();
        if (uses.Count > 0)
        {
            await gateway.InsertAsync(ApiKeySchema.ApiKeyUses.Name, ["key_id", "last_used_at"], uses.Select(u => new object?[] { u.KeyId, u.At }), cancellationToken);
        }
    }

    private Task SaveAsync(ApiKeyRecord key, byte[] hash, DateTime version, CancellationToken cancellationToken) =>
        gateway.InsertAsync(ApiKeySchema.ApiKeys.Name,
            ["key_id", "name", "roles", "secret_sha256", "created_at", "created_by", "revoked_at", "revoked_by", "updated_at"],
            [[key.Id, key.Name, key.Roles.ToArray(), Convert.ToHexStringLower(hash), key.CreatedAt, key.CreatedBy, key.RevokedAt, key.RevokedBy, version]],
            cancellationToken);

    private async Task<List<(ApiKeyRecord Key, byte[] Hash)>> ReadAsync(string sql, QueryParameters? parameters, CancellationToken cancellationToken)
    {
        var keys = new List<(ApiKeyRecord, byte[])>();
        await foreach (var row in gateway.QueryAsync(sql.Replace("{keys}", dialect.Qualified(ApiKeySchema.ApiKeys.Name), StringComparison.Ordinal), parameters, cancellationToken))
        {
            keys.Add((new ApiKeyRecord(
                row.Get<string>("key_id"), row.Get<string>("name"), row.Get<string[]>("roles"), ApiKeySource.Managed,
                row.Get<DateTime>("created_at"), row.Get<string>("created_by"), row.Get<DateTime?>("revoked_at"), row.Get<string?>("revoked_by"), null),
                Convert.FromHexString(row.Get<string>("secret_sha256"))));
        }

        return keys;
    }
}
