using System.Globalization;
using Analytics.Metrics.Sentiment;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

public sealed class SurveyCommentType : ObjectGraphType<SurveyComment>
{
    public SurveyCommentType()
    {
        Name = "SurveyComment";
        Description = "One survey answer's comment, with its score, segment and account.";
        Field<NonNullGraphType<IdGraphType>>("responseId").Description("The answer's id.").Resolve(c => c.Source.ResponseId);
        Field<NonNullGraphType<StringGraphType>>("survey").Description("nps or csat.").Resolve(c => c.Source.Survey);
        Field<NonNullGraphType<StringGraphType>>("respondedAt").Description("When it was given (ISO-8601, UTC).")
            .Resolve(c => c.Source.RespondedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        Field<NonNullGraphType<IntGraphType>>("score").Description("The score: 0 to 10 for NPS, 1 to 5 for CSAT.").Resolve(c => c.Source.Score);
        Field<NonNullGraphType<StringGraphType>>("comment").Description("The comment, never empty.").Resolve(c => c.Source.Comment);
        Field<IdGraphType>("accountId").Description("The answering account's id; null when the answer names none.").Resolve(c => c.Source.AccountId);
        Field<StringGraphType>("accountName").Description("The answering account's name; null when unknown.").Resolve(c => c.Source.AccountName);
        Field<StringGraphType>("segment").Description("The answer's segment; null when not given.").Resolve(c => c.Source.Segment);
    }
}
