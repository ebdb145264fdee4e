using System.Text;
using Microsoft.Net.Http.Headers;

namespace Analytics.Ingestion.Accepting;

/// <summary>
/// A CSV upload's text encoding, from the <c>charset</c> of its Content-Type: a body in another charset is decoded to
/// UTF-8 on the way to the importer, which reads UTF-8 only. Without a charset (or with UTF-8) the body passes as it is,
/// and a row that is not valid UTF-8 is refused with a hint, as before.
/// </summary>
public static class CsvCharset
{
    // TRICKY: as browsers do (the WHATWG Encoding Standard), Latin-1 and ASCII labels mean Windows-1252: Excel's
    // "CSV" save writes Windows-1252 and tools label it ISO-8859-1, whose 0x80-0x9F would otherwise decode to
    // invisible control characters where the file has €, curly quotes and dashes.
    private static readonly HashSet<string> Windows1252Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "iso-ir-100", "latin1", "l1",
        "cp819", "ibm819", "csisolatin1", "us-ascii", "ascii",
    };

    static CsvCharset() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The body as UTF-8: <paramref name="body"/> itself when it is UTF-8 already, else decoded from its charset.</summary>
    /// <exception cref="UnsupportedCharsetException">A charset .NET does not know (<paramref name="body"/> is then disposed).</exception>
    public static Stream AsUtf8(Stream body, string? contentType)
    {
        var charset = CharsetOf(contentType);
        if (charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return body;
        }

        Encoding encoding;
        try
        {
            encoding = EncodingOf(charset);
        }
        catch (UnsupportedCharsetException)
        {
            body.Dispose();
            throw;
        }

        return Encoding.CreateTranscodingStream(body, encoding, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: false);
    }

    private static string? CharsetOf(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) && HeaderUtilities.RemoveQuotes(media.Charset).Value is { Length: > 0 } charset
            ? charset.Trim()
            : null;

    private static Encoding EncodingOf(string charset)
    {
        if (Windows1252Labels.Contains(charset))
        {
            return Encoding.GetEncoding(1252);
        }

        try
        {
            return Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            throw new UnsupportedCharsetException(charset);
        }
    }
}
