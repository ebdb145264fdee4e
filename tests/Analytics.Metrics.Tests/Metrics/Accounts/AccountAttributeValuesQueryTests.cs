namespace Analytics.Metrics.Tests.Metrics.Accounts;

public sealed class AccountAttributeValuesQueryTests
{
    /// <summary>
    /// Four accounts: acme was tier 1 and owned by alice until it was re-imported as tier 3 owned by bob; globex is tier 2
    /// with no owner, initech has an empty tier, umbrella has neither.
    /// </summary>
    [Theory]
    [InlineData(AccountAttribute.Tier, new[] { "2", "3" })]
    [InlineData(AccountAttribute.Owner, new[] { "bob", "carol" })]
    [InlineData(AccountAttribute.Industry, new string[0])]
    public async Task An_attribute_offers_its_current_values_sorted_without_missing_or_empty_ones(AccountAttribute attribute, string[] expected)
    {
        var story = new Story()
            .Account("acme", tier: "1", owner: "alice")
            .Account("acme", tier: "3", owner: "bob", updatedAt: new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc))
            .Account("globex", tier: "2")
            .Account("initech", tier: "", owner: "carol")
            .Account("umbrella");
        await using var db = await (await MetricsDatabase.CreateAsync(nameof(AccountAttributeValuesQueryTests))).WithAsync(story);

        Assert.Equal(expected, await new AccountAttributeValuesQuery(db.Gateway).RunAsync(attribute, default));
    }
}
