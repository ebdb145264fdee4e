using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Tokens;

namespace Analytics.Reports.Tests.Rendering;

/// <summary>A font of a PDF page, as <see cref="PdfInspection.Fonts"/> reads it.</summary>
internal sealed record PdfFont(string Name, string Subtype, bool Embedded, int ProgramBytes, int Glyphs);

/// <summary>Reads a rendered PDF back: each page's words, its fonts, and PNG images of its pages for people to look at.</summary>
internal static class PdfInspection
{
    /// <summary>A page's words joined by single spaces, in drawing order.</summary>
    public static string Text(Page page) => string.Join(" ", page.GetWords().Select(w => w.Text));

    /// <summary>
    /// The lines of a table's column on a page, as PdfPig reads its letters: those starting at or right of the word
    /// <paramref name="header"/> and below it, grouped by baseline from top to bottom, down to the next section title
    /// (a line with Latin letters larger than the first cell's: PdfPig reports no usable size for the Type 3 CJK font) or
    /// the page's footer. Unlike the page's text, a cell's wrapped lines are not interleaved with those of the cells
    /// beside it.
    /// </summary>
    public static IReadOnlyList<string> Column(Page page, string header)
    {
        var title = page.GetWords().First(w => w.Text == header);
        const double footer = ReportTheme.Margin + 20;
        var linesBelow = page.Letters
            .Where(l => l.StartBaseLine.Y < title.BoundingBox.Bottom - 1 && l.StartBaseLine.Y > footer)
            .GroupBy(l => Math.Round(l.StartBaseLine.Y, 1))
            .OrderByDescending(line => line.Key)
            .ToList();
        var cellSize = linesBelow.FirstOrDefault()?.Where(IsLatin).Max(l => l.PointSize) ?? 0;
        return linesBelow
            .TakeWhile(line => line.Where(IsLatin).All(l => l.PointSize <= cellSize + 0.5))
            .Select(line => string.Concat(line.Where(l => l.StartBaseLine.X >= title.BoundingBox.Left - 0.5).OrderBy(l => l.StartBaseLine.X).Select(l => l.Value)).Trim())
            .Where(text => text.Length > 0)
            .ToList();

        static bool IsLatin(Letter letter) => letter.Value.All(char.IsAscii);
    }

    /// <summary>
    /// Every font the page's text uses: its name, subtype, whether its program is embedded (FontFile, FontFile2 or
    /// FontFile3 in its descriptor), the size of that program and how many glyphs it holds (a TrueType program's
    /// maxp table; a Type 3 font's glyph procedures).
    /// </summary>
    public static IReadOnlyList<PdfFont> Fonts(PdfDocument document, Page page)
    {
        IToken? Resolve(IToken? token) => token is IndirectReferenceToken reference ? document.Structure.GetObject(reference.Data).Data : token;
        T? Get<T>(DictionaryToken? owner, string key) where T : class, IToken =>
            owner is not null && owner.TryGet(NameToken.Create(key), out var token) ? Resolve(token) as T : null;

        var fonts = Get<DictionaryToken>(Get<DictionaryToken>(page.Dictionary, "Resources"), "Font");
        var found = new List<PdfFont>();
        foreach (var (name, token) in fonts?.Data ?? new Dictionary<string, IToken>())
        {
            var font = (DictionaryToken)Resolve(token)!;
            var subtype = Get<NameToken>(font, "Subtype")?.Data ?? "";
            var baseFont = Get<NameToken>(font, "BaseFont")?.Data ?? name;
            if (subtype == "Type3")
            {
                var procedures = Get<DictionaryToken>(font, "CharProcs")?.Data.Count ?? 0;
                found.Add(new PdfFont(baseFont, subtype, Embedded: procedures > 0, ProgramBytes: 0, Glyphs: procedures));
                continue;
            }

            var descendant = Get<ArrayToken>(font, "DescendantFonts") is { } array ? (DictionaryToken)Resolve(array.Data[0])! : font;
            var descriptor = Get<DictionaryToken>(descendant, "FontDescriptor");
            var program = new[] { "FontFile", "FontFile2", "FontFile3" }.Select(k => Get<StreamToken>(descriptor, k)).FirstOrDefault(s => s is not null);
            var bytes = program is null ? [] : Inflate(program);
            found.Add(new PdfFont(baseFont, subtype, program is not null, bytes.Length, program is null ? 0 : TrueTypeGlyphs(bytes)));
        }

        return found;
    }

    /// <summary>A stream's bytes, inflated when it is FlateDecode (the only filter SkiaSharp writes).</summary>
    private static byte[] Inflate(StreamToken stream)
    {
        var raw = stream.Data.ToArray();
        if (!stream.StreamDictionary.TryGet(NameToken.Filter, out var filter) || filter is not NameToken { Data: "FlateDecode" })
        {
            return raw;
        }

        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(raw), CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        return inflated.ToArray();
    }

    /// <summary>numGlyphs of a TrueType (or OpenType) program's maxp table.</summary>
    private static int TrueTypeGlyphs(byte[] font)
    {
        var tables = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        for (var i = 0; i < tables; i++)
        {
            var record = font.AsSpan(12 + 16 * i);
            if (Encoding.ASCII.GetString(record[..4]) == "maxp")
            {
                return BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan((int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]) + 4));
            }
        }

        throw new InvalidDataException("The font program has no maxp table.");
    }

    /// <summary>The test project's folder (where TestResults lives), found above the test binaries.</summary>
    public static string ProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Analytics.Reports.Tests.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Analytics.Reports.Tests.csproj not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The PDF's text as poppler's pdftotext reads it (reading order, UTF-8).</summary>
    public static async Task<string> PopplerTextAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var (exitCode, text, errors) = await RunAsync("pdftotext", ["-enc", "UTF-8", path, "-"]);
            Assert.True(exitCode == 0, $"pdftotext failed: {errors}");
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Renders every page to <c>{prefix}-N.png</c> at 80 dpi with poppler's pdftoppm; returns the files written.</summary>
    public static async Task<IReadOnlyList<string>> ToPngAsync(byte[] pdf, string folder, string prefix)
    {
        Directory.CreateDirectory(folder);
        foreach (var old in Directory.EnumerateFiles(folder, prefix + "-*.png"))
        {
            File.Delete(old);
        }

        var pdfPath = Path.Combine(folder, prefix + ".pdf");
        await File.WriteAllBytesAsync(pdfPath, pdf);
        var (exitCode, _, errors) = await RunAsync("pdftoppm", ["-r", "80", "-png", pdfPath, Path.Combine(folder, prefix)]);
        Assert.True(exitCode == 0, $"pdftoppm failed: {errors}");
        return Directory.EnumerateFiles(folder, prefix + "-*.png").Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Runs one of poppler's tools to its end.</summary>
    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string tool, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        }) ?? throw new InvalidOperationException($"{tool} did not start (install poppler-utils: scripts/setup.sh does)");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }
}
