using Analytics.Api.Auth;
using Analytics.Api.GraphQL.Types;
using Analytics.Metrics.Themes;
using GraphQL;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Fields;

/// <summary>What the comments talk about: themes.</summary>
internal static class ThemeFields
{
    public static AnalyticsQuery AddThemeFields(this AnalyticsQuery query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThemeType>>>>("themes")
            .Description("Topics of the survey comments in the window, most mentioned first, with their sentiment and the NPS of those who mention them.")
            .WindowArguments()
            .Argument<StringGraphType>("survey", "nps or csat; both when absent.")
            .Argument<IntGraphType>("first", $"Themes to list, 1 to {ThemesQuery.MaxFirst}; default 20.", a => a.DefaultValue = 20)
            .AuthorizeWithPolicy(Roles.Viewer)
            .ResolveAsync(async c => await c.RunAsync(ct => c.Service<ThemesQuery>().RunAsync(
                new ThemesRequest(c.Window(), c.GetArgument<string?>("survey"), c.GetArgument("first", 20)), ct)));
        return query;
    }
}
