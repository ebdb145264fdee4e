using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Auth;

/// <summary>API keys and their roles. Section <c>Auth</c>. Keys are stored as SHA-256 hashes, never in clear.</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Auth";

    /// <summary>The configured keys. Default: none (only <c>ANALYTICS_ADMIN_KEY</c>, when set).</summary>
    public List<ApiKeyEntry> Keys { get; set; } = [];

    /// <summary>
    /// How often each server reloads the keys admins create and revoke, and writes when keys were last used, in seconds:
    /// a revoked key is refused everywhere within about this long. Default is 2.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0.1, 300)]
    public double RefreshSeconds { get; set; } = 2;
}

/// <summary>One API key: a name for logs, the hex SHA-256 of the key, and its roles (ingest, viewer, sales, admin).</summary>
public sealed class ApiKeyEntry
{
    public string Name { get; set; } = string.Empty;

    /// <summary>Hex SHA-256 of the key's UTF-8 bytes, e.g. from <c>printf %s "$KEY" | sha256sum</c>.</summary>
    public string Sha256 { get; set; } = string.Empty;

    public List<string> Roles { get; set; } = [];
}

/// <summary>Checks every key at start-up; each failure names the key's setting path.</summary>
public sealed partial class ApiKeyOptionsValidator : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            var path = $"Auth:Keys:{i}";
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                failures.Add($"{path}:Name is required.");
            }

            if (!Sha256Pattern().IsMatch(key.Sha256))
            {
                failures.Add($"{path}:Sha256 of key '{key.Name}' must be 64 hex digits.");
            }

            var unknown = key.Roles.Select(r => r.Trim().ToLowerInvariant()).Except(Auth.Roles.All).ToList();
            if (key.Roles.Count == 0 || unknown.Count > 0)
            {
                failures.Add($"{path}:Roles of key '{key.Name}' has unknown roles {string.Join(", ", unknown)}; roles are {string.Join(", ", Auth.Roles.All)}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Pattern();
}
