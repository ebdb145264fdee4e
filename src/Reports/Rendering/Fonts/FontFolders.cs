namespace Analytics.Reports.Rendering.Fonts;

/// <summary>Where a font's regular and bold files are: in the configured folder when one is given, else in the first usual folder that has both.</summary>
internal static class FontFolders
{
    public static (string Regular, string Bold)? Find(string? configured, IReadOnlyList<string> usual, string regularFile, string boldFile, out IReadOnlyList<string> searched)
    {
        searched = string.IsNullOrWhiteSpace(configured) ? usual : [configured];
        foreach (var folder in searched)
        {
            var regular = Path.Combine(folder, regularFile);
            var bold = Path.Combine(folder, boldFile);
            if (File.Exists(regular) && File.Exists(bold))
            {
                return (regular, bold);
            }
        }

        return null;
    }
}
