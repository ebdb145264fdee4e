using MimeKit;

namespace Analytics.Reports.Tests.Delivery;

/// <summary>A failed delivery is recorded with its error and retried after the backoff; without SMTP the outbox takes the message.</summary>
public sealed class RetryAndOutboxTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly ReportRequest Request = new("weekly-executive", new DateOnly(2026, 11, 30), Monday.UtcDateTime);

    [Fact]
    public async Task SMTP_down_fails_the_run_with_its_error_then_the_retry_delivers()
    {
        var port = SmtpSink.FreePort();
        var database = await ReportsWorld.NewDatabaseAsync(nameof(RetryAndOutboxTests));
        await using var world = await ReportsWorld.OpenAsync(database, Monday, new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:StartTls"] = "never",
            ["Reports:Attempts"] = "3",
            ["Reports:BackoffSeconds"] = "30",
        });

        var firstAttempt = new TaskCompletionSource<ReportRun>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = Task.Run(() => world.Runner.RunAsync(Request, run => firstAttempt.SetResult(run), CancellationToken.None));
        var attempt = await firstAttempt.Task.WaitAsync(Eventually.DefaultTimeout);
        var failed = await LatestRunAsync(world) ?? throw new InvalidOperationException("The runner told of an attempt it had not saved.");
        await using var smtp = await SmtpSink.StartAsync(port);
        // The runner now waits out the backoff on the clock. TRICKY: an advance made before its wait began does not reach
        // it, and the test cannot see when it began: so move the clock on at each look until the retry has delivered.
        await Eventually.MatchAsync("the retry to deliver", async () =>
        {
            world.Clock.Advance(TimeSpan.FromSeconds(30));
            return await LatestRunAsync(world);
        }, run => run?.Status == RunStatus.Delivered);

        var delivered = await running;
        var message = Assert.Single(smtp.Messages());
        Assert.Equal((RunStatus.Failed, 1, (DateTime?)null), (failed.Status, failed.Attempts, failed.FinishedAt));
        Assert.Contains("refused", failed.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Attempt 1 of 3 failed; the next is due at 2026-11-30T09:00:30Z.", failed.Note);
        Assert.Equal((failed.Id, RunStatus.Failed), (attempt.Id, attempt.Status));
        Assert.Equal((failed.Id, RunStatus.Delivered, 2, (string?)null), (delivered.Id, delivered.Status, delivered.Attempts, delivered.Error));
        Assert.Equal(1, world.Renderer.Renders);
        Assert.Equal(["board@example.com"], message.To.Mailboxes.Select(m => m.Address));
    }

    [Fact]
    public async Task Without_Smtp_Host_the_message_goes_to_the_outbox_and_the_run_says_so()
    {
        var database = await ReportsWorld.NewDatabaseAsync(nameof(RetryAndOutboxTests));
        await using var world = await ReportsWorld.OpenAsync(database, Monday);

        var run = await world.Runner.RunAsync(Request, null, CancellationToken.None);
        var folder = Assert.Single(Directory.GetDirectories(world.Outbox));
        var stored = await world.Runs.ReadFileAsync(run.Id, CancellationToken.None);
        var eml = await MimeMessage.LoadAsync(Path.Combine(folder, "message.eml"));

        Assert.Equal(RunStatus.Delivered, run.Status);
        Assert.Equal($"Smtp:Host is not set: written to the outbox as {Path.GetFileName(folder)}", run.Note);
        Assert.DoesNotContain(Path.GetDirectoryName(folder)!, run.Note, StringComparison.Ordinal);
        Assert.Equal(["message.eml", "message.html", "weekly-executive-2026-11-23-to-2026-11-29.pdf"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(stored!.Content, await File.ReadAllBytesAsync(Path.Combine(folder, stored.FileName)));
        Assert.Equal(["board@example.com"], eml.To.Mailboxes.Select(m => m.Address));
        Assert.Contains("Engaged accounts", await File.ReadAllTextAsync(Path.Combine(folder, "message.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_without_a_renderer_fails_at_once_with_a_clear_error()
    {
        var database = await ReportsWorld.NewDatabaseAsync(nameof(RetryAndOutboxTests));
        await using var world = await ReportsWorld.OpenAsync(database, Monday, new Dictionary<string, string?>
        {
            ["Reports:Schedules:monthly-board:Cron"] = "0 0 8 1 * ?",
        });

        var run = await world.Runner.RunAsync(Request with { Report = "monthly-board" }, null, CancellationToken.None);

        Assert.Equal((RunStatus.Failed, 1), (run.Status, run.Attempts));
        Assert.Equal("No renderer is registered for report 'monthly-board'; this server can render: surge-digest, weekly-executive.", run.Error);
        Assert.Equal("Not retried: the configuration must change first.", run.Note);
    }

    private static async Task<ReportRun?> LatestRunAsync(ReportsWorld world) =>
        (await world.Runs.ListAsync("weekly-executive", 1, CancellationToken.None)).FirstOrDefault();
}
