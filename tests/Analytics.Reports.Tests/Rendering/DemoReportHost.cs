using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Ingestion.Demo;
using Analytics.Storage;
using Analytics.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Reports.Tests.Rendering;

/// <summary>
/// The whole server in this process, on a database of its own, holding the demo company's year as of Monday
/// 30 November 2026 (loaded through the server's own ingestion endpoints). Scale 0.25 by default; set
/// <c>REPORT_DEMO_SCALE=1</c> to measure on the full-size demo.
/// </summary>
public sealed class DemoReportHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> _settings = new(HostSettings.Embedded(TestEngine.DataPath).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)))
    {
        ["Storage:Database"] = TestEngine.UniqueDatabase("reportsdemo"),
        ["Ingestion:Spool:Path"] = Path.Combine(Path.GetTempPath(), "analytics-tests", $"spool-{Guid.NewGuid():N}"),
        ["Reports:Company"] = "Northwind Analytics",
    };

    public static double Scale => double.TryParse(Environment.GetEnvironmentVariable("REPORT_DEMO_SCALE"), System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 0.25;

    public IClickHouseGateway Gateway => Services.GetRequiredService<IClickHouseGateway>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (name, value) in _settings)
        {
            builder.UseSetting(name, value);
        }
    }

    public async Task InitializeAsync()
    {
        var data = DemoCompany.Generate(Now, new DemoOptions(Scale: Scale));
        using var http = CreateClient();
        await new DemoLoader(http, http.BaseAddress!, HostSettings.AdminKey).LoadAsync(data);
        await WaitForStoredEventsAsync();
        await AddWeekAnswersAsync();
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
        using var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HostSettings.AdminKey);
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data").Clone();
    }

    // The spool acknowledges before it writes: wait until the stored event count stops moving.
    private async Task WaitForStoredEventsAsync()
    {
        var last = -1L;
        var steady = 0;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (steady < 4)
        {
            Assert.True(DateTime.UtcNow < deadline, "the demo events were not all stored within 3 minutes");
            await Task.Delay(500);
            long count = 0;
            await foreach (var row in Gateway.QueryAsync("SELECT count() AS n FROM events", new QueryParameters(), CancellationToken.None))
            {
                count = (long)row.Get<ulong>("n");
            }

            steady = count == last && count > 0 ? steady + 1 : 0;
            last = count;
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Gateway.ExecuteAsync($"DROP DATABASE IF EXISTS {Identifiers.Quote(Gateway.Database)}");
        await base.DisposeAsync();
    }
}
