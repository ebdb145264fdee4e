namespace Analytics.Ingestion.Tests.Csv;

/// <summary>Rows without an id get one from their content, so re-importing a file changes nothing.</summary>
public sealed class CsvDerivedIdTests
{
    private const string Events = """
        timestamp,channel,type,account_id,contact_email,campaign
        2024-03-01T09:00:00Z,email,open,acme,jane@acme.com,spring
        2024-03-01T09:00:00Z,email,click,acme,jane@acme.com,spring
        2024-03-01T09:00:00Z,email,open,acme,jane@acme.com,
        2024-03-01T09:00:00Z,email,open,acme,,spring
        """;

    [Fact]
    public async Task Reimporting_the_same_file_gives_the_same_records_with_the_same_ids()
    {
        var first = await CsvTestKit.ImportAsync(CsvKind.Events, Events);
        var second = await CsvTestKit.ImportAsync(CsvKind.Events, Events);

        Assert.Equal(first, second);
        Assert.All(first, row => Assert.Matches("^[0-9a-f]{32}$", ((EngagementEvent)row.Record!).EventId));
    }

    [Fact]
    public async Task Rows_that_differ_in_any_value_get_different_ids_and_a_moved_row_keeps_its_id()
    {
        var rows = await CsvTestKit.ImportAsync(CsvKind.Events, Events);
        var reordered = await CsvTestKit.ImportAsync(CsvKind.Events, """
            campaign,contact_email,account_id,type,channel,timestamp
            ,,,,,
            spring, JANE@acme.com ,acme,open,EMAIL,2024-03-01T10:00:00+01:00
            """);

        var ids = rows.Select(row => ((EngagementEvent)row.Record!).EventId).ToList();
        Assert.Equal(4, ids.Distinct().Count());
        // Same values after normalization (column order, case, spaces, the offset): the same event.
        Assert.Equal(ids[0], ((EngagementEvent)reordered[1].Record!).EventId);
    }

    [Fact]
    public async Task A_given_id_is_kept_as_it_is()
    {
        var rows = await CsvTestKit.ImportAsync(CsvKind.SurveyResponses, "response_id,survey,responded_at,score\n  R-17 ,nps,2024-03-01,9\n");

        Assert.Equal("R-17", ((SurveyResponseRecord)rows.Single().Record!).ResponseId);
    }

    [Fact]
    public async Task Survey_answers_without_an_id_differ_by_every_value_they_hold()
    {
        var rows = await CsvTestKit.ImportAsync(CsvKind.SurveyResponses, """
            survey,responded_at,score,comment,segment
            nps,2024-03-01,9,great,smb
            nps,2024-03-01,9,great,enterprise
            nps,2024-03-01,9,,smb
            csat,2024-03-01,4,great,smb
            nps,2024-03-01,9,great,smb
            """);

        var ids = rows.Select(row => ((SurveyResponseRecord)row.Record!).ResponseId).ToList();
        Assert.Equal([ids[0], ids[1], ids[2], ids[3], ids[0]], ids);
        Assert.Equal(4, ids.Distinct().Count());
    }
}
