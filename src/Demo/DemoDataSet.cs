using Analytics.Ingestion.Records;

namespace Analytics.Demo;

/// <summary>One CSV import file: its kind (the path segment of <c>/v1/import/{kind}</c>), its header and its text.</summary>
public sealed record DemoCsvFile(string Kind, IReadOnlyList<string> Columns, string Text, int Rows);

/// <summary>One JSON request body, ready to POST, and how many messages or events it carries.</summary>
public sealed record DemoPayload(byte[] Body, int Count);

/// <summary>
/// The demo company's year: the records as generated (for checks and for callers that want them) and the same data in
/// the wire formats of docs/contract.md, ready to POST in this order: CSV imports, Segment batches, SendGrid arrays.
/// </summary>
public sealed class DemoDataSet
{
    public required DateTimeOffset Now { get; init; }

    /// <summary>The first instant of the year covered: midnight UTC 365 days before "now"'s day.</summary>
    public required DateTime WindowStart { get; init; }

    public required IReadOnlyList<AccountRecord> Accounts { get; init; }

    public required IReadOnlyList<TargetListMember> TargetAccounts { get; init; }

    public required IReadOnlyList<ContactRecord> Contacts { get; init; }

    public required IReadOnlyList<OpportunityRecord> Opportunities { get; init; }

    public required IReadOnlyList<SurveyResponseRecord> SurveyResponses { get; init; }

    public required IReadOnlyList<AdPerformanceRecord> AdPerformance { get; init; }

    /// <summary>Every engagement message (Segment calls and SendGrid events) in time order, with its id.</summary>
    public required IReadOnlyList<DemoMessage> Messages { get; init; }

    /// <summary>The CSV imports in load order: accounts, target-accounts, contacts, opportunities, survey-responses, ad-performance.</summary>
    public required IReadOnlyList<DemoCsvFile> CsvFiles { get; init; }

    /// <summary>Bodies for <c>POST /v1/batch</c>.</summary>
    public required IReadOnlyList<DemoPayload> SegmentBatches { get; init; }

    /// <summary>Bodies for <c>POST /v1/webhooks/sendgrid</c>.</summary>
    public required IReadOnlyList<DemoPayload> SendGridBatches { get; init; }

    /// <summary>CSV rows plus messages: what the loader counts its progress in.</summary>
    public long TotalRecords =>
        CsvFiles.Sum(f => (long)f.Rows) + SegmentBatches.Sum(b => (long)b.Count) + SendGridBatches.Sum(b => (long)b.Count);
}
