using Quartz;

namespace Analytics.Reports.Tests.Scheduling;

/// <summary>Two servers on one database, each with its own Quartz scheduler firing the same report: one delivery.</summary>
[Collection(ReportsHosts.Collection)]
public sealed class TwoSchedulersTests
{
    private const string Runs = """{ reportRuns { id status node } }""";

    [Fact]
    public async Task Two_servers_whose_schedules_fire_together_deliver_the_period_once()
    {
        await using var smtp = await SmtpSink.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Database"] = TestEngine.UniqueDatabase(nameof(TwoSchedulersTests)),
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:StartTls"] = "never",
            ["Reports:Recipients:0"] = "board@example.com",
            // Every second: every fire of the day asks for the same period, on both servers.
            ["Reports:Schedules:weekly-executive:Cron"] = "* * * * * ?",
        };
        await using var one = new ReportsHost(nameof(TwoSchedulersTests), settings);
        await using var two = new ReportsHost(nameof(TwoSchedulersTests), settings);
        try
        {
            var firedOne = await ExecutionsAsync(one);
            var firedTwo = await ExecutionsAsync(two);
            await Eventually.MatchAsync("a run of the period to be delivered", () => one.QueryAsync(Runs, key: ReportsHost.ViewerKey),
                body => RunsOf(body).Any(r => r.GetProperty("status").GetString() == "delivered"));

            // Each scheduler runs the job one fire at a time: the second run to end after the delivery began after it, so
            // both servers have asked for the delivered period again, and a second delivery would have been sent by then.
            var before = (One: firedOne.Count, Two: firedTwo.Count);
            await Eventually.MatchAsync("both schedulers to run the job twice more after the delivery", () => (One: firedOne.Count, Two: firedTwo.Count),
                now => now.One >= before.One + 2 && now.Two >= before.Two + 2);
            var runs = RunsOf(await one.QueryAsync(Runs, key: ReportsHost.ViewerKey));

            var run = Assert.Single(runs);
            Assert.Equal("delivered", run.GetProperty("status").GetString());
            Assert.Single(smtp.Messages());
        }
        finally
        {
            await one.DropDatabaseAsync();
        }
    }

    private static List<JsonElement> RunsOf(JsonElement body) => [.. body.GetProperty("data").GetProperty("reportRuns").EnumerateArray()];

    /// <summary>Counts the job runs of the host's scheduler from now on (starting the host first).</summary>
    private static async Task<ExecutionCounter> ExecutionsAsync(ReportsHost host)
    {
        var counter = new ExecutionCounter();
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        scheduler.ListenerManager.AddJobListener(counter);
        return counter;
    }

    /// <summary>Counts the job runs that ended (Quartz calls it after each, failed or not).</summary>
    private sealed class ExecutionCounter : IJobListener
    {
        private int _count;

        public string Name => "test-execution-counter";

        public int Count => Volatile.Read(ref _count);

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => default;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => default;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return default;
        }
    }
}
