using Analytics.Ingestion.Accepting;
using Microsoft.AspNetCore.Http;
using static Analytics.Ingestion.Tests.Http.IngestServer;

namespace Analytics.Ingestion.Tests.Accepting;

/// <summary>How request bodies are read: gzip checked to its last byte, and limits counted on the bytes read.</summary>
public sealed class RequestBodyTests
{
    private static readonly byte[] Csv = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 5_000).Select(i => $"row {i},some text that compresses\n")));

    [Fact]
    public async Task A_whole_gzip_body_reads_as_what_was_compressed()
    {
        Assert.Equal(Csv, await ReadAsync(Gzip(Csv), "gzip"));
        Assert.Equal(Csv, await ReadAsync(Gzip(Csv), "x-gzip"));
        Assert.Equal(Csv, await ReadAsync(Csv, "identity"));
        Assert.Equal(Csv, await ReadAsync(Csv, null));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(10.0)]
    [InlineData(0.5)]
    [InlineData(-8.0)]
    [InlineData(-4.0)]
    [InlineData(-1.0)]
    public async Task A_gzip_body_cut_short_anywhere_is_refused(double cut)
    {
        // A whole number of bytes to keep, or to drop from the end when negative; a fraction of the body to keep.
        var whole = Gzip(Csv);
        var length = cut switch { < 0 => whole.Length + (int)cut, > 0 and < 1 => (int)(whole.Length * cut), _ => (int)cut };

        var refused = await Assert.ThrowsAsync<MalformedRequestException>(() => ReadAsync(whole[..length], "gzip"));

        Assert.Equal(
            "the gzip body is cut short or damaged: it does not end with the checksum of what it holds (a body of several concatenated gzip members is not supported either)",
            refused.Message);
    }

    [Fact]
    public async Task Bytes_after_the_gzip_data_and_a_second_member_are_refused_too()
    {
        await Assert.ThrowsAsync<MalformedRequestException>(() => ReadAsync([.. Gzip(Csv), .. "trailing"u8], "gzip"));
        await Assert.ThrowsAsync<MalformedRequestException>(() => ReadAsync([.. Gzip(Csv), .. Gzip(Csv)], "gzip"));
    }

    [Fact]
    public async Task A_body_marked_gzip_that_is_not_is_refused_with_the_reason()
    {
        var refused = await Assert.ThrowsAsync<MalformedRequestException>(() => ReadAsync(Csv, "gzip"));

        Assert.StartsWith("the body is marked Content-Encoding: gzip but is not valid gzip data (", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_content_encoding_is_refused()
    {
        var refused = await Assert.ThrowsAsync<UnsupportedContentEncodingException>(() => ReadAsync(Csv, "br"));

        Assert.Equal("Content-Encoding 'br' is not supported; send the body as is or gzip-compressed (Content-Encoding: gzip).", refused.Message);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(null, false)]
    [InlineData("gzip", true)]
    [InlineData("gzip", false)]
    public async Task The_limit_counts_the_bytes_read_before_and_after_decompression(string? encoding, bool contentLength)
    {
        var body = encoding is null ? Csv : Gzip(Csv);

        var refused = await Assert.ThrowsAsync<BodyTooLargeException>(() => ReadAsync(body, encoding, limit: Csv.Length - 1, contentLength));
        var read = await ReadAsync(body, encoding, limit: Csv.Length, contentLength);

        Assert.Equal((Csv.Length - 1L, $"The request body is over the limit of {Csv.Length - 1:N0} bytes (Ingestion:MaxCsvBytes), counted as read, after decompression."), (refused.Limit, refused.Message));
        Assert.Equal(Csv, read);
    }

    private static async Task<byte[]> ReadAsync(byte[] body, string? encoding, long limit = long.MaxValue, bool contentLength = false)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = contentLength ? body.Length : null;
        if (encoding is not null)
        {
            context.Request.Headers.ContentEncoding = encoding;
        }

        await using var stream = RequestBody.Open(context.Request, limit, "Ingestion:MaxCsvBytes");
        var read = new MemoryStream();
        await stream.CopyToAsync(read);
        return read.ToArray();
    }
}
