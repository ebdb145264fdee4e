namespace Analytics.Testing;

/// <summary>The real public data sets in ../shared/datasets beside the project (test data only, never shipped).</summary>
public static class Datasets
{
    /// <summary>The datasets folder, found by walking up from the test binaries to the folder that holds shared/.</summary>
    public static string Folder { get; } = Find();

    public static string PathOf(string relative) => Path.Combine(Folder, relative);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("shared/datasets not found above the test folder; it sits beside the project.");
    }
}
