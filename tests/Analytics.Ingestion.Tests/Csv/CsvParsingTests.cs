using static Analytics.Ingestion.Tests.Csv.CsvTestKit;

namespace Analytics.Ingestion.Tests.Csv;

/// <summary>RFC 4180 as the import reads it: quoting, line endings, the header, and what makes a row or a file unreadable.</summary>
public sealed class CsvParsingTests
{
    [Fact]
    public async Task Quoted_fields_keep_commas_doubled_quotes_and_newlines_and_later_records_count_those_lines()
    {
        var rows = await ImportAsync(CsvKind.Accounts, """"
            account_id,name,industry
            a1,"Acme, Inc.","Software ""SaaS"""
            a2,"Multi
            line
            name",Retail
            a3,Plain,Retail

            """");

        Assert.Equal(
        [
            Ok(2, new AccountRecord("a1", Name: "Acme, Inc.", Industry: "Software \"SaaS\"")),
            Ok(3, new AccountRecord("a2", Name: "Multi\nline\nname", Industry: "Retail")),
            Ok(6, new AccountRecord("a3", Name: "Plain", Industry: "Retail")),
        ], rows);
    }

    [Theory]
    [InlineData("\n", false, true)]
    [InlineData("\r\n", false, true)]
    [InlineData("\r\n", true, true)]
    [InlineData("\n", true, false)]
    [InlineData("\r\n", false, false)]
    public async Task Line_endings_a_byte_order_mark_and_a_missing_final_newline_read_the_same(string newline, bool bom, bool finalNewline)
    {
        var text = (bom ? "\uFEFF" : "") + string.Join(newline, "list,account_id", "abm-2024,a1", "\"abm\r\n2025\",a2") + (finalNewline ? newline : "");

        var rows = await ImportAsync(CsvKind.TargetAccounts, text);

        // TRICKY: a line break inside quotes stays as written, whatever the file's own line endings.
        Assert.Equal([Ok(2, new TargetListMember("abm-2024", "a1")), Ok(3, new TargetListMember("abm\r\n2025", "a2"))], rows);
    }

    [Fact]
    public async Task Columns_are_found_by_name_in_any_order_and_case_with_spaces_trimmed_and_unknown_ones_ignored()
    {
        var rows = await ImportAsync(CsvKind.Contacts, """
             Title ,favourite_colour,EMAIL,  contact_id
            CTO,blue, Jane@Example.com ,c-1

            """);

        Assert.Equal([Ok(2, new ContactRecord("c-1", Email: "jane@example.com", Title: "CTO"))], rows);
    }

    [Fact]
    public async Task Blank_lines_are_skipped_but_still_counted()
    {
        var rows = await ImportAsync(CsvKind.TargetAccounts, "list,account_id\n\nabm,a1\n\n\nabm,a2\n\n");

        Assert.Equal([Ok(3, new TargetListMember("abm", "a1")), Ok(6, new TargetListMember("abm", "a2"))], rows);
    }

    [Fact]
    public async Task Only_a_header_is_an_import_of_nothing()
    {
        Assert.Empty(await ImportAsync(CsvKind.Events, "timestamp,channel,type,account_id\r\n"));
    }

    [Theory]
    [InlineData(CsvKind.Accounts, "name,domain", "line 1: the header lacks the required column account_id (it has: name, domain)")]
    [InlineData(CsvKind.Opportunities, "opportunity_id,status,amount", "line 1: the header lacks the required column created_at (it has: opportunity_id, status, amount)")]
    [InlineData(CsvKind.SurveyResponses, "comment", "line 1: the header lacks the required columns survey, responded_at, score (it has: comment)")]
    [InlineData(CsvKind.TargetAccounts, "list", "line 1: the header lacks the required column account_id (it has: list)")]
    [InlineData(CsvKind.AdPerformance, "date,clicks", "line 1: the header lacks the required column campaign (it has: date, clicks)")]
    [InlineData(CsvKind.Events, "timestamp,channel,type,url", "line 1: the header needs at least one of the columns account_id, contact_email, anonymous_id")]
    [InlineData(CsvKind.Contacts, "name,title", "line 1: the header needs at least one of the columns contact_id, email")]
    [InlineData(CsvKind.Accounts, "account_id,Name,name ", "line 1: column name appears twice in the header (fields 2 and 3)")]
    public async Task A_header_that_cannot_be_read_fails_the_whole_file_before_any_record(CsvKind kind, string header, string message)
    {
        // Good rows follow: none of them may come out before the failure.
        var csv = header + "\na1,b,c\na2,b,c\n";
        await using var rows = CsvImporter.ReadAsync(kind, new MemoryStream(Encoding.UTF8.GetBytes(csv))).GetAsyncEnumerator();

        var e = await Assert.ThrowsAsync<CsvImportException>(async () => await rows.MoveNextAsync());

        Assert.Equal((1, message), (e.Line, e.Message));
    }

    [Theory]
    [InlineData("a2,\"Acme\" Inc,Retail", "malformed quoting: text follows a closing quote (a quote inside a quoted value must be doubled: \"\")")]
    [InlineData("a2,Acme", "the row has 2 fields but the header has 3")]
    [InlineData("a2,Acme,Retail,Berlin", "the row has 4 fields but the header has 3 (a comma in an unquoted value?)")]
    [InlineData(",Acme,Retail", "account_id is required but empty")]
    public async Task A_bad_row_is_rejected_by_line_with_its_raw_text_and_the_rows_around_it_are_kept(string bad, string message)
    {
        var rows = await ImportAsync(CsvKind.Accounts, $"account_id,name,industry\r\na1,Acme,Retail\r\n{bad}\r\na3,Initech,Software\r\n");

        Assert.Equal(
        [
            Ok(2, new AccountRecord("a1", Name: "Acme", Industry: "Retail")),
            Bad(3, message, bad),
            Ok(4, new AccountRecord("a3", Name: "Initech", Industry: "Software")),
        ], rows);
    }

    [Theory]
    [InlineData("a2,5'10\" tall,Retail", "5'10\" tall")]
    [InlineData("a2,Acme,Retail,", "Acme")]
    [InlineData("a2,\"  Acme  \",Retail", "Acme")]
    public async Task Harmless_irregularities_are_read_as_meant(string row, string name)
    {
        var rows = await ImportAsync(CsvKind.Accounts, $"account_id,name,industry\n{row}\n");

        Assert.Equal([Ok(2, new AccountRecord("a2", Name: name, Industry: "Retail"))], rows);
    }

    [Fact]
    public async Task An_unterminated_quote_takes_the_rest_of_the_file_into_one_rejected_record()
    {
        var rows = await ImportAsync(CsvKind.Accounts, "account_id,name\na1,Acme\na2,\"Acme\na3,Initech\n");

        Assert.Equal(
        [
            Ok(2, new AccountRecord("a1", Name: "Acme")),
            Bad(3, "malformed quoting: a quote opened here is never closed, so the record runs to the end of the file", "a2,\"Acme\na3,Initech\n"),
        ], rows);
    }

    [Fact]
    public async Task An_unterminated_quote_in_an_endless_file_ends_the_import_at_its_line_instead_of_buffering_the_rest()
    {
        var stream = new GeneratedStream(new[] { "account_id,name\n", "a1,Acme\n", "a2,\"Acme\n" }.Concat(Forever("a3,Initech\n")));
        var rows = new List<CsvImportRow>();

        var e = await Assert.ThrowsAsync<CsvImportException>(async () =>
        {
            await foreach (var row in CsvImporter.ReadAsync(CsvKind.Accounts, stream))
            {
                rows.Add(row);
            }
        });

        Assert.Equal([Ok(2, new AccountRecord("a1", Name: "Acme"))], rows);
        Assert.Equal(3, e.Line);
        Assert.InRange(stream.BytesRead, CsvImporter.MaxRecordBytes, 4L * CsvImporter.MaxRecordBytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    public async Task An_empty_file_fails_for_want_of_a_header(string csv)
    {
        var e = await Assert.ThrowsAsync<CsvImportException>(() => ImportAsync(CsvKind.Accounts, csv));

        Assert.Equal("line 1: the file is empty; expected a header row naming the columns (account_id, name, domain, industry, employees, annual_revenue, country, tier, owner)", e.Message);
    }

    [Fact]
    public async Task A_row_that_is_not_valid_utf8_is_rejected_rather_than_stored_with_replacement_characters()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("account_id,name\na1,Caf"), 0xE9, .. Encoding.UTF8.GetBytes("\na2,Café\n")];

        var rows = await ImportAsync(CsvKind.Accounts, new MemoryStream(bytes));

        Assert.Equal(
        [
            Bad(2, "the row is not valid UTF-8 (a file saved as Windows-1252 or Latin-1?)", "a1,Caf\uFFFD"),
            Ok(3, new AccountRecord("a2", Name: "Café")),
        ], rows);
    }

    [Theory]
    [InlineData("accounts", CsvKind.Accounts)]
    [InlineData("Target-Accounts", CsvKind.TargetAccounts)]
    [InlineData("survey-responses", CsvKind.SurveyResponses)]
    [InlineData(" ad-performance ", CsvKind.AdPerformance)]
    public void Kinds_are_named_as_in_the_url(string name, CsvKind kind)
    {
        Assert.True(CsvKinds.TryParse(name, out var parsed));
        Assert.Equal((kind, name.Trim().ToLowerInvariant()), (parsed, CsvKinds.NameOf(parsed)));
    }

    [Theory]
    [InlineData("survey_responses")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_names_are_no_kind(string? name) => Assert.False(CsvKinds.TryParse(name, out _));

    [Fact]
    public async Task Cancelling_stops_the_reading()
    {
        using var cancel = new CancellationTokenSource();
        var rows = new List<CsvImportRow>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var row in CsvImporter.ReadAsync(CsvKind.TargetAccounts, new GeneratedStream(Forever("abm,a1\n").Prepend("list,account_id\n")), cancel.Token))
            {
                rows.Add(row);
                if (rows.Count == 10)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        Assert.InRange(rows.Count, 10, 100_000);
    }

    private static IEnumerable<string> Forever(string line)
    {
        while (true)
        {
            yield return line;
        }
    }
}
