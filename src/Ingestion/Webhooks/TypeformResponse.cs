using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Analytics.Ingestion.Records;
using static Analytics.Ingestion.Webhooks.SurveyAnswer;

namespace Analytics.Ingestion.Webhooks;

/// <summary>
/// Typeform's webhook (<c>event_type</c> <c>form_response</c>) as a survey answer: <c>form_response.token</c> is the
/// response id, <c>submitted_at</c> the time, and the form's mapping (<see cref="TypeformOptions"/>) names the answers
/// that are the score, the comment and the email, and the hidden fields that carry the email, account and segment.
/// A field is named by its <c>ref</c> or its <c>id</c>.
/// </summary>
public static class TypeformResponse
{
    private static readonly string[] ScoreFieldTypes = ["nps", "opinion_scale"];

    public static (IngestRecord? Record, string? Error) Parse(JsonElement root, TypeformOptions options)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "the body must be a JSON object");
        }

        if (Text(root, "event_type") is { } type && type != "form_response")
        {
            return (null, $"event_type '{type}' is not a form_response");
        }

        if (!root.TryGetProperty("form_response", out var response) || response.ValueKind != JsonValueKind.Object)
        {
            return (null, "form_response is required");
        }

        var token = Text(response, "token");
        if (token is null)
        {
            return (null, "form_response.token (the response id) is required");
        }

        if (!DateTime.TryParse(Text(response, "submitted_at"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var submittedAt))
        {
            return (null, "form_response.submitted_at (an ISO-8601 time) is required");
        }

        var mapping = options.For(Text(response, "form_id"));
        var answers = Answers(response);
        var score = Find(answers, mapping.ScoreField, a => ScoreFieldTypes.Contains(a.FieldType));
        if (score is null)
        {
            return (null, mapping.ScoreField is null
                ? "no answer to an nps or opinion_scale field (set Surveys:Typeform:ScoreField to name the score's field)"
                : $"no answer to the score field '{mapping.ScoreField}'");
        }

        if (!score.Value.TryGetProperty("number", out var number) || number.ValueKind != JsonValueKind.Number)
        {
            return (null, $"the score field's answer is of type '{Text(score.Value, "type")}', not a number");
        }

        var comment = Find(answers, mapping.CommentField, a => a.FieldType == "long_text") is { } c ? Text(c.Value, "text") : null;
        var hidden = response.TryGetProperty("hidden", out var h) && h.ValueKind == JsonValueKind.Object ? h : default;
        var email = (Find(answers, mapping.EmailField, a => Text(a.Value, "type") == "email") is { } e ? Text(e.Value, "email") : null)
            ?? Hidden(hidden, mapping.EmailHiddenField);
        return SurveyAnswer.Of($"typeform-{token}", mapping.Survey!, submittedAt, number.GetDouble(), comment,
            Hidden(hidden, mapping.AccountHiddenField), email, Hidden(hidden, mapping.SegmentHiddenField));
    }

    /// <summary>Whether <paramref name="header"/> is Typeform's signature of <paramref name="body"/>: <c>sha256=</c> and the base64 HMAC-SHA256 with the secret.</summary>
    public static bool IsSigned(ReadOnlySpan<byte> body, string? header, string secret)
    {
        const string Prefix = "sha256=";
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(header[Prefix.Length..].Trim()));
    }

    private sealed record Answer(string? FieldId, string? FieldRef, string? FieldType, JsonElement Value);

    /// <summary>The answers, each with its field's id, ref (from the answer, else the form's definition) and type.</summary>
    private static List<Answer> Answers(JsonElement response)
    {
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (response.TryGetProperty("definition", out var definition) && definition.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array)
        {
            foreach (var field in fields.EnumerateArray())
            {
                if (Text(field, "id") is { } id && Text(field, "ref") is { } reference)
                {
                    refs[id] = reference;
                }
            }
        }

        if (!response.TryGetProperty("answers", out var answers) || answers.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return answers.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object).Select(a =>
        {
            var field = a.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
            var id = field.ValueKind == JsonValueKind.Object ? Text(field, "id") : null;
            var reference = (field.ValueKind == JsonValueKind.Object ? Text(field, "ref") : null) ?? (id is not null ? refs.GetValueOrDefault(id) : null);
            return new Answer(id, reference, field.ValueKind == JsonValueKind.Object ? Text(field, "type") : null, a);
        }).ToList();
    }

    /// <summary>The answer to the named field, or without a name the first that fits the default.</summary>
    private static Answer? Find(List<Answer> answers, string? name, Func<Answer, bool> byDefault) =>
        name is null ? answers.FirstOrDefault(byDefault) : answers.FirstOrDefault(a => a.FieldRef == name || a.FieldId == name);

    private static string? Hidden(JsonElement hidden, string? name) =>
        name is not null ? Text(hidden, name) : null;
}
