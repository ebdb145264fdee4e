using Xunit.Abstractions;
using static Analytics.Ingestion.Tests.Http.IngestServer;

namespace Analytics.Ingestion.Tests.Http;

/// <summary>
/// Issue 16, finding 3: with <c>Ingestion:MaxCsvBytes=2000</c> a 7 KB file was refused with Content-Length but accepted
/// chunked or gzip-compressed; with the defaults, anything over Kestrel's 30,000,000 bytes got an empty 413 although
/// the limit is 2 GiB; and 3.9 KB of gzip holding two million bad lines answered 141 MB of JSON, grew the server by
/// 0.7 GB and stored two million dead letters.
/// </summary>
[Collection(InProcessEngine.Collection)]
public sealed class CsvLimitTests(ITestOutputHelper output)
{
    private const string Header = "event_id,timestamp,channel,type,account_id,url\n";

    [Fact]
    public async Task The_CSV_limit_counts_the_bytes_read_whatever_the_framing()
    {
        var folder = HostSettings.NewDataFolder();
        var settings = HostSettings.Embedded(folder);
        settings["Ingestion:MaxCsvBytes"] = "2000";
        await using var server = await ServerProcess.StartAsync(settings);
        var file = EventsCsv("big", 100, urlLength: 40);
        var small = EventsCsv("small", 5, urlLength: 40);

        var answers = new List<(string, int, string?, long?)>();
        foreach (var (framing, gzip, chunked) in new[] { ("Content-Length", false, false), ("chunked", false, true), ("gzip", true, false), ("gzip, chunked", true, true) })
        {
            var (status, body) = await AnswerAsync(await PostBytesAsync(server, "/v1/import/events", gzip ? Gzip(file) : file, "text/csv", gzip, chunked));
            answers.Add((framing, status, body.GetProperty("message").GetString(), body.GetProperty("limit").GetInt64()));
        }

        var accepted = await AnswerAsync(await PostBytesAsync(server, "/v1/import/events", Gzip(small), "text/csv", gzip: true, chunked: true));
        await WaitForDrainedAsync(server);
        await server.StopCleanlyAsync();

        const string tooLarge = "The request body is over the limit of 2,000 bytes (Ingestion:MaxCsvBytes), counted as read, after decompression.";
        Assert.True(file.Length > 7_000 && Gzip(file).Length < 2_000, $"the file is {file.Length} bytes, {Gzip(file).Length} compressed");
        Assert.Equal(
            [("Content-Length", 413, tooLarge, 2000L), ("chunked", 413, tooLarge, 2000L), ("gzip", 413, tooLarge, 2000L), ("gzip, chunked", 413, tooLarge, 2000L)],
            answers);
        Assert.Equal((200, 5), (accepted.Status, accepted.Body.GetProperty("accepted").GetInt32()));
        Assert.Equal([[5ul]], await ReadStoppedAsync(folder, "SELECT count() FROM events"));
    }

    [Fact]
    public async Task An_upload_larger_than_Kestrels_default_limit_is_imported_under_the_CSV_limit()
    {
        var folder = HostSettings.NewDataFolder();
        await using var server = await ServerProcess.StartAsync(HostSettings.Embedded(folder));
        var file = EventsCsv("forty", 40_000, urlLength: 1_000);

        var (status, answer) = await AnswerAsync(await PostBytesAsync(server, "/v1/import/events", file, "text/csv"));
        await WaitForDrainedAsync(server, TimeSpan.FromMinutes(5));
        await server.StopCleanlyAsync();

        Assert.True(file.Length > 40_000_000, $"the file is only {file.Length} bytes");
        Assert.Equal((200, 40_000, 0), (status, answer.GetProperty("accepted").GetInt32(), answer.GetProperty("rejected").GetInt32()));
        Assert.Equal([[40_000ul, 40_000ul]], await ReadStoppedAsync(folder, "SELECT count(), uniqExact(event_id) FROM events"));
        Assert.DoesNotContain("Exception", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Millions_of_bad_rows_get_a_bounded_answer_and_a_bounded_number_of_dead_letters()
    {
        var folder = HostSettings.NewDataFolder();
        await using var server = await ServerProcess.StartAsync(HostSettings.Embedded(folder));
        var csv = new StringBuilder(Header);
        for (var line = 2; line <= 2_000_001; line++)
        {
            csv.Append(line == 1_000_000 ? "good,2026-03-02T09:00:00Z,web,page_view,acme,https://vendor.example/\n" : "x\n");
        }

        var body = Gzip(Encoding.UTF8.GetBytes(csv.ToString()));
        using var response = await PostBytesAsync(server, "/v1/import/events", body, "text/csv", gzip: true);
        var text = await response.Content.ReadAsStringAsync();
        await WaitForDrainedAsync(server);
        output.WriteLine($"{body.Length:N0} bytes of gzip; answer {text.Length:N0} characters; server peak memory {server.PeakMemoryBytes / (1024 * 1024):N0} MiB");
        await server.StopCleanlyAsync();

        var answer = JsonDocument.Parse(text).RootElement;
        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(text.Length < 100_000, $"the answer is {text.Length:N0} characters");
        Assert.Equal(
            (1, 1_999_999, 1_000, true, 10_000, true),
            (answer.GetProperty("accepted").GetInt32(), answer.GetProperty("rejected").GetInt32(), answer.GetProperty("errors").GetArrayLength(),
             answer.GetProperty("errorsTruncated").GetBoolean(), answer.GetProperty("deadLetters").GetInt32(), answer.GetProperty("deadLettersTruncated").GetBoolean()));
        Assert.Equal((2, "the row has 1 fields but the header has 6"), Errors(answer)[0]);
        Assert.Equal(
            "1,999,999 inputs were refused: the first 1,000 are listed (Ingestion:MaxErrorsReported is 1,000) and the first 10,000 kept in dead_letters (Ingestion:MaxDeadLettersPerRequest is 10,000)",
            answer.GetProperty("note").GetString());
        Assert.Equal([[10_000ul, 2u, 10_001u]], await ReadStoppedAsync(folder, "SELECT count(), min(toUInt32(location)), max(toUInt32(location)) FROM dead_letters"));
        Assert.Equal([["good"]], await ReadStoppedAsync(folder, "SELECT event_id FROM events"));
    }

    /// <summary>An events CSV of <paramref name="rows"/> rows, each with a URL of about <paramref name="urlLength"/> characters.</summary>
    private static byte[] EventsCsv(string prefix, int rows, int urlLength)
    {
        var csv = new StringBuilder(Header);
        var path = new string('p', urlLength);
        for (var i = 0; i < rows; i++)
        {
            csv.Append(prefix).Append('-').Append(i).Append(",2026-03-02T09:00:00Z,web,page_view,acme,https://vendor.example/")
                .Append(i).Append('/').Append(path).Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
