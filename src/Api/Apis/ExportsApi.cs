using System.Globalization;
using Analytics.Api.Auth;
using Analytics.Ingestion.Csv;
using Analytics.Metrics;
using Analytics.Metrics.Common;
using Analytics.Metrics.EngagedAccounts;
using Analytics.Metrics.TargetLists;
using Analytics.Storage;
using Analytics.Storage.Fairness;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Apis;

public static class ExportsApi
{
    private static readonly string[] Header =
        ["account_id", "name", "tier", "owner", "score", "surge", "points_this_week", "previous_weekly_mean", "last_activity_at", "open_opportunities"];

    /// <summary>
    /// <c>GET /v1/exports/engaged-accounts.csv?from=&amp;to=&amp;targetList=</c> (sales): every engaged account, highest score
    /// first, as CSV. Optional <c>tier</c>, <c>owner</c>, <c>minScore</c> and <c>first</c> (at most that many rows) narrow
    /// it the way the <c>engagedAccounts</c> query's arguments do, so a dashboard's export holds the rows it shows.
    /// </summary>
    public static RouteGroupBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/exports").RequireAuthorization(Auth.Roles.Sales);
        group.MapGet("/engaged-accounts.csv", EngagedAccountsAsync);
        return group;
    }

    private static async Task<IResult> EngagedAccountsAsync(
        string? from, string? to, string? targetList, string? tier, string? owner, string? minScore, string? first,
        EngagedAccountsQuery query, IOptions<MetricsOptions> options, HttpContext http)
    {
        DateWindow window;
        double? least;
        int? limit;
        try
        {
            window = new DateWindow(ParseDay("from", from), ParseDay("to", to)).Validated(options.Value.MaxWindowDays);
            least = minScore is null ? null : double.TryParse(minScore, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && double.IsFinite(s)
                ? s : throw new MetricArgumentException($"'minScore' must be a finite number; it is '{minScore}'.");
            limit = first is null ? null : int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var f)
                ? f : throw new MetricArgumentException($"'first' must be a whole number of 0 or more; it is '{first}'.");
            await TargetListArgument.EnsureExistsAsync(http.RequestServices.GetRequiredService<IClickHouseGateway>(), Blank(targetList), http.RequestAborted);
        }
        catch (MetricArgumentException e)
        {
            return TypedResults.BadRequest(new { error = e.Message });
        }

        // Streamed page by page: the arguments are checked above, so a failure now is the engine's and cuts the file short.
        var name = $"engaged-accounts-{window.From:yyyy-MM-dd}-{window.To:yyyy-MM-dd}.csv";
        var key = ApiKeyAuthenticationHandler.KeyIdOf(http.User);
        return TypedResults.Stream(async body =>
        {
            // The export's statements run in its key's fair share of the engine, as the key's GraphQL documents do.
            using var work = key is null ? default : EngineWork.For(key);
            await using var csv = CsvRowWriter.ForSpreadsheets(body);
            csv.WriteRow([.. Header]);
            EngagedAccountCursor? after = null;
            EngagedAccountsPage page;
            var left = limit ?? int.MaxValue;
            do
            {
                var size = Math.Min(left, EngagedAccountsQuery.MaxPageSize);
                page = await query.RunAsync(new EngagedAccountsRequest(window, Blank(targetList), Blank(tier), Blank(owner), least, size, after), http.RequestAborted);
                left -= page.Accounts.Count;
                foreach (var a in page.Accounts)
                {
                    csv.WriteRow(a.AccountId, a.Name, a.Tier, a.Owner, a.Score, a.Surge, a.ThisWeek, a.PreviousWeeklyMean,
                        a.LastActivityAt?.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), a.OpenOpportunities);
                }

                await csv.FlushAsync(http.RequestAborted);
                after = page.Accounts.LastOrDefault()?.Cursor;
            }
            while (page.HasNextPage && left > 0);
        }, "text/csv; charset=utf-8", name);
    }

    private static DateOnly ParseDay(string name, string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new MetricArgumentException($"'{name}' must be a date as YYYY-MM-DD; it is '{text}'.");

    // An empty parameter (a cleared filter in the web UI) means no filter.
    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
