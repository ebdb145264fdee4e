namespace Analytics.Metrics.Tests.GraphQL;

/// <summary>
/// Dates outside the supported range (1970 to 2100) get a clear argument error from every field and the export, never a
/// 500 or "Error trying to resolve field" (the hardening issue's finding 6: the engine's Date columns cannot hold them).
/// </summary>
[Collection(GraphQLHosts.Collection)]
public sealed class ExtremeDatesTests : IAsyncLifetime
{
    private readonly GraphQLHost _host = new(nameof(ExtremeDatesTests));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _host.DropDatabaseAsync();
        await _host.DisposeAsync();
    }

    [Theory]
    [InlineData("0001-01-01", "0001-01-05")]
    [InlineData("9999-12-20", "9999-12-27")]
    [InlineData("1969-12-25", "1970-01-05")]
    [InlineData("2099-12-25", "2100-01-02")]
    public async Task Every_metric_refuses_a_window_outside_the_supported_range(string from, string to)
    {
        var window = $"from: \"{from}\", to: \"{to}\"";
        var (status, body) = await _host.QueryAsync($$"""
            {
              funnel({{window}}) { stages { name } }
              cohort: funnel({{window}}, mode: COHORT) { stages { name } }
              journey({{window}}) { stages { name } }
              nps({{window}}) { score }
              engagedAccounts({{window}}) { totalCount }
            }
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        var errors = body.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(5, errors.Count);
        Assert.All(errors, e =>
        {
            Assert.Equal("INVALID_ARGUMENT", e.GetProperty("extensions").GetProperty("code").GetString());
            Assert.Equal($"The window from {from} to {to} is outside the supported range 1970-01-01 to 2100-01-01.", e.GetProperty("message").GetString());
        });
    }

    [Fact]
    public async Task The_export_and_run_report_refuse_dates_outside_the_range_with_a_clear_error()
    {
        using var sales = _host.ClientWith(GraphQLHost.SalesKey);
        using var export = await sales.GetAsync("/v1/exports/engaged-accounts.csv?from=0001-01-01&to=0001-01-05");
        var (_, run) = await _host.QueryAsync("""mutation { runReport(report: "weekly-executive", periodEnd: "0001-01-03") { status } }""");

        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        Assert.Contains("outside the supported range 1970-01-01 to 2100-01-01", await export.Content.ReadAsStringAsync());
        var error = run.GetProperty("errors")[0];
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("periodEnd 0001-01-03 puts the report's period outside the supported range 1970-01-01 to 2100-01-01.", error.GetProperty("message").GetString());
    }
}
