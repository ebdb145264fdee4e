using Analytics.Metrics.Sentiment;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

public sealed class CommentsType : ObjectGraphType<CommentsResult>
{
    public CommentsType()
    {
        Name = "Comments";
        Description = "Survey comments over [from, to) by sentiment (VADER), with their most mentioned themes.";
        CommentFields.Add(this, r => r.Figures);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommentGroupType>>>>("groups").Description("The figures per group; empty unless groupBy is given.").Resolve(c => c.Source.Groups);
    }
}

public sealed class CommentGroupType : ObjectGraphType<CommentGroup>
{
    public CommentGroupType()
    {
        Name = "CommentGroup";
        Description = "Comments of the responses that share one group key.";
        Field<StringGraphType>("key").Description("The group's key; null for a missing value.").Resolve(c => c.Source.Key);
        CommentFields.Add(this, g => g.Figures);
    }
}

public sealed class CommentThemeType : ObjectGraphType<CommentTheme>
{
    public CommentThemeType()
    {
        Name = "CommentTheme";
        Description = "A theme (a topic word or short phrase, as the themes query finds them) and how many comments mention it.";
        Field<NonNullGraphType<StringGraphType>>("word").Description("The theme, lower case.").Resolve(c => c.Source.Word);
        Field<NonNullGraphType<IntGraphType>>("comments").Description("Comments that mention it.").Resolve(c => checked((int)c.Source.Comments));
    }
}

internal static class CommentFields
{
    public static void Add<T>(ObjectGraphType<T> type, Func<T, CommentFigures> figures)
    {
        type.Field<NonNullGraphType<IntGraphType>>("comments").Description("Answers with a non-empty comment.").Resolve(c => checked((int)figures(c.Source).Comments));
        type.Field<NonNullGraphType<IntGraphType>>("positive").Description("Comments whose VADER compound score is 0.05 or more.").Resolve(c => checked((int)figures(c.Source).Positive));
        type.Field<NonNullGraphType<IntGraphType>>("neutral").Description("Comments scoring between −0.05 and 0.05.").Resolve(c => checked((int)figures(c.Source).Neutral));
        type.Field<NonNullGraphType<IntGraphType>>("negative").Description("Comments whose compound score is −0.05 or less.").Resolve(c => checked((int)figures(c.Source).Negative));
        type.Field<NonNullGraphType<IntGraphType>>("withoutSentiment").Description("Comments in a language VADER does not cover (not English): in none of positive, neutral, negative.").Resolve(c => checked((int)figures(c.Source).WithoutSentiment));
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommentThemeType>>>>("themes").Description("The most mentioned themes, most comments first, then alphabetical.").Resolve(c => figures(c.Source).Themes);
    }
}
