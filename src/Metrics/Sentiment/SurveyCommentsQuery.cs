using Analytics.Metrics.Common;

namespace Analytics.Metrics.Sentiment;

/// <summary>
/// Comments of a window to read: of one survey or both, only of answers scoring at most <paramref name="MaxScore"/>
/// (6 for NPS detractors) when given; the <paramref name="First"/> listed.
/// </summary>
public sealed record SurveyCommentsRequest(DateWindow Window, string? Survey = null, int? MaxScore = null, int First = 10);

/// <summary>One answer's comment, with its score, segment and account (name null when the account is unknown).</summary>
public sealed record SurveyComment(
    string ResponseId, string Survey, DateTime RespondedAt, int Score, string Comment, string? AccountId, string? AccountName, string? Segment);

/// <summary>Survey comments to quote: the lowest scores first, then the newest.</summary>
/// <remarks>
/// Query intuition: the window's answers (their current version, FINAL) with a non-empty comment, filtered by survey
/// and maximum score, ordered by score, then newest first, then by id so the order is stable; the account's name is
/// joined from accounts FINAL.
/// </remarks>
public sealed class SurveyCommentsQuery(IClickHouseGateway gateway)
{
    public const int MaxFirst = 100;

    private const string Sql = """
        SELECT r.response_id AS response_id, r.survey AS survey, r.responded_at AS responded_at, r.score AS score,
               r.comment AS comment, r.account_id AS account_id, a.name AS account_name, r.segment AS segment
        FROM (
            SELECT * FROM survey_responses FINAL
            WHERE comment != '' AND ({survey:String} = '' OR survey = {survey:String}) AND score <= {max_score:UInt8}
              AND responded_at >= {from_time:DateTime64(3, 'UTC')} AND responded_at < {to_time:DateTime64(3, 'UTC')}
        ) AS r
        LEFT JOIN (SELECT account_id, name FROM accounts FINAL) AS a ON a.account_id = r.account_id
        ORDER BY r.score, r.responded_at DESC, r.response_id
        LIMIT {first:UInt32}
        """;

    public async Task<IReadOnlyList<SurveyComment>> RunAsync(SurveyCommentsRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        var parameters = request.Window.ToParameters().Add("survey", request.Survey ?? "")
            .Add("max_score", (byte)Math.Min(request.MaxScore ?? byte.MaxValue, byte.MaxValue)).Add("first", (uint)request.First);
        return await gateway.ListAsync(Sql, parameters, r => new SurveyComment(
            r.Get<string>("response_id"), r.Get<string>("survey"), r.Get<DateTime>("responded_at"), r.Get<byte>("score"),
            r.Get<string>("comment"), r.Key("account_id"), r.Key("account_name"), r.Key("segment")), cancellationToken);
    }

    private static void Validate(SurveyCommentsRequest request)
    {
        if (request.Survey is not (null or "nps" or "csat"))
        {
            throw new MetricArgumentException($"Unknown survey '{request.Survey}'; it is nps or csat, or absent for both.");
        }

        if (request.MaxScore is < 0)
        {
            throw new MetricArgumentException($"The maximum score cannot be negative; {request.MaxScore} was asked.");
        }

        if (request.First is < 0 or > MaxFirst)
        {
            throw new MetricArgumentException($"Between 0 and {MaxFirst} comments can be listed; {request.First} were asked.");
        }
    }
}
