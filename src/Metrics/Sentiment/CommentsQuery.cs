using Analytics.Metrics.Common;
using Analytics.Metrics.Surveys;
using Analytics.Metrics.Themes;

namespace Analytics.Metrics.Sentiment;

/// <summary>Comments of one or every survey in a window, optionally grouped, with how many themes to list per group.</summary>
public sealed record CommentsRequest(DateWindow Window, string? Survey = null, SurveyGroupBy? GroupBy = null, int Themes = 5);

/// <summary>A theme (a topic word or phrase, see <see cref="TopicMentions"/>) and the number of comments that mention it.</summary>
public sealed record CommentTheme(string Word, long Comments);

/// <summary>
/// Non-empty comments by sentiment (those in a language VADER does not cover have none), and the most mentioned themes
/// (most comments first, then alphabetical).
/// </summary>
public sealed record CommentFigures(long Comments, long Positive, long Neutral, long Negative, long WithoutSentiment, IReadOnlyList<CommentTheme> Themes);

public sealed record CommentGroup(string? Key, CommentFigures Figures);

public sealed record CommentsResult(CommentFigures Figures, IReadOnlyList<CommentGroup> Groups);

/// <summary>Comment sentiment (VADER) and themes, counted per group.</summary>
/// <remarks>
/// Query intuition: like the themes query, this counts each answer's analysis made in the background
/// (<see cref="CommentTopicIndex"/>) in the engine: sentiment per group, and the most mentioned topics per group ranked
/// with their ties (<see cref="CommentTopicSql"/>); the names that break ties are made here. What was stored since
/// the index's last round is analysed first.
/// </remarks>
public sealed class CommentsQuery(IClickHouseGateway gateway, CommentTopicIndex index)
{
    public const int MaxThemes = 50;

    public async Task<CommentsResult> RunAsync(CommentsRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        await index.EnsureCurrentAsync(cancellationToken);
        var parameters = CommentTopicSql.Parameters(request.Window, request.Survey);
        var all = await FiguresAsync(CommentTopicSql.NoGroup, parameters, request.Themes, cancellationToken);
        if (request.GroupBy is not { } groupBy)
        {
            return new CommentsResult(all.SingleOrDefault()?.Figures ?? Empty, []);
        }

        var key = groupBy switch
        {
            SurveyGroupBy.Segment => "t.segment",
            SurveyGroupBy.Industry => "a.industry",
            SurveyGroupBy.Tier => "a.tier",
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.GroupBy, null),
        };
        var groups = await FiguresAsync(key, parameters, request.Themes, cancellationToken);
        return new CommentsResult(all.SingleOrDefault()?.Figures ?? Empty,
            [.. groups.OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal)]);
    }

    private static CommentFigures Empty { get; } = new(0, 0, 0, 0, 0, []);

    private async Task<List<CommentGroup>> FiguresAsync(string groupKey, QueryParameters parameters, int themes, CancellationToken cancellationToken)
    {
        var totals = await CommentTopicSql.TotalsAsync(gateway, groupKey, parameters, cancellationToken);
        var topics = (themes == 0 || totals.Count == 0 ? []
            : await CommentTopicSql.TopicsAsync(gateway, groupKey, parameters, themes, newest: 0, cancellationToken)).ToLookup(t => t.Group);
        return [.. totals.Select(t => new CommentGroup(t.Group, new CommentFigures(t.Comments, t.Positive, t.Neutral, t.Negative, t.WithoutSentiment,
            [.. CommentTopicSql.InListOrder(topics[t.Group], themes).Select(x => new CommentTheme(x.Name, x.Comments))])))];
    }

    private static void Validate(CommentsRequest request)
    {
        if (request.Survey is not (null or "nps" or "csat"))
        {
            throw new MetricArgumentException($"Unknown survey '{request.Survey}'; it is nps or csat, or absent for both.");
        }

        if (request.Themes is < 0 or > MaxThemes)
        {
            throw new MetricArgumentException($"Between 0 and {MaxThemes} themes can be listed; {request.Themes} were asked.");
        }
    }
}
