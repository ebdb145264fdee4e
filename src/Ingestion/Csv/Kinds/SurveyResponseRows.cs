using Analytics.Ingestion.Records;

namespace Analytics.Ingestion.Csv.Kinds;

/// <summary><c>survey-responses</c>: NPS answers score 0–10, CSAT answers 1–5.</summary>
internal static class SurveyResponseRows
{
    private static readonly string[] Surveys = ["nps", "csat"];

    public static readonly CsvSchema Schema = new(
        ["response_id", "survey", "responded_at", "score", "comment", "account_id", "contact_email", "segment"],
        Required: ["survey", "responded_at", "score"],
        AnyOf: [],
        Map);

    private static SurveyResponseRecord Map(CsvFields row)
    {
        var survey = row.RequiredOneOf("survey", Surveys);
        var respondedAt = row.RequiredTime("responded_at");
        var score = row.Count("score", byte.MaxValue) ?? throw CsvFields.Missing("score");
        var (min, max) = survey == "nps" ? (0, 10) : (1, 5);
        if (score < (ulong)min || score > (ulong)max)
        {
            throw new CsvRowException($"score {row.Text("score")} is outside {min}–{max}, the scale of {survey} scores");
        }

        var (comment, accountId, email, segment) = (row.Text("comment"), row.Text("account_id"), row.Email("contact_email"), row.Text("segment"));
        var id = row.Text("response_id")
            ?? DerivedId.Of(CsvKind.SurveyResponses, survey, respondedAt, score, comment, accountId, email, segment);
        return new SurveyResponseRecord(id, survey, respondedAt, (byte)score, comment, accountId, email, segment);
    }
}
