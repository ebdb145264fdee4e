using System.Security.Cryptography;
using System.Text;

namespace Analytics.Testing;

/// <summary>Settings for a server under test: its own data folder, and one key per role.</summary>
public static class HostSettings
{
    public const string AdminKey = "admin-key-for-tests";
    public const string ViewerKey = "viewer-key-for-tests";
    public const string IngestKey = "ingest-key-for-tests";

    public static string NewDataFolder() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "analytics-tests", $"host-{Guid.NewGuid():N}")).FullName;

    public static Dictionary<string, string> Embedded(string dataFolder) => new()
    {
        ["Storage:Path"] = dataFolder,
        ["Storage:ChdbLibrary"] = TestEngine.LibraryPath,
        ["Demo:Load"] = "false",
        // A fresh database has every schedule's last run missing; tests of the catch-up turn it on themselves, the rest
        // should not render a weekly report beside what they measure.
        ["Reports:CatchUp"] = "false",
        ["Ingestion:WriterBatchDelayMs"] = "50",
        ["Auth:Keys:0:Name"] = "tests-admin",
        ["Auth:Keys:0:Sha256"] = Sha256(AdminKey),
        ["Auth:Keys:0:Roles:0"] = "admin",
        ["Auth:Keys:1:Name"] = "tests-viewer",
        ["Auth:Keys:1:Sha256"] = Sha256(ViewerKey),
        ["Auth:Keys:1:Roles:0"] = "viewer",
        ["Auth:Keys:2:Name"] = "tests-ingest",
        ["Auth:Keys:2:Sha256"] = Sha256(IngestKey),
        ["Auth:Keys:2:Roles:0"] = "ingest",
    };

    public static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
