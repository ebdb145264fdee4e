using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Net.Http.Headers;

namespace Analytics.Api.Apis;

/// <summary>
/// Reads a GraphQL request the ways GraphQL over HTTP allows: a GET's URL parameters (<c>query</c>, <c>variables</c>,
/// <c>operationName</c>, <c>extensions</c>, the last two as JSON), a POST's JSON body, or a POST's
/// <c>application/graphql</c> body, which is the document itself (its variables, if any, in the URL as for a GET).
/// </summary>
internal static class GraphQLHttpRequests
{
    public const string GraphQLMediaType = "application/graphql";

    /// <summary>The request, or the message saying why it cannot be read (the caller answers 400).</summary>
    public static async Task<(GraphQLRequest? Request, string? Error)> ReadAsync(HttpContext http, IGraphQLTextSerializer serializer)
    {
        var fromUrl = HttpMethods.IsGet(http.Request.Method) || IsGraphQLBody(http.Request);
        try
        {
            if (HttpMethods.IsGet(http.Request.Method))
            {
                return (FromUrl(http.Request.Query, serializer, query: http.Request.Query["query"]), null);
            }

            if (IsGraphQLBody(http.Request))
            {
                using var reader = new StreamReader(http.Request.Body);
                return (FromUrl(http.Request.Query, serializer, query: await reader.ReadToEndAsync(http.RequestAborted)), null);
            }

            return (await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, http.RequestAborted), null);
        }
        catch (JsonException e)
        {
            return (null, (fromUrl ? "The URL parameters 'variables' and 'extensions' must be JSON objects: " : "The body is not a GraphQL request in JSON: ") + e.Message);
        }
    }

    private static GraphQLRequest FromUrl(IQueryCollection url, IGraphQLTextSerializer serializer, string? query) => new()
    {
        Query = string.IsNullOrEmpty(query) ? null : query,
        OperationName = url["operationName"] is { Count: > 0 } name && !string.IsNullOrEmpty(name) ? name.ToString() : null,
        Variables = Json(url["variables"], serializer),
        Extensions = Json(url["extensions"], serializer),
    };

    private static Inputs? Json(string? text, IGraphQLTextSerializer serializer) =>
        string.IsNullOrWhiteSpace(text) ? null : serializer.Deserialize<Inputs>(text);

    private static bool IsGraphQLBody(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals(GraphQLMediaType, StringComparison.OrdinalIgnoreCase);
}
