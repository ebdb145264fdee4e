using System.Text.Json;
using Analytics.Ingestion.Records;
using static Analytics.Ingestion.Webhooks.SurveyAnswer;

namespace Analytics.Ingestion.Webhooks;

/// <summary>
/// Delighted's webhook (<c>survey_response.created</c> and <c>.updated</c>) as a survey answer: <c>event_data.id</c> is
/// the response id (an update replaces the answer), <c>survey_type</c> the survey (nps or csat), <c>created_at</c> (unix
/// seconds) the time, <c>person.email</c> the respondent, and person properties (<see cref="DelightedOptions"/>) the
/// account and segment.
/// </summary>
public static class DelightedResponse
{
    private static readonly string[] EventTypes = ["survey_response.created", "survey_response.updated"];

    public static (IngestRecord? Record, string? Error) Parse(JsonElement root, DelightedOptions options)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "the body must be a JSON object");
        }

        var type = Text(root, "event_type");
        if (!EventTypes.Contains(type))
        {
            return (null, $"event_type '{type}' is not a survey response (survey_response.created or survey_response.updated)");
        }

        if (!root.TryGetProperty("event_data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return (null, "event_data is required");
        }

        var id = Text(data, "id");
        if (id is null)
        {
            return (null, "event_data.id (the response id) is required");
        }

        var survey = Text(data, "survey_type") ?? "nps";
        if (survey is not ("nps" or "csat"))
        {
            return (null, $"survey_type '{survey}' is neither nps nor csat");
        }

        if (!data.TryGetProperty("score", out var score) || score.ValueKind != JsonValueKind.Number)
        {
            return (null, "event_data.score (a number) is required");
        }

        if (!data.TryGetProperty("created_at", out var created) || !created.TryGetInt64(out var seconds))
        {
            return (null, "event_data.created_at (unix seconds) is required");
        }

        var person = data.TryGetProperty("person", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        var properties = data.TryGetProperty("person_properties", out var pp) && pp.ValueKind == JsonValueKind.Object ? pp : default;
        return SurveyAnswer.Of($"delighted-{id}", survey, DateTime.UnixEpoch.AddSeconds(seconds), score.GetDouble(), Text(data, "comment"),
            Text(properties, options.AccountProperty), Text(person, "email"), Text(properties, options.SegmentProperty));
    }
}
