using Analytics.Storage.Embedded;

namespace Analytics.Reports.Tests.Support;

/// <summary>
/// Keeps one connection to this process's engine open for the whole test run. TRICKY: chDB may fail to open its data
/// folder again once every connection to it has closed, which happens between two hosts started one after another.
/// </summary>
internal static class EngineKeepAlive
{
    private static readonly Lazy<EmbeddedGateway> Connection = new(() =>
        TestEngine.OpenAsync("keepalive").GetAwaiter().GetResult(), LazyThreadSafetyMode.ExecutionAndPublication);

    public static void Ensure() => _ = Connection.Value;
}
