using System.Net;

namespace Analytics.Demo;

/// <summary>The server refused part of the demo data: which endpoint, what status, and what it said.</summary>
public sealed class DemoLoadException(string endpoint, HttpStatusCode status, string responseBody, string? reason = null)
    : Exception($"POST {endpoint} answered {(int)status} {status}{(reason is null ? "" : $" ({reason})")}: {responseBody}")
{
    public string Endpoint { get; } = endpoint;

    public HttpStatusCode StatusCode { get; } = status;

    public string ResponseBody { get; } = responseBody;
}
