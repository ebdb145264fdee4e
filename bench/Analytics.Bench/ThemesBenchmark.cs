using System.Diagnostics;
using System.Globalization;
using Analytics.Metrics.Common;
using Analytics.Metrics.Sentiment;
using Analytics.Metrics.Surveys;
using Analytics.Metrics.Themes;
using Analytics.Storage;
using Analytics.Storage.Schema;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Bench;

/// <summary>
/// The customer-voice queries over 200,000 survey answers of a year, with comments made inside the engine from realistic
/// parts (an opening on one of twelve topics, a detail, a closing; English, with some Chinese), about 68,000 distinct
/// texts. Prints the index's first round (every answer analysed: Lucene, jieba, VADER, then the phrases), then the p50
/// and p95 of the queries as dashboards send them (themes; comments by segment; NPS; NPS as a rolling weekly trend),
/// against the engine: counting the window's answers (FINAL), the least any of them reads.
/// </summary>
public static class ThemesBenchmark
{
    private const int Answers = 200_000;
    private const string Database = "analytics";
    private const double TargetP95Ms = 300;
    private static readonly DateWindow Year = new(new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 1));

    public static async Task RunAsync(int runs, string? folder)
    {
        folder ??= Path.Combine(Path.GetTempPath(), "analytics-bench-themes");
        var fresh = !Directory.Exists(folder);
        await using var gateway = await BenchSupport.OpenMigratedAsync(folder, Database);
        if (fresh || await CountAsync(gateway, "SELECT count() AS n FROM survey_responses") != Answers)
        {
            var generated = Stopwatch.StartNew();
            await GenerateAsync(gateway);
            Console.WriteLine($"generated {Answers:N0} answers in {generated.Elapsed.TotalSeconds:F1} s into {folder}");
        }

        var distinct = await CountAsync(gateway, "SELECT uniqExact(comment) AS n FROM survey_responses WHERE comment != ''");
        var index = new CommentTopicIndex(gateway, new SchemaDialect(Database, null), new CommentAnalysis(), TimeProvider.System, NullLogger<CommentTopicIndex>.Instance);
        var cold = Stopwatch.StartNew();
        var analysed = await index.CatchUpAsync(CancellationToken.None);
        Console.WriteLine($"index round: {analysed:N0} answers analysed ({distinct:N0} distinct texts) in {cold.Elapsed.TotalSeconds:F1} s");

        var themes = new ThemesQuery(gateway, index);
        var top = await themes.RunAsync(new ThemesRequest(Year), CancellationToken.None);
        Console.WriteLine($"top themes: {string.Join(", ", top.Take(10).Select(t => $"{t.Name} {t.Comments}"))}");

        var comments = new CommentsQuery(gateway, index);
        var nps = new NpsQuery(gateway);
        var cases = new (string Name, Func<Task> Run)[]
        {
            ("engine: count the window's answers", () => CountAsync(gateway, """
                SELECT count() AS n FROM survey_responses FINAL
                WHERE responded_at >= {from_time:DateTime64(3, 'UTC')} AND responded_at < {to_time:DateTime64(3, 'UTC')}
                """, Year.ToParameters())),
            ("themes (first 20)", () => themes.RunAsync(new ThemesRequest(Year), CancellationToken.None)),
            ("comments by segment, 5 themes each", () => comments.RunAsync(new CommentsRequest(Year, GroupBy: SurveyGroupBy.Segment), CancellationToken.None)),
            ("nps", () => nps.RunAsync(new SurveyRequest(Year), CancellationToken.None)),
            ("nps weekly, rolling 28 days", () => nps.RunAsync(new SurveyRequest(Year, Interval.Week, RollingDays: 28), CancellationToken.None)),
        };
        var times = cases.Select(_ => new List<double>()).ToArray();
        for (var i = 0; i < runs; i++)
        {
            for (var c = 0; c < cases.Length; c++)
            {
                var watch = Stopwatch.StartNew();
                await cases[c].Run();
                times[c].Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var engineP50 = BenchSupport.Percentile([.. times[0].Order()], 0.5);
        for (var c = 0; c < cases.Length; c++)
        {
            var sorted = times[c].Order().ToList();
            var (p50, p95) = (BenchSupport.Percentile(sorted, 0.5), BenchSupport.Percentile(sorted, 0.95));
            Console.WriteLine($"{cases[c].Name,-40} {runs} runs: p50 {p50,6:F0} ms, p95 {p95,6:F0} ms, ratio to the engine at p50 {p50 / engineP50,5:F2}"
                + (c == 0 ? "" : $" ({(p95 <= TargetP95Ms ? "within" : "OVER")} {TargetP95Ms} ms)"));
        }
    }

    private static async Task<ulong> CountAsync(IClickHouseGateway gateway, string sql, QueryParameters? parameters = null) =>
        (await gateway.ListAsync(sql, parameters ?? new QueryParameters(), r => r.Get<ulong>("n"), CancellationToken.None)).Single();

    private static Task GenerateAsync(IClickHouseGateway gateway) => gateway.ExecuteAsync($"""
        INSERT INTO survey_responses (response_id, survey, responded_at, score, comment, account_id, contact_id, segment, updated_at)
        SELECT
            'resp-' || toString(number),
            if(number % 2 = 0, 'nps', 'csat') AS survey,
            fromUnixTimestamp64Milli(toInt64(1735689600000 + cityHash64(number, 't') % 31536000000), 'UTC'),
            toUInt8(if(survey = 'nps', [0, 3, 5, 6, 7, 7, 8, 8, 9, 9, 10, 10][1 + cityHash64(number, 'x') % 12], [1, 2, 3, 4, 4, 5, 5][1 + cityHash64(number, 'x') % 7])),
            if(cityHash64(number, 'c') % 10 < 4, '',
               if(cityHash64(number, 'z') % 25 = 0,
                  ['客服响应很快，问题当天就解决了。', '价格偏高，续费的时候涨了不少。', '数据同步经常出错，客户信息重复。', '仪表盘加载太慢了，月底尤其明显。', '报表功能非常好用，省了很多时间。'][1 + cityHash64(number, 'h') % 5],
                  ['Support answered within the hour', 'Our customer success manager is proactive', 'The onboarding took longer than promised',
                   'Pricing is too high for a team our size', 'The renewal price went up again', 'Dashboards load slowly at month end',
                   'The Salesforce sync breaks every few weeks', 'The CRM integration duplicates accounts', 'The weekly executive report is great',
                   'Error messages are cryptic', 'The learning curve is steep for new reps', 'Attribution reports do not match our CRM'][1 + cityHash64(number, 'o') % 12]
                  || [' and ', ', but ', '. ', '; '][1 + cityHash64(number, 'j') % 4]
                  || ['the documentation is thin', 'the mobile app is handy', 'custom fields are limited', 'exports to spreadsheets work well',
                      'the API is reliable', 'single sign-on was easy to set up', 'the roadmap is unclear', 'training videos helped our team',
                      'permissions are confusing', 'the data warehouse connector is missing'][1 + cityHash64(number, 'd') % 10]
                  || [' for our ' || ['sales', 'marketing', 'finance', 'support', 'ops'][1 + cityHash64(number, 'm') % 5] || ' team', ''][1 + cityHash64(number, 'y') % 2]
                  || [' in ' || ['January', 'March', 'May', 'July', 'September', 'November'][1 + cityHash64(number, 'w') % 6] || ' ' || toString(2020 + cityHash64(number, 'v') % 6), ''][1 + cityHash64(number, 'u') % 2]
                  || ['.', '!', '!!', ' :)', '. Please fix this.', '. Would recommend.'][1 + cityHash64(number, 'q') % 6])),
            'acct-' || leftPad(toString(cityHash64(number, 'a') % 50000), 5, '0') AS account,
            account || '-contact-' || toString(cityHash64(number, 'p') % 10),
            ['enterprise', 'mid-market', 'smb', 'partner'][1 + cityHash64(number, 'g') % 4],
            toDateTime64('2026-01-01 00:00:00', 3, 'UTC')
        FROM numbers({Answers.ToString(CultureInfo.InvariantCulture)})
        """);
}
