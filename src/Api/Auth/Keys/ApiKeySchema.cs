using Analytics.Storage.Schema;

namespace Analytics.Api.Auth.Keys;

/// <summary>
/// The API keys admins create through the API (configured keys live in configuration): each key's public id, name,
/// roles and the SHA-256 of its secret (never the secret), with its revocation; and when each key was last used.
/// </summary>
public static class ApiKeySchema
{
    private const string Time = "DateTime64(3, 'UTC')";

    /// <summary>One row per key and change (created, revoked); the latest <c>updated_at</c> wins.</summary>
    public static readonly TableSpec ApiKeys = new(
        "api_keys",
        [
            "key_id String",
            "name String",
            "roles Array(String)",
            "secret_sha256 String",
            $"created_at {Time}",
            "created_by String",
            $"revoked_at Nullable({Time})",
            "revoked_by Nullable(String)",
            $"updated_at {Time}",
        ],
        "ReplacingMergeTree(updated_at)",
        "key_id");

    /// <summary>When each key (a managed key's id, or <c>config:NAME</c>) was last used, as each server node saw it; the latest wins.</summary>
    public static readonly TableSpec ApiKeyUses = new(
        "api_key_uses",
        ["key_id String", $"last_used_at SimpleAggregateFunction(max, {Time})"],
        "AggregatingMergeTree",
        "key_id");

    public static SchemaModule Module { get; } = new(
        "api",
        [ApiKeys, ApiKeyUses],
        [],
        [new(30, "managed API keys and their last use", d => d.CreateTable(ApiKeys).Concat(d.CreateTable(ApiKeyUses)))]);
}
