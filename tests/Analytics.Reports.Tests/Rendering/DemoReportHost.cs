using Analytics.Demo;

namespace Analytics.Reports.Tests.Rendering;

/// <summary>
/// The whole server in this process, on a database of its own, holding the demo company's year as of Monday
/// 30 November 2026 (loaded through the server's own ingestion endpoints). Scale 0.25 by default; set
/// <c>REPORT_DEMO_SCALE=1</c> to measure on the full-size demo.
/// </summary>
public sealed class DemoReportHost() : InProcessHost<Program>("reportsdemo", [KeyValuePair.Create("Reports:Company", (string?)"Northwind Analytics")]), IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    public static double Scale => double.TryParse(Environment.GetEnvironmentVariable("REPORT_DEMO_SCALE"), System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 0.25;

    public async Task InitializeAsync()
    {
        var data = DemoCompany.Generate(Now, new DemoOptions(Scale: Scale));
        using var http = CreateClient();
        await new DemoLoader(http, http.BaseAddress!, HostSettings.AdminKey).LoadAsync(data);
        await WaitForStoredEventsAsync();
        await AddWeekAnswersAsync();
        // The demo's closed loop, as the demo seeder writes it once the demo is stored.
        await Services.GetRequiredService<Analytics.Reports.FollowUps.DemoFollowUpHistory>().WriteAsync(CancellationToken.None);
    }

    /// <summary>
    /// NPS answers in the report's week (23 to 29 November), with comments: the demo's answers are spread thin over
    /// the year, so at a small scale the week might otherwise have none.
    /// </summary>
    private async Task AddWeekAnswersAsync()
    {
        var day = new DateTime(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc);
        (int Score, string Segment, string Comment)[] answers =
        [
            (10, "Enterprise", "The weekly dashboards are now part of our board pack."),
            (9, "Enterprise", "Support answered within the hour."),
            (9, "Mid-market", ""),
            (8, "Mid-market", "Good value, onboarding took a while."),
            (3, "Enterprise", "Exports time out on our largest target list, which blocks our Monday review."),
            (5, "SMB", "Pricing went up again and nobody told us before the invoice arrived."),
            (6, "Mid-market", "The CRM sync dropped opportunities twice this month."),
        ];
        var rows = answers.Select((a, i) => new object?[]
        {
            $"report-week-{i}", "nps", day.AddHours(i * 7), (byte)a.Score, a.Comment, "", a.Segment, day,
        }).ToList();
        await Gateway.InsertAsync("survey_responses", ["response_id", "survey", "responded_at", "score", "comment", "account_id", "segment", "updated_at"], rows);
    }

    /// <summary>Posts a query with the admin key and returns the result's <c>data</c>; fails on GraphQL errors.</summary>
    public async Task<JsonElement> QueryAsync(string query, IReadOnlyDictionary<string, object?> variables)
    {
        var (_, body) = await PostGraphQLAsync(query, variables, HostSettings.AdminKey);
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data").Clone();
    }

    // The spool acknowledges before it writes, and its writer also re-attributes visitors' earlier events to the accounts
    // their identities reveal: wait until the spool is empty (a batch leaves it only once written), as the browser tests
    // do. TRICKY: a stored event count that stood still for two seconds was not enough on a loaded machine; a report
    // then rendered before the engagement was attributed.
    private async Task WaitForStoredEventsAsync()
    {
        using var client = CreateClient();
        await Eventually.MatchAsync("the demo events to be stored", () => client.GetStringAsync("/healthz"),
            health => health.Contains("\"spool backlog 0 bytes\"", StringComparison.Ordinal), TimeSpan.FromMinutes(3));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DropDatabaseAsync();
        await base.DisposeAsync();
    }
}
