using System.Diagnostics;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Tokens;

namespace Analytics.Reports.Tests.Rendering;

/// <summary>Reads a rendered PDF back: each page's words, its fonts, and PNG images of its pages for people to look at.</summary>
internal static class PdfInspection
{
    /// <summary>A page's words joined by single spaces, in drawing order.</summary>
    public static string Text(Page page) => string.Join(" ", page.GetWords().Select(w => w.Text));

    /// <summary>Every font the page's text uses, with whether its file is embedded (FontFile, FontFile2 or FontFile3 in its descriptor).</summary>
    public static IReadOnlyList<(string Name, bool Embedded)> Fonts(PdfDocument document, Page page)
    {
        IToken? Resolve(IToken? token) => token is IndirectReferenceToken reference ? document.Structure.GetObject(reference.Data).Data : token;
        DictionaryToken? Dictionary(DictionaryToken? owner, string key) =>
            owner is not null && owner.TryGet(NameToken.Create(key), out var token) ? Resolve(token) as DictionaryToken : null;

        var fonts = Dictionary(Dictionary(page.Dictionary, "Resources"), "Font");
        var found = new List<(string, bool)>();
        foreach (var (name, token) in fonts?.Data ?? new Dictionary<string, IToken>())
        {
            var font = (DictionaryToken)Resolve(token)!;
            var descendant = font.TryGet(NameToken.Create("DescendantFonts"), out var descendants) && Resolve(descendants) is ArrayToken array
                ? (DictionaryToken)Resolve(array.Data[0])!
                : font;
            var descriptor = Dictionary(descendant, "FontDescriptor");
            var embedded = descriptor is not null && new[] { "FontFile", "FontFile2", "FontFile3" }.Any(k => descriptor.ContainsKey(NameToken.Create(k)));
            var baseFont = font.TryGet(NameToken.Create("BaseFont"), out var baseName) ? baseName.ToString() ?? name : name;
            found.Add((baseFont, embedded));
        }

        return found;
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
        using var process = Process.Start(new ProcessStartInfo("pdftoppm", ["-r", "80", "-png", pdfPath, Path.Combine(folder, prefix)])
        {
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("pdftoppm did not start (install poppler-utils: scripts/setup.sh does)");
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pdftoppm failed: {errors}");
        return Directory.EnumerateFiles(folder, prefix + "-*.png").Order(StringComparer.Ordinal).ToList();
    }
}
