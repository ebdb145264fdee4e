using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingestion.Tests.Demo;

/// <summary>One request as it arrived over HTTP.</summary>
public sealed record RecordedRequest(string Path, string? ContentType, string? Authorization, byte[] Body);

/// <summary>
/// A real Kestrel host on 127.0.0.1 with an ephemeral port that records every POST to the ingestion paths and answers
/// as docs/contract.md says, unless the test scripts another answer for a request.
/// </summary>
public sealed class RecordingServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RecordingServer(WebApplication app) => _app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>When set and returning a result, that result answers the request instead of the contract's answer.</summary>
    public Func<RecordedRequest, int, IResult?>? Override { get; set; }

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<RecordingServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new RecordingServer(app);
        app.MapPost("/v1/import/{kind}", (HttpContext http) => server.HandleAsync(http, ImportAnswer));
        app.MapPost("/v1/batch", (HttpContext http) => server.HandleAsync(http, BatchAnswer));
        app.MapPost("/v1/webhooks/sendgrid", (HttpContext http) => server.HandleAsync(http, SendGridAnswer));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http, Func<byte[], IResult> answer)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        var request = new RecordedRequest(
            http.Request.Path.Value!, http.Request.ContentType, http.Request.Headers.Authorization.ToString(), body.ToArray());
        int seen;
        lock (Requests)
        {
            Requests.Enqueue(request);
            seen = Requests.Count(r => r.Path == request.Path);
        }

        var result = Override?.Invoke(request, seen) ?? answer(request.Body);
        await result.ExecuteAsync(http);
    }

    private static IResult ImportAnswer(byte[] body)
    {
        var rows = Encoding.UTF8.GetString(body).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1;
        return Results.Json(new { accepted = rows, rejected = 0, errors = Array.Empty<object>() });
    }

    private static IResult BatchAnswer(byte[] body)
    {
        var count = JsonDocument.Parse(body).RootElement.GetProperty("batch").GetArrayLength();
        return Results.Json(new { success = true, accepted = count, rejected = Array.Empty<object>() });
    }

    private static IResult SendGridAnswer(byte[] body) =>
        Results.Json(new { accepted = JsonDocument.Parse(body).RootElement.GetArrayLength() });
}
