using Analytics.Storage.Embedded;
using Analytics.Storage.Server;
using Microsoft.Extensions.Logging;

namespace Analytics.Storage;

/// <summary>Opens the gateway that <see cref="StorageOptions"/> asks for, checking each setting so a bad one fails fast and clearly.</summary>
public static class GatewayFactory
{
    public const string LibraryFileName = "libchdb.so";
    public const string SetupCommand = "./scripts/setup.sh";

    /// <summary>Opens the configured backend; <paramref name="viewSources"/> are the tables views read from (<see cref="EmbeddedGateway.OpenAsync"/>).</summary>
    public static async Task<IClickHouseGateway> OpenAsync(
        StorageOptions options, ILoggerFactory loggers, CancellationToken cancellationToken, IReadOnlySet<string>? viewSources = null)
    {
        return options.ResolveBackend() switch
        {
            StorageBackend.Server => await OpenServerAsync(options, loggers, cancellationToken),
            _ => await OpenEmbeddedAsync(options, viewSources),
        };
    }

    private static async Task<IClickHouseGateway> OpenEmbeddedAsync(StorageOptions options, IReadOnlySet<string>? viewSources)
    {
        var library = FindLibrary(options.ChdbLibrary);
        var dataPath = System.IO.Path.GetFullPath(options.Path);
        EnsureWritable(dataPath);
        try
        {
            return await EmbeddedGateway.OpenAsync(library, dataPath, options.Database, options.EmbeddedConnections, viewSources);
        }
        catch (DllNotFoundException e)
        {
            throw new StorageConfigurationException("Storage:ChdbLibrary", $"'{library}' could not be loaded ({e.Message}); run {SetupCommand} to reinstall it.", e);
        }
        catch (ClickHouseException e)
        {
            throw new StorageConfigurationException("Storage:Path", $"the embedded engine could not open '{dataPath}': {e.Message}", e);
        }
    }

    private static async Task<IClickHouseGateway> OpenServerAsync(StorageOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ServerGateway gateway;
        try
        {
            gateway = new ServerGateway(options.ClickHouse!, options.Database, loggers.CreateLogger<ServerGateway>(), options.ServerRetries);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new StorageConfigurationException("Storage:ClickHouse", $"not a valid connection string ({e.Message}).", e);
        }

        try
        {
            var onCluster = new Schema.SchemaDialect(options.Database, options.Cluster).OnCluster;
            await gateway.EnsureDatabaseAsync(onCluster, cancellationToken);
            return gateway;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or ClickHouseException)
        {
            await gateway.DisposeAsync();
            var reason = e is ClickHouseException ? e.Message : (e.InnerException ?? e).Message;
            throw new StorageConfigurationException("Storage:ClickHouse", $"cannot reach ClickHouse at {gateway.Endpoint}: {reason}", e);
        }
    }

    /// <summary>The configured library, or the one the setup script installed beside the program or in a folder above it.</summary>
    public static string FindLibrary(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? System.IO.Path.GetFullPath(configured)
                : throw new StorageConfigurationException("Storage:ChdbLibrary", $"{LibraryFileName} not found at '{configured}'; run {SetupCommand} to install it.");
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory }.Distinct())
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, ".cache", "chdb", LibraryFileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }

            }
        }

        throw new StorageConfigurationException("Storage:ChdbLibrary",
            $"{LibraryFileName} not found in .cache/chdb of the program's folder or any folder above it; run {SetupCommand} to install it.");
    }

    private static void EnsureWritable(string dataPath)
    {
        try
        {
            Directory.CreateDirectory(dataPath);
            var probe = System.IO.Path.Combine(dataPath, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageConfigurationException("Storage:Path", $"the data folder '{dataPath}' is not writable ({e.Message}).", e);
        }
    }
}
