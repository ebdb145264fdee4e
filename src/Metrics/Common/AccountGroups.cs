namespace Analytics.Metrics.Common;

/// <summary>Account attributes a metric may group by, each mapped to a column of <c>accounts</c> from a fixed allow-list.</summary>
public enum AccountAttribute
{
    Industry,
    Tier,
    Country,
    Owner,
}

public static class AccountGroups
{
    public static string Column(AccountAttribute attribute) => attribute switch
    {
        AccountAttribute.Industry => "industry",
        AccountAttribute.Tier => "tier",
        AccountAttribute.Country => "country",
        AccountAttribute.Owner => "owner",
        _ => throw new ArgumentOutOfRangeException(nameof(attribute), attribute, null),
    };

    /// <summary>The current attributes of every account, one row each (re-imported accounts count once).</summary>
    public const string AccountsSql = "SELECT account_id, name, industry, tier, country, owner FROM accounts FINAL";
}
