using Analytics.Storage;
using Analytics.Metrics.Common;
using System.Diagnostics;

namespace Analytics.Bench;

/// <summary>
/// Times statements read from a file (separated by lines holding only <c>;;</c>) against a benchmark's data folder, to
/// find which part of a slow query costs: each runs twice, the second time is printed with its first result row.
/// </summary>
public static class SqlTiming
{
    public static async Task RunAsync(string dataFolder, string sqlFile)
    {
        await using var gateway = await BenchSupport.OpenMigratedAsync(dataFolder, "analytics");
        var statements = File.ReadAllText(sqlFile).Split("\n;;\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var sql in statements)
        {
            if (!sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && !sql.StartsWith("WITH", StringComparison.OrdinalIgnoreCase))
            {
                // Not a query (OPTIMIZE, SYSTEM ...): run once, as a step between the timed ones.
                var step = Stopwatch.StartNew();
                await gateway.ExecuteAsync(sql);
                Console.WriteLine($"{step.Elapsed.TotalMilliseconds,8:F0} ms  {sql.Split('\n')[0]}  (run once)");
                continue;
            }

            string first = "";
            var watch = Stopwatch.StartNew();
            for (var run = 0; run < 2; run++)
            {
                watch.Restart();
                var rows = await gateway.ListAsync(sql, new QueryParameters(), r => string.Join(" | ", Enumerable.Range(0, r.Columns.Count).Select(i => r[i]?.ToString())), CancellationToken.None);
                first = rows.Count == 0 ? "(no rows)" : $"{rows.Count} rows, first: {rows[0]}";
            }

            Console.WriteLine($"{watch.Elapsed.TotalMilliseconds,8:F0} ms  {sql.Split('\n')[0]}  -> {first}");
        }
    }
}
