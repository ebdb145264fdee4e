using System.Globalization;
using Analytics.Api.Auth;
using Analytics.Api.GraphQL;
using Analytics.Storage.Fairness;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Apis;

public static class GraphQLApi
{
    /// <summary>
    /// <c>/graphql</c> (viewer, sales or admin key), GraphQL over HTTP as tools send it: <c>POST</c> with a JSON body or
    /// an <c>application/graphql</c> one, <c>GET</c> with URL parameters for queries (a mutation by GET gets 405),
    /// automatic persisted queries (<see cref="PersistedQueries"/>), and CORS for the configured origins
    /// (<see cref="GraphQLCors"/>). Every document runs within the configured depth, work, introspection and time limits;
    /// fields that need more than the viewer role are checked per field. A browser asking for HTML gets GraphiQL
    /// instead (<see cref="GraphiQLPage"/>).
    /// </summary>
    public static RouteGroupBuilder MapGraphQLApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/graphql").RequireAuthorization(Auth.Roles.Viewer)
            .RequireRateLimiting(GraphQLServiceCollectionExtensions.InFlightPolicy).RequireCors(GraphQLCors.Policy);
        group.MapPost("", ExecuteAsync);
        group.MapGet("", ExecuteAsync);
        return group;
    }

    private static async Task ExecuteAsync(
        HttpContext http, IDocumentExecuter<ISchema> executer, IGraphQLTextSerializer serializer, PersistedQueryStore persisted, IOptions<GraphQLOptions> options)
    {
        var byGet = HttpMethods.IsGet(http.Request.Method);
        if (byGet)
        {
            // Answers name accounts and are the key's to see: no shared cache may keep one.
            http.Response.Headers.CacheControl = "no-store";
        }

        var (request, unreadable) = await GraphQLHttpRequests.ReadAsync(http, serializer);
        if (request is null)
        {
            await WriteAsync(http, serializer, 400, Failure(unreadable ?? "The request is empty.", "BAD_REQUEST"));
            return;
        }

        var (query, refusal) = PersistedQueries.Resolve(request.Query, request.Extensions, persisted);
        if (refusal is not null)
        {
            // Not found is what a client expects before it sends the query: 200, as Apollo's servers answer it.
            await WriteAsync(http, serializer, refusal.Code == PersistedQueries.NotFoundCode ? 200 : 400, new ExecutionResult { Errors = [refusal] });
            return;
        }

        if (string.IsNullOrWhiteSpace(query))
        {
            await WriteAsync(http, serializer, 400, Failure("The request has no 'query'.", "BAD_REQUEST"));
            return;
        }

        // Every statement the document starts runs in the key's fair share of the engine and is charged to it.
        using var work = ApiKeyAuthenticationHandler.KeyIdOf(http.User) is { } key ? EngineWork.For(key) : default;
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = query,
            Variables = request.Variables,
            OperationName = request.OperationName,
            Extensions = request.Extensions,
            RequestServices = http.RequestServices,
            User = http.User,
            CancellationToken = http.RequestAborted,
            Timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds),
            TimeoutAction = TimeoutAction.ReturnTimeoutError,
            // The configured rules (limits, roles) are added to these as the document runs.
            ValidationRules = byGet ? DocumentValidator.CoreRules.Append(QueriesOnlyByGetRule.Instance) : null,
        });

        await WriteAsync(http, serializer, StatusOf(http, result), result);
    }

    // A document that never ran (syntax, validation, limits, roles) is the client's mistake: 400, as GraphQL servers
    // answer. Running out of time is not (the same query may pass on a quieter server), so it stays 200 with TIMEOUT.
    // A key over its budget gets 429 and when to come back; a mutation by GET, 405 and the method to use.
    private static int StatusOf(HttpContext http, ExecutionResult result)
    {
        if (result.Errors?.OfType<KeyBudgets.OverBudgetError>().FirstOrDefault() is { } overBudget)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(overBudget.RetryAfter.TotalSeconds)).ToString("0", CultureInfo.InvariantCulture);
            return StatusCodes.Status429TooManyRequests;
        }

        if (result.Errors?.OfType<QueriesOnlyByGetRule.MutationByGetError>().Any() == true)
        {
            http.Response.Headers.Allow = "POST";
            return StatusCodes.Status405MethodNotAllowed;
        }

        return result.Executed || TimedOut(result) ? 200 : 400;
    }

    private static bool TimedOut(ExecutionResult result) =>
        result.Errors is { Count: > 0 } errors && errors.All(e => e is TimeoutError);

    private static ExecutionResult Failure(string message, string code) =>
        new() { Errors = [new ExecutionError(message) { Code = code }] };

    private static async Task WriteAsync(HttpContext http, IGraphQLSerializer serializer, int status, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
