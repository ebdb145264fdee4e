using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Auth;

/// <summary>Finds the roles of a presented key by its SHA-256, comparing hashes in constant time.</summary>
public sealed class ApiKeyStore
{
    public const string AdminKeyVariable = "ANALYTICS_ADMIN_KEY";

    private readonly List<(string Name, byte[] Hash, string[] Roles)> _keys;

    public ApiKeyStore(IOptions<ApiKeyOptions> options, IConfiguration configuration)
    {
        _keys = options.Value.Keys
            .Select(k => (k.Name, Convert.FromHexString(k.Sha256), k.Roles.Select(r => r.Trim().ToLowerInvariant()).ToArray()))
            .ToList();
        var adminKey = configuration[AdminKeyVariable];
        if (!string.IsNullOrEmpty(adminKey))
        {
            _keys.Add(("admin (ANALYTICS_ADMIN_KEY)", Hash(adminKey), [Roles.Admin]));
        }
    }

    public int Count => _keys.Count;

    /// <summary>The key's name and roles, or null for an unknown key.</summary>
    public (string Name, string[] Roles)? Find(string presentedKey)
    {
        var hash = Hash(presentedKey);
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash))
            {
                return (key.Name, key.Roles);
            }
        }

        return null;
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
