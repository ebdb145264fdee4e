using Analytics.Metrics.Common;

namespace Analytics.Metrics.Themes;

/// <summary>Topics of the comments of one or every survey in a window; the <paramref name="First"/> most mentioned.</summary>
public sealed record ThemesRequest(DateWindow Window, string? Survey = null, int First = 20);

/// <summary>
/// A topic of the comments: its name, the comments that mention it, their share of all comments, their sentiment
/// (a comment without sentiment counts in none), the NPS of the NPS answers among them, and some of them verbatim.
/// </summary>
public sealed record ThemeFigures(
    string Name, long Comments, double Share, long Positive, long Neutral, long Negative, double? NpsOfMentioners, IReadOnlyList<string> Examples);

/// <summary>
/// Themes: the topics survey comments talk about, with the comments' sentiment and the NPS of those who mention them.
/// Topics are ranked by the comments that mention them, then by name; a topic is named by its most written form
/// (<see cref="TopicMentions.Name"/>).
/// </summary>
/// <remarks>
/// Query intuition: the text analysis is done once per answer in the background (<see cref="CommentTopicIndex"/>), so
/// the query only counts each answer's topic keys in the engine, per key and written form (<see cref="CommentTopicSql"/>),
/// and keeps the most mentioned keys with their ties, so the names can break them, with the keys of their newest answers,
/// whose comments are then fetched by key. What was stored since the index's last round is analysed first
/// (<see cref="CommentTopicIndex.EnsureCurrentAsync"/>), so an answer is in the themes as soon as it is stored.
/// </remarks>
public sealed class ThemesQuery(IClickHouseGateway gateway, CommentTopicIndex index)
{
    public const int MaxFirst = 100;

    /// <summary>The most examples a theme keeps.</summary>
    public const int MaxExamples = 10;

    public async Task<IReadOnlyList<ThemeFigures>> RunAsync(ThemesRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        await index.EnsureCurrentAsync(cancellationToken);
        var parameters = CommentTopicSql.Parameters(request.Window, request.Survey);
        var topics = await CommentTopicSql.TopicsAsync(gateway, CommentTopicSql.NoGroup, parameters, request.First, MaxExamples, cancellationToken);
        if (topics.Count == 0)
        {
            return [];
        }

        var comments = (await CommentTopicSql.TotalsAsync(gateway, CommentTopicSql.NoGroup, parameters, cancellationToken)).Single().Comments;
        var listed = CommentTopicSql.InListOrder(topics, request.First).ToList();
        var examples = await CommentTopicSql.CommentsAsync(gateway, listed.SelectMany(t => t.Newest).ToHashSet(), cancellationToken);
        return [.. listed.Select(t => new ThemeFigures(
            t.Name, t.Comments, (double)t.Comments / comments, t.Positive, t.Neutral, t.Negative, t.NpsOfMentioners,
            [.. t.Newest.Select(examples.GetValueOrDefault).OfType<string>()]))];
    }
    private static void Validate(ThemesRequest request)
    {
        if (request.Survey is not (null or "nps" or "csat"))
        {
            throw new MetricArgumentException($"Unknown survey '{request.Survey}'; it is nps or csat, or absent for both.");
        }

        if (request.First is < 1 or > MaxFirst)
        {
            throw new MetricArgumentException($"Between 1 and {MaxFirst} themes can be listed; {request.First} were asked.");
        }
    }
}
