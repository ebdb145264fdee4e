using Analytics.Metrics.Common;

namespace Analytics.Metrics.Opportunities;

/// <summary>The opportunities created in a window, optionally only of a target list's accounts; the <paramref name="First"/> largest listed.</summary>
public sealed record NewOpportunitiesRequest(DateWindow Window, string? TargetList = null, int First = 10);

/// <summary>An opportunity as it stands now, with its account's name and owner (null when the account is unknown).</summary>
public sealed record NewOpportunity(
    string OpportunityId, string AccountId, string? AccountName, string? Owner, DateTime CreatedAt, string Status,
    string? Stage, decimal? Amount, string? Type);

/// <summary>How many opportunities the window created and their total amount (null when none has an amount), with the largest.</summary>
public sealed record NewOpportunities(long TotalCount, decimal? TotalAmount, IReadOnlyList<NewOpportunity> Opportunities);

/// <summary>New pipeline: opportunities created in the window, largest amount first.</summary>
/// <remarks>
/// Query intuition: opportunities FINAL (their current version) created in [from, to), on the list when one is given;
/// one query counts and sums them all, another lists the largest (amount descending, unknown amounts last, then the
/// oldest, then by id) with the account's name and owner joined from accounts FINAL.
/// </remarks>
public sealed class NewOpportunitiesQuery(IClickHouseGateway gateway)
{
    public const int MaxFirst = 100;

    private const string Created = """
        FROM opportunities AS o FINAL
        WHERE o.created_at >= {from_time:DateTime64(3, 'UTC')} AND o.created_at < {to_time:DateTime64(3, 'UTC')}
          AND (NOT {has_list:Bool} OR o.account_id IN (
              SELECT account_id FROM target_list_members FINAL WHERE list = {list:String} AND removed_at IS NULL))
        """;

    private const string TotalsSql = $"SELECT count() AS total, sum(o.amount) AS amount, countIf(o.amount IS NOT NULL) AS with_amount {Created}";

    private const string ListSql = $$"""
        SELECT o.opportunity_id AS opportunity_id, o.account_id AS account_id, a.name AS account_name, a.owner AS owner,
               o.created_at AS created_at, o.status AS status, o.stage AS stage, o.amount AS amount, o.type AS type
        FROM (SELECT o.* {{Created}}) AS o
        LEFT JOIN (SELECT account_id, name, owner FROM accounts FINAL) AS a ON a.account_id = o.account_id
        ORDER BY o.amount DESC NULLS LAST, o.created_at, o.opportunity_id
        LIMIT {first:UInt32}
        """;

    public async Task<NewOpportunities> RunAsync(NewOpportunitiesRequest request, CancellationToken cancellationToken)
    {
        if (request.First is < 0 or > MaxFirst)
        {
            throw new MetricArgumentException($"Between 0 and {MaxFirst} opportunities can be listed; {request.First} were asked.");
        }

        await TargetListArgument.EnsureExistsAsync(gateway, request.TargetList, cancellationToken);
        var parameters = request.Window.ToParameters()
            .Add("has_list", request.TargetList is not null).Add("list", request.TargetList ?? "").Add("first", (uint)request.First);
        var totals = (await gateway.ListAsync(TotalsSql, parameters,
            r => (Count: (long)r.Get<ulong>("total"), Amount: r.Get<ulong>("with_amount") > 0 ? r.Get<decimal?>("amount") : null), cancellationToken))[0];
        var list = await gateway.ListAsync(ListSql, parameters, r => new NewOpportunity(
            r.Get<string>("opportunity_id"), r.Get<string>("account_id"), r.Key("account_name"), r.Key("owner"),
            r.Get<DateTime>("created_at"), r.Get<string>("status"), r.Get<string?>("stage"), r.Get<decimal?>("amount"), r.Get<string?>("type")),
            cancellationToken);
        return new NewOpportunities(totals.Count, totals.Amount, list);
    }
}
