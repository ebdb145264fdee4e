using Microsoft.AspNetCore.Http;

namespace Analytics.Ingestion.Accepting;

/// <summary>
/// Request bodies as the ingestion endpoints read them: decompressed when gzip (Segment's libraries may compress), and
/// within a limit counted on the bytes actually read, both before and after decompression, whatever the framing
/// (Content-Length, chunked, gzip).
/// </summary>
public static class RequestBody
{
    /// <summary>Reads the whole body into memory (JSON endpoints, whose limits are small).</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, int limit, string setting, CancellationToken cancellationToken)
    {
        await using var body = Open(request, limit, setting);
        var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    /// <summary>The body as a stream to read once.</summary>
    /// <exception cref="BodyTooLargeException">At once when Content-Length says so, else when a read passes the limit.</exception>
    /// <exception cref="UnsupportedContentEncodingException">A Content-Encoding other than gzip or identity.</exception>
    /// <exception cref="MalformedRequestException">Thrown by reads of a gzip body that is damaged or cut short.</exception>
    public static Stream Open(HttpRequest request, long limit, string setting)
    {
        if (request.ContentLength > limit)
        {
            throw new BodyTooLargeException(limit, setting);
        }

        var raw = new LimitedBody(request.Body, limit, setting, leaveOpen: true);
        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        if (encoding.Length == 0 || encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return raw;
        }

        return encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || encoding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase)
            ? new LimitedBody(new GzipBody(raw), limit, setting, leaveOpen: false)
            : throw new UnsupportedContentEncodingException(encoding);
    }
}
