using Analytics.Api.Auth;
using Analytics.Api.GraphQL.Types;
using Analytics.Reports;
using Analytics.Reports.Runs;
using Analytics.Storage;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Fields;

/// <summary>Report runs: their history (viewer) and a run on demand (admin).</summary>
internal static class ReportFields
{
    public static AnalyticsQuery AddReportFields(this AnalyticsQuery query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReportRunType>>>>("reportRuns").Description("Report runs, newest first (viewer role).")
            .Argument<StringGraphType>("report", "Only runs of this report.")
            .Argument<IntGraphType>("first", "Runs to return, 1 to 500; default 50.")
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c =>
            {
                var first = c.GetArgument("first", 50);
                if (first is < 1 or > 500)
                {
                    throw new ExecutionError($"'first' must be between 1 and 500; it is {first}.") { Code = MetricResolvers.InvalidArgument };
                }

                return await c.Service<ReportRunStore>().ListAsync(c.GetArgument<string?>("report"), first, c.CancellationToken);
            });
        return query;
    }

    public static AnalyticsMutation AddReportFields(this AnalyticsMutation mutation)
    {
        mutation.Field<NonNullGraphType<ReportRunType>>("runReport")
            .Description("Renders and delivers a report now for the period ending at periodEnd (default: the last complete Monday-to-Monday week); a period already delivered is not sent again (admin role).")
            .Argument<NonNullGraphType<StringGraphType>>("report", "The report's name, for example weekly-executive.")
            .Argument<DateType>("periodEnd", "The day after the period's last day.")
            .AuthorizeWithPolicy(Roles.Admin)
            .ResolveAsync(async c =>
            {
                var catalog = c.Service<ReportCatalog>();
                var report = c.GetArgument<string>("report");
                if (!catalog.IsKnown(report))
                {
                    throw new ExecutionError($"Unknown report '{report}'; known: {string.Join(", ", catalog.Known)}.") { Code = MetricResolvers.InvalidArgument };
                }

                var clock = c.Service<TimeProvider>();
                var end = c.GetArgument<DateOnly?>("periodEnd") ?? catalog.DefaultPeriodEnd(report, clock.GetUtcNow());
                // A period (at most a week) must lie in the supported range; the arithmetic itself fails near year 1.
                if (end.DayNumber - 7 < DateOnly.FromDateTime(SupportedTimeRange.From).DayNumber || end > DateOnly.FromDateTime(SupportedTimeRange.To))
                {
                    throw new ExecutionError($"periodEnd {end:yyyy-MM-dd} puts the report's period outside the supported range {SupportedTimeRange.Text}.")
                    {
                        Code = MetricResolvers.InvalidArgument,
                    };
                }

                return await c.Service<ReportRunsInFlight>().StartAsync(
                    new ReportRequest(report, end, clock.GetUtcNow().UtcDateTime, RetakeFailed: true), c.CancellationToken);
            });
        return mutation;
    }
}
