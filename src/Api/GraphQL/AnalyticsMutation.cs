using Analytics.Api.Auth;
using Analytics.Api.GraphQL.Types;
using Analytics.Metrics.Scoring;
using Analytics.Reports;
using Analytics.Reports.Runs;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL;

/// <summary>Changes through GraphQL; all of them need the admin role.</summary>
public sealed class AnalyticsMutation : ObjectGraphType
{
    public AnalyticsMutation()
    {
        Name = "Mutation";
        Description = "Changes to the server's configuration (admin role).";

        Field<NonNullGraphType<ScoringModelType>>("setScoringModel")
            .Description("Replaces the engagement scoring model; every metric prices past events with it from now on (admin role).")
            .Argument<NonNullGraphType<ScoringModelInputType>>("model", "The complete new model.")
            .AuthorizeWithPolicy(Roles.Admin)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Metric<ScoringModelStore>().SaveAsync(
                c.GetArgument<ScoringModel>("model"), c.User?.Identity?.Name ?? "unknown", ct)));

        Field<NonNullGraphType<ReportRunType>>("runReport")
            .Description("Renders and delivers a report now for the period ending at periodEnd (default: the last complete Monday-to-Monday week); a period already delivered is not sent again (admin role).")
            .Argument<NonNullGraphType<StringGraphType>>("report", "The report's name, for example weekly-executive.")
            .Argument<DateType>("periodEnd", "The day after the period's last day.")
            .AuthorizeWithPolicy(Roles.Admin)
            .ResolveAsync(async c =>
            {
                var catalog = c.Metric<ReportCatalog>();
                var report = c.GetArgument<string>("report");
                if (!catalog.IsKnown(report))
                {
                    throw new ExecutionError($"Unknown report '{report}'; known: {string.Join(", ", catalog.Known)}.") { Code = MetricResolvers.InvalidArgument };
                }

                var clock = c.Metric<TimeProvider>();
                var end = c.GetArgument<DateOnly?>("periodEnd") ?? catalog.DefaultPeriodEnd(report, clock.GetUtcNow());
                return await c.Metric<ReportRunsInFlight>().StartAsync(
                    new ReportRequest(report, end, clock.GetUtcNow().UtcDateTime, RetakeFailed: true), c.CancellationToken);
            });

        Field<NonNullGraphType<ScoringModelType>>("resetScoringModel")
            .Description("Goes back to the default scoring model of the design (admin role).")
            .AuthorizeWithPolicy(Roles.Admin)
            .ResolveAsync(async c => await c.Metric<ScoringModelStore>().SaveAsync(
                ScoringModel.Default, c.User?.Identity?.Name ?? "unknown", c.CancellationToken));
    }
}
