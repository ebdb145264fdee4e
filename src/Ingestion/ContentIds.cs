using System.Security.Cryptography;
using System.Text;

namespace Analytics.Ingestion;

/// <summary>Ids derived from content, for inputs that carry none: the same input always gets the same id, so a resend is recognised.</summary>
public static class ContentIds
{
    /// <summary>32 hex digits of the SHA-256 of the prefix and the text.</summary>
    public static string Of(string prefix, string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(prefix + "\n" + text)))[..32];
}
