using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Analytics.Reports.Alerts;

/// <summary>
/// The webhook signature, Stripe's scheme: <c>Analytics-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret,
/// "&lt;t&gt;.&lt;raw body&gt;")&gt;</c>. A receiver recomputes it over the raw body, compares in constant time, refuses a
/// <c>t</c> more than five minutes from its clock, and remembers the <c>Idempotency-Key</c>s it handled (docs/contract.md).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Analytics-Signature";

    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>The header's value for <paramref name="body"/> sent at <paramref name="at"/>.</summary>
    public static string Sign(string secret, DateTimeOffset at, string body)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}
