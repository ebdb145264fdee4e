using Analytics.Ingestion.Records;

namespace Analytics.Ingestion.Webhooks;

/// <summary>What the survey webhooks share: the scales of the surveys and the answer they make.</summary>
internal static class SurveyAnswer
{
    /// <summary>An answer of <paramref name="survey"/> (nps 0–10, csat 1–5), or why its score does not fit the scale.</summary>
    public static (IngestRecord? Record, string? Error) Of(
        string responseId, string survey, DateTime respondedAt, double score, string? comment, string? accountId, string? email, string? segment)
    {
        var (min, max) = survey == "nps" ? (0, 10) : (1, 5);
        if (score != Math.Floor(score) || score < min || score > max)
        {
            return (null, $"score {score} is outside {min}–{max}, the scale of {survey} scores");
        }

        return (new SurveyResponseRecord(responseId, survey, respondedAt, (byte)score, Blank(comment), Blank(accountId), Blank(email)?.ToLowerInvariant(), Blank(segment)), null);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
