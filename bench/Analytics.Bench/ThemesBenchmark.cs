using System.Diagnostics;
using System.Globalization;
using Analytics.Metrics.Common;
using Analytics.Metrics.Themes;
using Analytics.Storage;

namespace Analytics.Bench;

/// <summary>
/// The themes query over 200,000 survey answers of a year, with comments made inside the engine from realistic parts
/// (an opening on one of twelve topics, a detail, a closing; English, with some Chinese), about 60,000 distinct texts.
/// Prints the cold run (every text analysed: Lucene, jieba, VADER), then the p50 and p95 of warm runs (analysis
/// cached per text), against the engine: the same SQL read to the end without analysis.
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
        var query = new ThemesQuery(gateway, new CommentAnalysis());
        var request = new ThemesRequest(Year);
        var cold = Stopwatch.StartNew();
        var themes = await query.RunAsync(request, CancellationToken.None);
        Console.WriteLine($"cold run (analyses {distinct:N0} distinct texts): {cold.Elapsed.TotalMilliseconds:F0} ms; top: {string.Join(", ", themes.Take(8).Select(t => $"{t.Name} {t.Comments}"))}");

        var (warm, sql) = (new List<double>(), new List<double>());
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await query.RunAsync(request, CancellationToken.None);
            warm.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await ReadOnlyAsync(gateway);
            sql.Add(watch.Elapsed.TotalMilliseconds);
        }

        warm.Sort();
        sql.Sort();
        var (p50, p95) = (BenchSupport.Percentile(warm, 0.5), BenchSupport.Percentile(warm, 0.95));
        var (sqlP50, sqlP95) = (BenchSupport.Percentile(sql, 0.5), BenchSupport.Percentile(sql, 0.95));
        Console.WriteLine($"themes, {runs} warm runs: p50 {p50:F0} ms, p95 {p95:F0} ms ({(p95 <= TargetP95Ms ? "within" : "OVER")} {TargetP95Ms} ms)");
        Console.WriteLine($"the SQL alone: p50 {sqlP50:F0} ms, p95 {sqlP95:F0} ms; ratio themes/SQL at p50: {p50 / sqlP50:F2}");
    }

    private static async Task<ulong> CountAsync(IClickHouseGateway gateway, string sql) =>
        (await gateway.ListAsync(sql, new QueryParameters(), r => r.Get<ulong>("n"), CancellationToken.None)).Single();

    /// <summary>The rows the themes query reads, read to the end, without analysis: what the engine costs.</summary>
    private static async Task ReadOnlyAsync(IClickHouseGateway gateway)
    {
        var rows = 0;
        await foreach (var row in gateway.QueryAsync("""
            SELECT survey, score, comment FROM survey_responses FINAL
            WHERE comment != '' AND responded_at >= {from_time:DateTime64(3, 'UTC')} AND responded_at < {to_time:DateTime64(3, 'UTC')}
            ORDER BY responded_at DESC, response_id
            """, Year.ToParameters().Add("survey", "")))
        {
            rows += row.Get<string>("comment").Length > 0 ? 1 : 0;
        }

        if (rows == 0)
        {
            throw new InvalidOperationException("The benchmark read no comment.");
        }
    }

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
