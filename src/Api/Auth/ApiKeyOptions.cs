using System.ComponentModel.DataAnnotations;

namespace Analytics.Api.Auth;

/// <summary>API keys and their roles. Section <c>Auth</c>. Keys are stored as SHA-256 hashes, never in clear.</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Auth";

    /// <summary>The configured keys. Default: none (only <c>ANALYTICS_ADMIN_KEY</c>, when set).</summary>
    public List<ApiKeyEntry> Keys { get; set; } = [];
}

/// <summary>One API key: a name for logs, the hex SHA-256 of the key, and its roles (ingest, viewer, sales, admin).</summary>
public sealed class ApiKeyEntry
{
    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 bytes, e.g. from <c>printf %s "$KEY" | sha256sum</c>.</summary>
    [Required]
    [RegularExpression("^[0-9a-fA-F]{64}$", ErrorMessage = "Sha256 must be 64 hex digits.")]
    public string Sha256 { get; set; } = string.Empty;

    [MinLength(1)]
    public List<string> Roles { get; set; } = [];
}
