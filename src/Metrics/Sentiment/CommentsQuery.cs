using Analytics.Metrics.Common;
using Analytics.Metrics.Surveys;
using Analytics.Metrics.Themes;

namespace Analytics.Metrics.Sentiment;

/// <summary>Comments of one or every survey in a window, optionally grouped, with how many themes to list per group.</summary>
public sealed record CommentsRequest(DateWindow Window, string? Survey = null, SurveyGroupBy? GroupBy = null, int Themes = 5);

/// <summary>A theme (a topic word or phrase, see <see cref="ThemeExtractor"/>) and the number of comments that mention it.</summary>
public sealed record CommentTheme(string Word, long Comments);

/// <summary>
/// Non-empty comments by sentiment (those in a language VADER does not cover have none), and the most mentioned themes
/// (most comments first, then alphabetical).
/// </summary>
public sealed record CommentFigures(long Comments, long Positive, long Neutral, long Negative, long WithoutSentiment, IReadOnlyList<CommentTheme> Themes);

public sealed record CommentGroup(string? Key, CommentFigures Figures);

public sealed record CommentsResult(CommentFigures Figures, IReadOnlyList<CommentGroup> Groups);

/// <summary>Comment sentiment (VADER) and themes (the themes' extractor), in code.</summary>
/// <remarks>
/// Query intuition: the SQL only fetches the window's non-empty comments with their group key (the current version of
/// each response, FINAL); the text analysis lives in this process (<see cref="CommentAnalysis"/>, cached per text).
/// </remarks>
public sealed class CommentsQuery(IClickHouseGateway gateway, CommentAnalysis analysis)
{
    public const int MaxThemes = 50;

    private const string Sql = """
        SELECT {key} AS key, r.survey AS survey, r.score AS score, r.comment AS comment
        FROM survey_responses AS r FINAL
        LEFT JOIN (SELECT account_id, industry, tier FROM accounts FINAL) AS a ON a.account_id = r.account_id
        WHERE ({survey:String} = '' OR r.survey = {survey:String}) AND r.comment != ''
          AND r.responded_at >= {from_time:DateTime64(3, 'UTC')} AND r.responded_at < {to_time:DateTime64(3, 'UTC')}
        ORDER BY r.responded_at DESC, r.response_id
        """;

    public async Task<CommentsResult> RunAsync(CommentsRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        var key = request.GroupBy switch
        {
            null => "CAST(NULL, 'Nullable(String)')",
            SurveyGroupBy.Segment => "r.segment",
            SurveyGroupBy.Industry => "a.industry",
            SurveyGroupBy.Tier => "a.tier",
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.GroupBy, null),
        };
        var parameters = request.Window.ToParameters().Add("survey", request.Survey ?? "");
        var rows = await gateway.ListAsync(Sql.Replace("{key}", key, StringComparison.Ordinal), parameters,
            r => (Key: r.Key("key"), Comment: ThemeComment(r)), cancellationToken);

        var all = Summarize(rows.Select(r => r.Comment), request.Themes);
        var groups = request.GroupBy is null ? [] : rows.GroupBy(r => r.Key)
            .OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CommentGroup(g.Key, Summarize(g.Select(r => r.Comment), request.Themes))).ToList();
        return new CommentsResult(all, groups);
    }

    private ThemeComment ThemeComment(ClickHouseRow row)
    {
        var text = row.Get<string>("comment");
        return new ThemeComment(text, row.Get<string>("survey") == "nps" ? row.Get<byte>("score") : null, analysis.Analyze(text));
    }

    private static CommentFigures Summarize(IEnumerable<ThemeComment> comments, int themes)
    {
        var list = comments.ToList();
        var sentiments = list.Select(c => c.Analysis.Sentiment).ToList();
        var top = ThemeExtractor.Extract(list, themes).Select(t => new CommentTheme(t.Name, t.Comments)).ToList();
        return new CommentFigures(list.Count, sentiments.Count(s => s == CommentSentiment.Positive), sentiments.Count(s => s == CommentSentiment.Neutral),
            sentiments.Count(s => s == CommentSentiment.Negative), sentiments.Count(s => s is null), top);
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
