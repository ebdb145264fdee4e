using Analytics.Bench;

// Benchmarks print ratios against the engine itself: these machines are noisy, so absolute times are only informative.
// Usage: dotnet bench/Analytics.Bench/bin/Release/net10.0/Analytics.Bench.dll storage|ingestion [count] | recovery [backlog MiB] [normal events] | metrics [events] [runs] [data folder] [case name filter] | metrics-profile events runs data-folder sql-folder [case name filter] | lists events data-folder | themes [runs] [data folder] | flood data-folder [seconds] [phase name filter] | panels data-folder [runs] | sql data-folder file.sql
var benchmark = args.FirstOrDefault() ?? "storage";
switch (benchmark)
{
    case "storage":
        await StorageInsertBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
        break;
    case "ingestion":
        await IngestionBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
        break;
    case "recovery":
        await RecoveryBenchmark.RunAsync(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
        break;
    case "metrics":
        await MetricsBenchmark.RunAsync(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50_000_000,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20,
            args.Length > 3 ? args[3] : null,
            args.Length > 4 ? args[4] : null);
        break;
    case "metrics-profile":
        await MetricsBenchmark.ProfileAsync(
            int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture),
            args[3],
            args[4],
            args.Length > 5 ? args[5] : null);
        break;
    case "lists":
        await RuleListsBenchmark.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]);
        break;
    case "themes":
        await ThemesBenchmark.RunAsync(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20,
            args.Length > 2 ? args[2] : null);
        break;
    case "flood":
        await FloodBenchmark.RunAsync(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 60, args.Length > 3 ? args[3] : null);
        break;
    case "panels":
        await FloodBenchmark.PanelsAsync(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3);
        break;
    case "sql":
        await SqlTiming.RunAsync(args[1], args[2]);
        break;
    default:
        Console.Error.WriteLine($"unknown benchmark '{benchmark}'; known: storage, ingestion, recovery, metrics, metrics-profile, lists, themes, flood, panels, sql");
        return 64;
}

// As the server does before it exits: the engine's threads still running at exit can crash the process (seen once, 139).
Analytics.Storage.StorageRuntime.ShutDownEmbeddedEngine();
return 0;
