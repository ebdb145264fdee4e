namespace Analytics.Ingestion.Accepting;

/// <summary>A request body that cannot be read, or is not what this endpoint takes; the message says why. Answered 400.</summary>
public sealed class MalformedRequestException(string message) : Exception(message);

/// <summary>A request body over its limit, counted as read (after decompression). Answered 413.</summary>
public sealed class BodyTooLargeException(long limit, string setting)
    : Exception($"The request body is over the limit of {limit:N0} bytes ({setting}), counted as read, after decompression.")
{
    /// <summary>The limit, in bytes.</summary>
    public long Limit { get; } = limit;
}

/// <summary>A body in a <c>Content-Encoding</c> other than gzip. Answered 415.</summary>
public sealed class UnsupportedContentEncodingException(string encoding)
    : Exception($"Content-Encoding '{encoding}' is not supported; send the body as is or gzip-compressed (Content-Encoding: gzip).");

/// <summary>A CSV upload whose Content-Type names a charset that cannot be decoded. Answered 415.</summary>
public sealed class UnsupportedCharsetException(string charset)
    : Exception($"charset '{charset}' is not supported; send UTF-8, or name the file's charset (for example text/csv; charset=windows-1252).");
