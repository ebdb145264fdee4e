using Analytics.Metrics.Common;

namespace Analytics.Metrics.Themes;

/// <summary>The comments of a window and their topics, counted per group in the engine (<see cref="CommentTopicTables"/>).</summary>
public sealed record CommentTotals(string? Group, long Comments, long Positive, long Neutral, long Negative, long WithoutSentiment);

/// <summary>
/// One of the most mentioned topics of a group: its key, the comments mentioning it, their sentiment, the NPS answers
/// among them, and how often each form of it is written (which names it: <see cref="TopicMentions.Name"/>).
/// </summary>
public sealed record RankedTopic(
    string? Group, string Key, long Comments, long Positive, long Neutral, long Negative, long NpsAnswers, long Promoters, long Detractors,
    IReadOnlyDictionary<string, long> Surfaces, IReadOnlyList<AnswerKey> Newest)
{
    public string Name => TopicMentions.Name(Surfaces);

    /// <summary>The NPS of those who mention it; null when none of them answered the NPS survey.</summary>
    public double? NpsOfMentioners => NpsAnswers == 0 ? null : 100.0 * (Promoters - Detractors) / NpsAnswers;
}

/// <summary>An answer by its key in <see cref="CommentTopicTables.CommentTopics"/>.</summary>
public sealed record AnswerKey(string Survey, string ResponseId);

/// <summary>
/// The statements the themes and comments queries share: the window's non-empty comments (the current analysis of
/// each answer, FINAL, of one survey or all), with a group key that may be an account attribute (<c>a.industry</c>).
/// </summary>
public static class CommentTopicSql
{
    /// <summary>The group key of no grouping.</summary>
    public const string NoGroup = "CAST(NULL, 'Nullable(String)')";

    public static QueryParameters Parameters(DateWindow window, string? survey) => window.ToParameters().Add("survey", survey ?? "");

    public static Task<List<CommentTotals>> TotalsAsync(IClickHouseGateway gateway, string groupKey, QueryParameters parameters, CancellationToken cancellationToken) =>
        gateway.ListAsync($"""
            WITH answers AS ({Answers(groupKey)})
            SELECT group_key, count() AS comments, countIf(sentiment = 1) AS positive, countIf(sentiment = 0) AS neutral,
                   countIf(sentiment = -1) AS negative, countIf(sentiment IS NULL) AS without_sentiment
            FROM answers
            GROUP BY group_key
            """,
            parameters,
            r => new CommentTotals(r.Key("group_key"), (long)r.Get<ulong>("comments"), (long)r.Get<ulong>("positive"), (long)r.Get<ulong>("neutral"),
                (long)r.Get<ulong>("negative"), (long)r.Get<ulong>("without_sentiment")),
            cancellationToken);

    /// <summary>
    /// The <paramref name="first"/> most mentioned topics of each group, with those tied with the last, and the
    /// <paramref name="newest"/> answers mentioning each (newest first, then by response id).
    /// </summary>
    public static Task<List<RankedTopic>> TopicsAsync(
        IClickHouseGateway gateway, string groupKey, QueryParameters parameters, int first, int newest, CancellationToken cancellationToken) =>
        gateway.ListAsync($"""
            WITH answers AS ({Answers(groupKey)})
            SELECT * FROM (
                SELECT group_key, key, sum(n) AS comments, sum(positive) AS positive, sum(neutral) AS neutral, sum(negative) AS negative,
                       sum(nps) AS nps, sum(promoters) AS promoters, sum(detractors) AS detractors, groupArray((surface, n)) AS surfaces,
                       arraySlice(arraySort(arrayFlatten(groupArray(newest))), 1, {"{newest:UInt32}"}) AS newest,
                       rank() OVER (PARTITION BY group_key ORDER BY comments DESC) AS place
                FROM (
                    SELECT group_key, key, surface, count() AS n,
                           countIf(sentiment = 1) AS positive, countIf(sentiment = 0) AS neutral, countIf(sentiment = -1) AS negative,
                           countIf(survey = 'nps') AS nps, countIf(survey = 'nps' AND score >= 9) AS promoters,
                           countIf(survey = 'nps' AND score <= 6) AS detractors,
                           -- The answers' keys only, not their texts: sorting tuples of texts costs more than fetching 10 by key.
                           {(newest == 0 ? "CAST([], 'Array(Tuple(Int64, String, String))')" : "groupArraySorted({newest:UInt32})((-toUnixTimestamp64Milli(responded_at), response_id, survey))")} AS newest
                    FROM answers ARRAY JOIN topic_keys AS key, topic_surfaces AS surface
                    GROUP BY group_key, key, surface)
                GROUP BY group_key, key)
            WHERE place <= {"{first:UInt32}"}
            """,
            parameters.Add("first", (uint)first).Add("newest", (uint)newest),
            r => new RankedTopic(
                r.Key("group_key"), r.Get<string>("key"), (long)r.Get<ulong>("comments"), (long)r.Get<ulong>("positive"), (long)r.Get<ulong>("neutral"),
                (long)r.Get<ulong>("negative"), (long)r.Get<ulong>("nps"), (long)r.Get<ulong>("promoters"), (long)r.Get<ulong>("detractors"),
                r.Get<object[]>("surfaces").Cast<object[]>().ToDictionary(s => (string)s[0], s => (long)(ulong)s[1], StringComparer.Ordinal),
                [.. r.Get<object[]>("newest").Cast<object[]>().Select(a => new AnswerKey((string)a[2], (string)a[1]))]),
            cancellationToken);

    /// <summary>The comments of <paramref name="answers"/>.</summary>
    public static async Task<Dictionary<AnswerKey, string>> CommentsAsync(
        IClickHouseGateway gateway, IReadOnlyCollection<AnswerKey> answers, CancellationToken cancellationToken) =>
        (await gateway.ListAsync($"""
            SELECT survey, response_id, comment FROM {CommentTopicTables.CommentTopics.Name} FINAL
            WHERE response_id IN {"{ids:Array(String)}"}
            """,
            new QueryParameters().Add("ids", answers.Select(a => a.ResponseId).Distinct().ToArray()),
            r => (Key: new AnswerKey(r.Get<string>("survey"), r.Get<string>("response_id")), Comment: r.Get<string>("comment")), cancellationToken))
        .Where(c => answers.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Comment);

    /// <summary>Ranked topics in the order lists show them: most comments first, then by name.</summary>
    public static IEnumerable<RankedTopic> InListOrder(IEnumerable<RankedTopic> topics, int first) =>
        topics.OrderByDescending(t => t.Comments).ThenBy(t => t.Name, StringComparer.Ordinal).Take(first);

    private static string Answers(string groupKey) => $"""
        SELECT {groupKey} AS group_key, t.survey AS survey, t.response_id AS response_id, t.responded_at AS responded_at, t.score AS score,
               t.comment AS comment, t.sentiment AS sentiment, t.topic_keys AS topic_keys, t.topic_surfaces AS topic_surfaces
        FROM {CommentTopicTables.CommentTopics.Name} AS t FINAL
        {(groupKey.Contains("a.", StringComparison.Ordinal) ? "LEFT JOIN (SELECT account_id, industry, tier FROM accounts FINAL) AS a ON a.account_id = t.account_id" : "")}
        WHERE ({"{survey:String}"} = '' OR t.survey = {"{survey:String}"}) AND t.comment != ''
          AND t.responded_at >= {"{from_time:DateTime64(3, 'UTC')}"} AND t.responded_at < {"{to_time:DateTime64(3, 'UTC')}"}
        """;
}
