using Analytics.Storage;
using Analytics.Storage.Server;
using Analytics.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Storage.Tests.Gateway;

/// <summary>A gateway on a database of its own, for one test class.</summary>
public interface IGatewayFixture : IAsyncLifetime
{
    IClickHouseGateway Gateway { get; }
}

/// <summary>The embedded engine, in this process.</summary>
public sealed class EmbeddedGatewayFixture : IGatewayFixture
{
    public IClickHouseGateway Gateway { get; private set; } = null!;

    public async Task InitializeAsync() => Gateway = await TestEngine.OpenAsync(nameof(EmbeddedGatewayFixture));

    public async Task DisposeAsync()
    {
        await Gateway.ExecuteAsync($"DROP DATABASE IF EXISTS {Identifiers.Quote(Gateway.Database)}");
        await Gateway.DisposeAsync();
    }
}

/// <summary>ClickHouse.Driver over HTTP, against ClickHouse's HTTP interface served on loopback by the embedded engine.</summary>
public sealed class ServerGatewayFixture : IGatewayFixture
{
    private ClickHouseHttpServer _server = null!;

    public IClickHouseGateway Gateway { get; private set; } = null!;

    /// <summary>The HTTP interface the gateway talks to, which records what it receives.</summary>
    public ClickHouseHttpServer Server => _server;

    public async Task InitializeAsync()
    {
        _server = await ClickHouseHttpServer.StartAsync();
        var gateway = new ServerGateway(_server.ConnectionString, TestEngine.UniqueDatabase(nameof(ServerGatewayFixture)), NullLogger.Instance);
        await gateway.EnsureDatabaseAsync(onCluster: null, CancellationToken.None);
        Gateway = gateway;
    }

    public async Task DisposeAsync()
    {
        await Gateway.ExecuteAsync($"DROP DATABASE IF EXISTS {Identifiers.Quote(Gateway.Database)}");
        await Gateway.DisposeAsync();
        await _server.DisposeAsync();
    }
}
