namespace Analytics.Metrics.Tests.GraphQL;

/// <summary>
/// What only sales may see stays with sales outside the sales-only fields too (the hardening issue's finding 7): the
/// owner names a dashboard filter offers.
/// </summary>
[Collection(GraphQLHosts.Collection)]
public sealed class RoleLeakTests : IAsyncLifetime
{
    private const string Filters = """{ dashboards { id filters { variable choices options } } }""";
    private readonly GraphQLHost _host = new(nameof(RoleLeakTests));

    public async Task InitializeAsync() => await new Story().Account("acme", owner: "Alice Example", tier: "1").LoadAsync(_host.Gateway);

    public async Task DisposeAsync()
    {
        await _host.DropDatabaseAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Owner_names_are_offered_to_sales_and_never_to_viewers()
    {
        var (_, asSales) = await _host.QueryAsync(Filters, key: GraphQLHost.SalesKey);
        var (_, asViewer) = await _host.QueryAsync(Filters, key: GraphQLHost.ViewerKey);

        Assert.Equal(["Alice Example"], Options(asSales, "owner")!);
        Assert.Equal(["1"], Options(asSales, "tier")!);
        Assert.DoesNotContain("Alice Example", asViewer.GetRawText(), StringComparison.Ordinal);
        // Every definition is listed to viewers (the sales dashboard with its owner filter too), without the names.
        Assert.Null(Options(asViewer, "owner"));
        Assert.Equal(["1"], Options(asViewer, "tier")!);
    }

    /// <summary>The options of the first filter offering <paramref name="attribute"/> in any dashboard the key lists; null when none lists one.</summary>
    private static List<string?>? Options(JsonElement body, string attribute) => body.GetProperty("data").GetProperty("dashboards").EnumerateArray()
        .SelectMany(d => d.GetProperty("filters").EnumerateArray())
        .Where(f => f.GetProperty("choices").GetString() == attribute)
        .Select(f => f.GetProperty("options").ValueKind == JsonValueKind.Null ? null : f.GetProperty("options").EnumerateArray().Select(o => o.GetString()).ToList())
        .FirstOrDefault();
}
