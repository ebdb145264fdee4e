using Analytics.Api.Auth.Keys;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

public sealed class ApiKeySourceType() : DescribedEnumType<ApiKeySource>("ApiKeySource", "Where an API key comes from.", new Dictionary<ApiKeySource, string>
{
    [ApiKeySource.Configuration] = "Configuration (Auth:Keys, ANALYTICS_ADMIN_KEY): changed there, never revoked through the API.",
    [ApiKeySource.Managed] = "Created by an admin through the API.",
});

public sealed class ApiKeyType : ObjectGraphType<ApiKeyRecord>
{
    public ApiKeyType()
    {
        Name = "ApiKey";
        Description = "An API key as admins see it; its secret is never shown again after its creation.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The key's id (config:NAME for a configured key).").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Description("Its name.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("roles").Description("ingest, viewer, sales or admin.").Resolve(c => c.Source.Roles);
        Field<NonNullGraphType<ApiKeySourceType>>("source").Description("Configuration or managed.").Resolve(c => c.Source.Source);
        Field<StringGraphType>("createdAt").Description("When an admin created it (ISO-8601, UTC); null for a configured key.").Resolve(c => Iso(c.Source.CreatedAt));
        Field<StringGraphType>("createdBy").Description("The key that created it.").Resolve(c => c.Source.CreatedBy);
        Field<StringGraphType>("lastUsedAt").Description("When a request last presented it (ISO-8601, UTC, within Auth:RefreshSeconds); null if never.").Resolve(c => Iso(c.Source.LastUsedAt));
        Field<StringGraphType>("revokedAt").Description("When it was revoked; null while it works.").Resolve(c => Iso(c.Source.RevokedAt));
        Field<StringGraphType>("revokedBy").Description("The key that revoked it.").Resolve(c => c.Source.RevokedBy);
    }

    private static string? Iso(DateTime? t) => t?.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class CreatedApiKeyType : ObjectGraphType<CreatedApiKey>
{
    public CreatedApiKeyType()
    {
        Name = "CreatedApiKey";
        Description = "A key just created, with its secret: shown this once, stored only as a hash.";
        Field<NonNullGraphType<ApiKeyType>>("key").Description("The key.").Resolve(c => c.Source.Key);
        Field<NonNullGraphType<StringGraphType>>("secret").Description("The secret to present as Authorization: Bearer <secret>. Keep it now: it cannot be shown again.").Resolve(c => c.Source.Secret);
    }
}
