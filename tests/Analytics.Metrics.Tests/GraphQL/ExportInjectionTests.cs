using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.GraphQL;

/// <summary>
/// The engaged-account export is opened in spreadsheets: CRM-imported names, tiers and owners that a spreadsheet would
/// run as formulas (OWASP "CSV Injection": a cell starting with =, +, -, @, tab or CR) come out as text, quoted with a
/// leading apostrophe; numbers stay numbers, and the values stored are kept as given.
/// </summary>
[Collection(GraphQLHosts.Collection)]
public sealed class ExportInjectionTests : IAsyncLifetime
{
    private readonly GraphQLHost _host = new(nameof(ExportInjectionTests));

    public async Task InitializeAsync() => await new Story()
        .Account("a1", tier: "@SUM(1)", owner: "+1+2", name: "=HYPERLINK(\"http://evil.example\",\"click\")")
        .Account("a2", tier: "-2", owner: "\tTab", name: "=cmd|' /C calc'!A0")
        .Account("a3", tier: "1", owner: "\rCarriage", name: "=1+1")
        .Event("a1", Day(3, 10), "web", "form_submit").Event("a2", Day(3, 11), "web", "form_submit").Event("a3", Day(3, 12), "web", "form_submit")
        .LoadAsync(_host.Gateway);

    public async Task DisposeAsync()
    {
        await _host.DropDatabaseAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Cells_a_spreadsheet_would_run_are_written_as_text()
    {
        using var sales = _host.ClientWith(GraphQLHost.SalesKey);

        var csv = await sales.GetStringAsync("/v1/exports/engaged-accounts.csv?from=2026-03-02&to=2026-03-09");
        var table = CsvTable.Read(csv);
        var (_, names) = await _host.QueryAsync("""{ account(id: "a2", from: "2026-03-02", to: "2026-03-09") { name tier owner } }""");

        Assert.Equal(
            [
                ["account_id", "name", "tier", "owner", "score", "surge", "points_this_week", "previous_weekly_mean", "last_activity_at", "open_opportunities"],
                ["a1", "'=HYPERLINK(\"http://evil.example\",\"click\")", "'@SUM(1)", "'+1+2", "10", "", "10", "0", "2026-03-03T10:00:00.000Z", "0"],
                ["a2", "'=cmd|' /C calc'!A0", "'-2", "'\tTab", "10", "", "10", "0", "2026-03-03T11:00:00.000Z", "0"],
                ["a3", "'=1+1", "1", "'\rCarriage", "10", "", "10", "0", "2026-03-03T12:00:00.000Z", "0"],
            ],
            table.Rows.Select(r => table.Header.Select(h => r[h]).ToArray()).Prepend(table.Header).ToArray());
        var stored = names.GetProperty("data").GetProperty("account");
        Assert.Equal(["=cmd|' /C calc'!A0", "-2", "\tTab"], new[] { "name", "tier", "owner" }.Select(f => stored.GetProperty(f).GetString()));
    }
}
