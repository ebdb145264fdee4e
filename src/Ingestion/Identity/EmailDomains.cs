using System.Reflection;

namespace Analytics.Ingestion.Identity;

/// <summary>Company domains from email addresses and websites, and the shipped list of free-mail domains that name no company.</summary>
public static class EmailDomains
{
    private static readonly Lazy<HashSet<string>> FreeMail = new(LoadFreeMail);

    /// <summary>The lower-case domain of an address (<c>jane@Acme.com</c> → <c>acme.com</c>), or null when it has none.</summary>
    public static string? DomainOf(string? email)
    {
        var at = email?.LastIndexOf('@') ?? -1;
        return at < 0 || at == email!.Length - 1 ? null : Normalize(email[(at + 1)..]);
    }

    /// <summary>A domain as accounts hold it: lower case, without scheme, <c>www.</c>, path or trailing dot.</summary>
    public static string? Normalize(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain))
        {
            return null;
        }

        var d = domain.Trim().ToLowerInvariant();
        var scheme = d.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            d = d[(scheme + 3)..];
        }

        var slash = d.IndexOfAny(['/', '?', '#', ':']);
        if (slash >= 0)
        {
            d = d[..slash];
        }

        d = d.TrimEnd('.');
        if (d.StartsWith("www.", StringComparison.Ordinal))
        {
            d = d[4..];
        }

        return d.Length == 0 ? null : d;
    }

    /// <summary>True for gmail.com and the like: such an address is never used to find an account.</summary>
    public static bool IsFreeMail(string domain) => FreeMail.Value.Contains(domain);

    /// <summary>The company domain of an address, or null for free mail and malformed addresses.</summary>
    public static string? CompanyDomainOf(string? email) =>
        DomainOf(email) is { } domain && !IsFreeMail(domain) ? domain : null;

    private static HashSet<string> LoadFreeMail()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Analytics.Ingestion.Identity.free-mail-domains.txt")
            ?? throw new InvalidOperationException("The free-mail domain list is not embedded.");
        using var reader = new StreamReader(stream);
        var domains = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0 && !trimmed.StartsWith('#'))
            {
                domains.Add(trimmed.ToLowerInvariant());
            }
        }

        return domains;
    }
}
