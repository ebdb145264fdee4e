using System.Text.Json;
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

    /// <summary>A member's text, trimmed: a string, or a number written as one (ids come either way); null when absent or blank.</summary>
    public static string? Text(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String when !string.IsNullOrWhiteSpace(value.GetString()) => value.GetString()!.Trim(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
