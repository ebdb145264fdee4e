using static Analytics.Ingestion.Tests.Http.IngestServer;

namespace Analytics.Ingestion.Tests.Http;

/// <summary>CSV uploads in a spreadsheet's charset: decoded when the Content-Type names it, refused with the hint when not.</summary>
[Collection(InProcessEngine.Collection)]
public sealed class CsvCharsetTests : IAsyncLifetime
{
    // What Excel's plain "CSV" save writes for these names: é and ß in Latin-1's range, and €, the curly quotes and the
    // en dash in Windows-1252's 0x80-0x9F, where ISO-8859-1 has control characters.
    private static readonly (string Id, string Name)[] Names =
    [
        ("a1", "Café Müller"), ("a2", "Straße & Söhne"), ("a3", "“Euro” – €5 deals"),
    ];

    private readonly string _folder = HostSettings.NewDataFolder();
    private ServerProcess _server = null!;

    static CsvCharsetTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync(HostSettings.Embedded(_folder));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_Windows_1252_file_is_decoded_under_each_of_its_charset_names_gzipped_or_not()
    {
        var uploads = new (string Prefix, string ContentType, bool Gzip)[]
        {
            ("w", "text/csv; charset=windows-1252", false),
            ("i", "text/csv; charset=ISO-8859-1", false),
            ("l", "text/csv;charset=\"latin1\"", false),
            ("g", "text/csv; charset=windows-1252", true),
        };

        var answers = new List<(int Status, System.Text.Json.JsonElement Body)>();
        foreach (var (prefix, contentType, gzip) in uploads)
        {
            var body = Windows1252(prefix);
            answers.Add(await AnswerAsync(await PostBytesAsync(_server, "/v1/import/accounts", gzip ? Gzip(body) : body, contentType, gzip)));
        }

        await WaitForRowsAsync(_server, "accounts", (ulong)(uploads.Length * Names.Length));
        await _server.StopAsync();

        Assert.All(answers, a =>
        {
            Assert.Equal(200, a.Status);
            Assert.Equal((Names.Length, 0), (a.Body.GetProperty("accepted").GetInt32(), a.Body.GetProperty("rejected").GetInt32()));
        });
        var expected = uploads.SelectMany(u => Names.Select(n => new object?[] { u.Prefix + n.Id, n.Name })).OrderBy(r => (string)r[0]!, StringComparer.Ordinal);
        Assert.Equal(expected, await ReadStoppedAsync(_folder, "SELECT account_id, name FROM accounts FINAL ORDER BY account_id"));
    }

    [Fact]
    public async Task A_file_not_in_UTF_8_that_names_no_charset_is_refused_row_by_row_with_the_hint_and_an_unknown_charset_with_415()
    {
        var unnamed = await AnswerAsync(await PostBytesAsync(_server, "/v1/import/accounts", Windows1252("u"), "text/csv"));
        var utf8Named = await AnswerAsync(await PostBytesAsync(_server, "/v1/import/accounts", Windows1252("n"), "text/csv; charset=utf-8"));
        var unknown = await AnswerAsync(await PostBytesAsync(_server, "/v1/import/accounts", Windows1252("x"), "text/csv; charset=klingon-7"));

        Assert.Equal(200, unnamed.Status);
        Assert.Equal(0, unnamed.Body.GetProperty("accepted").GetInt32());
        Assert.Equal(
            Enumerable.Range(2, Names.Length).Select(line => (line, "the row is not valid UTF-8 (a file saved as Windows-1252 or Latin-1?)")),
            Errors(unnamed.Body));
        Assert.Equal(Errors(unnamed.Body), Errors(utf8Named.Body));
        Assert.Equal(415, unknown.Status);
        Assert.Equal(
            "charset 'klingon-7' is not supported; send UTF-8, or name the file's charset (for example text/csv; charset=windows-1252).",
            unknown.Body.GetProperty("message").GetString());
    }

    private static byte[] Windows1252(string idPrefix) =>
        Encoding.GetEncoding(1252).GetBytes("account_id,name\r\n" + string.Concat(Names.Select(n => $"{idPrefix}{n.Id},\"{n.Name}\"\r\n")));
}
