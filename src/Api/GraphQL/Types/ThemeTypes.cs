using Analytics.Metrics.Themes;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

public sealed class ThemeType : ObjectGraphType<ThemeFigures>
{
    public ThemeType()
    {
        Name = "Theme";
        Description = "A topic of the comments: a word or short phrase (inflections grouped, never a function word or a word that only says how).";
        Field<NonNullGraphType<StringGraphType>>("name").Description("The topic, lower case, as the comments most write it (in the singular when they write that too).").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<IntGraphType>>("comments").Description("Comments that mention it.").Resolve(c => checked((int)c.Source.Comments));
        Field<NonNullGraphType<FloatGraphType>>("share").Description("Those comments' share of all comments in the window, 0 to 1.").Resolve(c => c.Source.Share);
        Field<NonNullGraphType<IntGraphType>>("positive").Description("Of them, comments whose VADER compound score is 0.05 or more.").Resolve(c => checked((int)c.Source.Positive));
        Field<NonNullGraphType<IntGraphType>>("neutral").Description("Of them, comments scoring between −0.05 and 0.05.").Resolve(c => checked((int)c.Source.Neutral));
        Field<NonNullGraphType<IntGraphType>>("negative").Description("Of them, comments scoring −0.05 or less. A comment in a language VADER does not cover (not English) counts in none of the three.").Resolve(c => checked((int)c.Source.Negative));
        Field<FloatGraphType>("npsOfMentioners").Description("The NPS of the NPS answers among them, −100 to 100; null when none is an NPS answer.").Resolve(c => c.Source.NpsOfMentioners);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("examples")
            .Description($"Some of the comments, verbatim, newest first; at most {ThemesQuery.MaxExamples}.")
            .Argument<IntGraphType>("first", $"Examples to give, 0 to {ThemesQuery.MaxExamples}; default 3.", a => a.DefaultValue = 3)
            .Resolve(c =>
            {
                var first = c.GetArgument("first", 3);
                if (first is < 0 or > ThemesQuery.MaxExamples)
                {
                    throw new ExecutionError($"'first' must be between 0 and {ThemesQuery.MaxExamples}; it is {first}.") { Code = MetricResolvers.InvalidArgument };
                }

                return c.Source.Examples.Take(first).ToList();
            });
    }
}
