using Analytics.Metrics.Common;

namespace Analytics.Metrics.Themes;

/// <summary>Topics of the comments of one or every survey in a window; the <paramref name="First"/> most mentioned.</summary>
public sealed record ThemesRequest(DateWindow Window, string? Survey = null, int First = 20);

/// <summary>
/// Themes: the topics survey comments talk about, with the comments' sentiment and the NPS of those who mention them.
/// </summary>
/// <remarks>
/// Query intuition: the SQL only fetches the window's non-empty comments (the current version of each answer, FINAL)
/// with their survey and score, newest first so examples are recent; the text analysis (Lucene, jieba, VADER) lives
/// in this process, cached per comment text (<see cref="CommentAnalysis"/>), and <see cref="ThemeExtractor"/> counts.
/// </remarks>
public sealed class ThemesQuery(IClickHouseGateway gateway, CommentAnalysis analysis)
{
    public const int MaxFirst = 100;

    private const string Sql = """
        SELECT survey, score, comment
        FROM survey_responses FINAL
        WHERE ({survey:String} = '' OR survey = {survey:String}) AND comment != ''
          AND responded_at >= {from_time:DateTime64(3, 'UTC')} AND responded_at < {to_time:DateTime64(3, 'UTC')}
        ORDER BY responded_at DESC, response_id
        """;

    public async Task<IReadOnlyList<ThemeFigures>> RunAsync(ThemesRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        var parameters = request.Window.ToParameters().Add("survey", request.Survey ?? "");
        var comments = await gateway.ListAsync(Sql, parameters, r =>
        {
            var text = r.Get<string>("comment");
            var nps = r.Get<string>("survey") == "nps" ? r.Get<byte>("score") : (int?)null;
            return new ThemeComment(text, nps, analysis.Analyze(text));
        }, cancellationToken);
        return ThemeExtractor.Extract(comments, request.First);
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
