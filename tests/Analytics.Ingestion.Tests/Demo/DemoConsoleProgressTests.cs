namespace Analytics.Ingestion.Tests.Demo;

public sealed class DemoConsoleProgressTests
{
    [Fact]
    public void Console_progress_redraws_one_line_only_when_the_percent_moves_and_ends_it_at_100()
    {
        var output = new StringWriter();
        var bar = new DemoConsoleProgress(output, width: 10);

        bar.Report(new DemoLoadProgress(0, 200, "start"));
        bar.Report(new DemoLoadProgress(1, 200, "accounts"));  // still 0%: not redrawn
        bar.Report(new DemoLoadProgress(100, 200, "/v1/batch"));
        bar.Report(new DemoLoadProgress(90, 200, "/v1/batch")); // a late report from another request: not redrawn
        bar.Report(new DemoLoadProgress(200, 200, "/v1/webhooks/sendgrid"));

        Assert.Equal(
            "\rLoading demo data [..........]   0% 0/200" +
            "\rLoading demo data [#####.....]  50% 100/200" +
            "\rLoading demo data [##########] 100% 200/200" + Environment.NewLine,
            output.ToString());
    }
}
