using System.IO.Compression;
using System.Net;
using static Analytics.Ingestion.Tests.Http.IngestServer;

namespace Analytics.Ingestion.Tests.Http;

/// <summary>A CSV upload of more than 100 MB, streamed as it is generated: chunked, gzip-compressed, every row stored.</summary>
[Collection(InProcessEngine.Collection)]
public sealed class LargeCsvTests
{
    private const int Rows = 105_000;

    [Fact]
    public async Task A_CSV_of_more_than_100_MB_sent_chunked_and_gzip_compressed_is_stored_row_for_row()
    {
        var folder = HostSettings.NewDataFolder();
        await using var server = await ServerProcess.StartAsync(HostSettings.Embedded(folder));
        var content = new GeneratedCsv(Rows);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/import/events") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostSettings.IngestKey);

        using var response = await server.Client.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        await WaitForDrainedAsync(server, TimeSpan.FromMinutes(10));
        await server.StopCleanlyAsync();

        Assert.True(content.Bytes > 100L * 1024 * 1024, $"only {content.Bytes:N0} bytes of CSV were generated");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"\"accepted\":{Rows},\"rejected\":0,", answer, StringComparison.Ordinal);
        Assert.Equal([[(ulong)Rows, (ulong)Rows, 0ul, (ulong)Rows - 1]], await ReadStoppedAsync(folder,
            "SELECT count(), uniqExact(event_id), min(toUInt64(substring(event_id, 5))), max(toUInt64(substring(event_id, 5))) FROM events"));
    }

    /// <summary>
    /// Events of about 1 KB each (a long, distinct URL), written through gzip straight into the request as the client
    /// sends it: no length, so the client sends it chunked, and the whole file is never in memory.
    /// </summary>
    private sealed class GeneratedCsv : HttpContent
    {
        private static readonly string Path = new('p', 960);
        private readonly int _rows;

        public GeneratedCsv(int rows)
        {
            _rows = rows;
            Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            Headers.ContentEncoding.Add("gzip");
        }

        public long Bytes { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await using var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
            await using var writer = new StreamWriter(gzip, new UTF8Encoding(false), 1 << 16);
            await WriteAsync(writer, "event_id,timestamp,channel,type,account_id,url\n");
            for (var i = 0; i < _rows; i++)
            {
                await WriteAsync(writer, $"big-{i},2026-03-{1 + (i % 28):D2}T09:00:00Z,web,page_view,acct-{i % 500},https://vendor.example/{i}/{Path}\n");
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        private async Task WriteAsync(StreamWriter writer, string text)
        {
            await writer.WriteAsync(text);
            Bytes += text.Length;
        }
    }
}
