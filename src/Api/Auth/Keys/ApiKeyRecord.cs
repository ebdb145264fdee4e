namespace Analytics.Api.Auth.Keys;

/// <summary>Where a key comes from: configuration (<c>Auth:Keys</c>, <c>ANALYTICS_ADMIN_KEY</c>) or an admin through the API.</summary>
public enum ApiKeySource
{
    Configuration,
    Managed,
}

/// <summary>An API key as admins see it: never its secret.</summary>
public sealed record ApiKeyRecord(
    string Id, string Name, IReadOnlyList<string> Roles, ApiKeySource Source,
    DateTime? CreatedAt, string? CreatedBy, DateTime? RevokedAt, string? RevokedBy, DateTime? LastUsedAt);

/// <summary>A key just created: its record and its secret, which is shown this once and stored only as a hash.</summary>
public sealed record CreatedApiKey(ApiKeyRecord Key, string Secret);

/// <summary>A request about keys that cannot be done (an unknown role, a configured key to revoke); answered as an argument error.</summary>
public sealed class ApiKeyRequestException(string message) : Exception(message);
