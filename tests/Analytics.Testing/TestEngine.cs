using Analytics.Storage;
using Analytics.Storage.Embedded;
using Analytics.Storage.Schema;

namespace Analytics.Testing;

/// <summary>
/// The embedded engine shared by one test process: chDB serves one data folder per process, so every test class
/// opens its own database (named from the class and a random suffix) in this process's folder (in <see cref="TestFolders"/>,
/// deleted as the process exits).
/// </summary>
public static class TestEngine
{
    private static readonly Lazy<string> Folder = new(() => Directory.CreateDirectory(Path.Combine(TestFolders.Root, "engine")).FullName);

    public static string LibraryPath => GatewayFactory.FindLibrary(null);

    public static string DataPath => Folder.Value;

    /// <summary>A database name unique to this run: the caller's name, lower-cased, with a random suffix.</summary>
    public static string UniqueDatabase(string owner) =>
        $"{new string(owner.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40).ToArray())}_{Guid.NewGuid():N}"[..Math.Min(60, owner.Length + 33)];

    /// <summary>Opens a gateway on a fresh database of its own; <paramref name="viewSources"/> as the server gives its schema's.</summary>
    public static Task<EmbeddedGateway> OpenAsync(string owner, IReadOnlySet<string>? viewSources = null) =>
        EmbeddedGateway.OpenAsync(LibraryPath, DataPath, UniqueDatabase(owner), viewSources: viewSources);

    /// <summary>
    /// Opens a gateway on a fresh database in the state the <paramref name="migrations"/> leave, as if applied at
    /// <paramref name="installed"/> (now unless told); copied from this process's template (<see cref="DatabaseTemplate"/>).
    /// </summary>
    public static async Task<EmbeddedGateway> OpenMigratedAsync(
        string owner, IReadOnlyList<Migration> migrations, DateTimeOffset? installed = null, IReadOnlySet<string>? viewSources = null)
    {
        var gateway = await OpenAsync(owner, viewSources);
        await DatabaseTemplate.CopyAsync(gateway, migrations, installed);
        return gateway;
    }
}
