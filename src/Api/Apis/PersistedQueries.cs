using System.Security.Cryptography;
using System.Text;
using GraphQL;

namespace Analytics.Api.Apis;

/// <summary>
/// Automatic persisted queries as Apollo's clients (and urql's persisted exchange) send them: a request's
/// <c>extensions.persistedQuery</c> is <c>{"version": 1, "sha256Hash": "&lt;hex&gt;"}</c>. A hash alone runs the document
/// registered under it, or answers <c>PersistedQueryNotFound</c> so the client sends the query with its hash; the two
/// together are checked and registered (<see cref="PersistedQueryStore"/>).
/// </summary>
public static class PersistedQueries
{
    /// <summary>The message and code clients look for to send the query again (Apollo's names).</summary>
    public const string NotFoundMessage = "PersistedQueryNotFound";

    public const string NotFoundCode = "PERSISTED_QUERY_NOT_FOUND";

    /// <summary>The document to run, or the error to answer with; requests without the extension pass through unchanged.</summary>
    public static (string? Query, ExecutionError? Error) Resolve(string? query, Inputs? extensions, PersistedQueryStore store)
    {
        if (extensions?.TryGetValue("persistedQuery", out var value) != true)
        {
            return (query, null);
        }

        if (value is not IReadOnlyDictionary<string, object?> persisted
            || !persisted.TryGetValue("sha256Hash", out var hashValue) || hashValue is not string hash)
        {
            return (null, BadRequest("'extensions.persistedQuery' needs a 'sha256Hash' string."));
        }

        if (!persisted.TryGetValue("version", out var version) || Convert.ToString(version, System.Globalization.CultureInfo.InvariantCulture) != "1")
        {
            return (null, BadRequest("Only version 1 of automatic persisted queries is supported."));
        }

        hash = hash.ToLowerInvariant();
        if (string.IsNullOrWhiteSpace(query))
        {
            return store.Find(hash) is { } known
                ? (known, null)
                : (null, new ExecutionError(NotFoundMessage) { Code = NotFoundCode });
        }

        if (Sha256(query) != hash)
        {
            return (null, BadRequest("The query's SHA-256 is not 'extensions.persistedQuery.sha256Hash' (provided sha does not match query)."));
        }

        store.Add(hash, query);
        return (query, null);
    }

    private static string Sha256(string query) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)));

    private static ExecutionError BadRequest(string message) => new(message) { Code = "BAD_REQUEST" };
}
