using Analytics.Metrics.Common;

namespace Analytics.Metrics.Accounts;

/// <summary>An account's intent for one topic: the score of the latest week known, and that week (its Monday).</summary>
public sealed record AccountIntentTopic(string Topic, int Score, DateOnly Week);

/// <summary>An account's third-party intent: each topic with its latest week's score before a day, strongest first.</summary>
/// <remarks>
/// Query intuition: the account's rows of <c>account_intent</c> (sorted by account, so a short read) with a week before
/// the day, grouped by the topic in lower case (topics match in any case); of each, the latest week's score and spelling.
/// TRICKY: the results are not aliased as the columns are: the engine would read the WHERE's <c>week</c> as the aggregate.
/// </remarks>
public sealed class AccountIntentQuery(IClickHouseGateway gateway)
{
    private const string Sql = """
        SELECT argMax(topic, (week, updated_at)) AS latest_topic, argMax(score, (week, updated_at)) AS latest_score, max(week) AS latest_week
        FROM account_intent FINAL
        WHERE account_id = {id:String} AND week < {before:Date}
        GROUP BY lower(topic)
        ORDER BY latest_score DESC, latest_topic
        """;

    /// <summary>The topics of <paramref name="accountId"/> with a week before <paramref name="before"/>; empty when none.</summary>
    public Task<List<AccountIntentTopic>> RunAsync(string accountId, DateOnly before, CancellationToken cancellationToken) =>
        gateway.ListAsync(Sql, new QueryParameters().Add("id", accountId).Add("before", before),
            r => new AccountIntentTopic(r.Get<string>("latest_topic"), r.Get<byte>("latest_score"), r.Get<DateOnly>("latest_week")), cancellationToken);
}
