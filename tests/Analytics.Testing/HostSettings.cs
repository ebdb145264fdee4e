using System.Security.Cryptography;
using System.Text;

namespace Analytics.Testing;

/// <summary>Settings for a server under test: its own data folder, and one key per role.</summary>
public static class HostSettings
{
    public const string AdminKey = "admin-key-for-tests";
    public const string ViewerKey = "viewer-key-for-tests";
    public const string SalesKey = "sales-key-for-tests";
    public const string IngestKey = "ingest-key-for-tests";

    /// <summary>
    /// A new data folder for a server, already migrated (a copy of <see cref="DataFolderTemplate"/>), deleted with the
    /// test process's <see cref="TestFolders"/>.
    /// </summary>
    public static string NewDataFolder()
    {
        var folder = TestFolders.NewPath("host");
        DataFolderTemplate.CopyTo(folder);
        return folder;
    }

    /// <summary>A new, empty data folder, for tests of a server's very first start.</summary>
    public static string NewEmptyDataFolder() => Directory.CreateDirectory(TestFolders.NewPath("host")).FullName;

    public static Dictionary<string, string> Embedded(string dataFolder) => new()
    {
        ["Storage:Path"] = dataFolder,
        ["Storage:ChdbLibrary"] = TestEngine.LibraryPath,
        ["Demo:Load"] = "false",
        // A fresh database has every schedule's last run missing; tests of the catch-up turn it on themselves, the rest
        // should not render a weekly report beside what they measure.
        ["Reports:CatchUp"] = "false",
        ["Ingestion:WriterBatchDelayMs"] = "50",
        // Many servers run side by side in the suite (StorageOptions.KeepThreadsForRequests); the benchmarks turn it on.
        ["Storage:KeepThreadsForRequests"] = "false",
        ["Auth:Keys:0:Name"] = "tests-admin",
        ["Auth:Keys:0:Sha256"] = Sha256(AdminKey),
        ["Auth:Keys:0:Roles:0"] = "admin",
        ["Auth:Keys:1:Name"] = "tests-viewer",
        ["Auth:Keys:1:Sha256"] = Sha256(ViewerKey),
        ["Auth:Keys:1:Roles:0"] = "viewer",
        ["Auth:Keys:2:Name"] = "tests-ingest",
        ["Auth:Keys:2:Sha256"] = Sha256(IngestKey),
        ["Auth:Keys:2:Roles:0"] = "ingest",
        ["Auth:Keys:3:Name"] = "tests-sales",
        ["Auth:Keys:3:Sha256"] = Sha256(SalesKey),
        ["Auth:Keys:3:Roles:0"] = "sales",
    };

    /// <summary>
    /// For a server in the test process (<see cref="InProcessHost{TEntryPoint}"/>): this process's engine and a database
    /// of its own named after <paramref name="owner"/>, a spool and an outbox of its own.
    /// </summary>
    public static Dictionary<string, string> InProcess(string owner)
    {
        var settings = Embedded(TestEngine.DataPath);
        settings["Storage:Database"] = TestEngine.UniqueDatabase(owner);
        settings["Ingestion:Spool:Path"] = TestFolders.NewPath("spool");
        settings["Reports:OutboxPath"] = TestFolders.NewPath("outbox");
        return settings;
    }

    public static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
