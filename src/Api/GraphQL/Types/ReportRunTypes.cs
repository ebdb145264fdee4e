using Analytics.Api.Apis;
using Analytics.Reports.Runs;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

public sealed class ReportRunType : ObjectGraphType<ReportRun>
{
    public ReportRunType()
    {
        Name = "ReportRun";
        Description = "One run of a report for one period; status is queued, running, delivered or failed.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The run's id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("report").Description("The report's name.").Resolve(c => c.Source.Report);
        Field<NonNullGraphType<DateType>>("periodStart").Description("The period's first day.").Resolve(c => c.Source.PeriodStart);
        Field<NonNullGraphType<DateType>>("periodEnd").Description("The day after the period's last day.").Resolve(c => c.Source.PeriodEnd);
        Field<NonNullGraphType<StringGraphType>>("status").Description("queued, running, delivered or failed.").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("recipients").Description("Who the report went to.").Resolve(c => c.Source.Recipients);
        Field<StringGraphType>("pdfUrl").Description("Where to download the run's PDF; null before it is rendered.")
            .Resolve(c => c.Source.File is null ? null : ReportsApi.PdfPath(c.Source.Id));
        Field<StringGraphType>("error").Description("Why the last attempt failed.").Resolve(c => c.Source.Error);
        Field<StringGraphType>("note").Description("Where the report went (SMTP or the outbox folder), or when the next attempt is due.").Resolve(c => c.Source.Note);
        Field<NonNullGraphType<StringGraphType>>("scheduledFor").Description("When the run was due (ISO-8601, UTC).").Resolve(c => Iso(c.Source.ScheduledFor));
        Field<StringGraphType>("startedAt").Description("When the run started (ISO-8601, UTC).").Resolve(c => c.Source.StartedAt is { } t ? Iso(t) : null);
        Field<StringGraphType>("finishedAt").Description("When the run was delivered or failed for good (ISO-8601, UTC).").Resolve(c => c.Source.FinishedAt is { } t ? Iso(t) : null);
        Field<NonNullGraphType<IntGraphType>>("attempts").Description("Delivery attempts made.").Resolve(c => c.Source.Attempts);
        Field<NonNullGraphType<StringGraphType>>("node").Description("The server that made the run.").Resolve(c => c.Source.Node);
    }

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
