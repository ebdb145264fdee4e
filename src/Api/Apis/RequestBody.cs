using System.IO.Compression;

namespace Analytics.Api.Apis;

/// <summary>A request body over its limit; answered 413.</summary>
public sealed class BodyTooLargeException(long limit) : Exception($"The request body is over the limit of {limit:N0} bytes.")
{
    public long Limit { get; } = limit;
}

/// <summary>Reads request bodies within a size limit, gzip-compressed ones too (Segment's libraries may compress).</summary>
public static class RequestBody
{
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw new BodyTooLargeException(limit);
        }

        await using var body = Decoded(request);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new BodyTooLargeException(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    /// <summary>The body, decompressed when it says it is gzip.</summary>
    public static Stream Decoded(HttpRequest request) =>
        string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true)
            : request.Body;
}
