using System.Globalization;
using System.Text.Json;
using Analytics.Api.GraphQL;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Apis;

public static class GraphQLApi
{
    /// <summary>
    /// <c>POST /graphql</c> (viewer, sales or admin key): runs <c>{"query", "variables", "operationName"}</c> with the
    /// configured depth, complexity and time limits; fields that need more than the viewer role are checked per field.
    /// </summary>
    public static RouteGroupBuilder MapGraphQLApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/graphql").RequireAuthorization(Auth.Roles.Viewer).RequireRateLimiting(GraphQLServiceCollectionExtensions.InFlightPolicy);
        group.MapPost("", ExecuteAsync);
        return group;
    }

    private static async Task ExecuteAsync(
        HttpContext http, IDocumentExecuter<ISchema> executer, IGraphQLSerializer serializer, IOptions<GraphQLOptions> options)
    {
        GraphQLRequest? request;
        try
        {
            request = await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, http.RequestAborted);
        }
        catch (JsonException e)
        {
            await WriteAsync(http, serializer, 400, new ExecutionResult { Errors = [new ExecutionError("The body is not a GraphQL request in JSON: " + e.Message) { Code = "BAD_REQUEST" }] });
            return;
        }

        if (string.IsNullOrWhiteSpace(request?.Query))
        {
            await WriteAsync(http, serializer, 400, new ExecutionResult { Errors = [new ExecutionError("The request has no 'query'.") { Code = "BAD_REQUEST" }] });
            return;
        }

        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            Variables = request.Variables,
            OperationName = request.OperationName,
            Extensions = request.Extensions,
            RequestServices = http.RequestServices,
            User = http.User,
            CancellationToken = http.RequestAborted,
            Timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds),
            TimeoutAction = TimeoutAction.ReturnTimeoutError,
        });

        // A document that never ran (syntax, validation, limits, roles) is the client's mistake: 400, as GraphQL servers
        // answer. Running out of time is not (the same query may pass on a quieter server), so it stays 200 with TIMEOUT.
        // A key over its budget gets 429 and when to come back.
        if (result.Errors?.OfType<KeyBudgets.OverBudgetError>().FirstOrDefault() is { } overBudget)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(overBudget.RetryAfter.TotalSeconds)).ToString("0", CultureInfo.InvariantCulture);
            await WriteAsync(http, serializer, StatusCodes.Status429TooManyRequests, result);
            return;
        }

        await WriteAsync(http, serializer, result.Executed || TimedOut(result) ? 200 : 400, result);
    }

    private static bool TimedOut(ExecutionResult result) =>
        result.Errors is { Count: > 0 } errors && errors.All(e => e is TimeoutError);

    private static async Task WriteAsync(HttpContext http, IGraphQLSerializer serializer, int status, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
