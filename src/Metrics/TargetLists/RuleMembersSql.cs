using Analytics.Metrics.Common;
using Analytics.Metrics.EngagedAccounts;
using Analytics.Metrics.Journey;
using Analytics.Metrics.Scoring;

namespace Analytics.Metrics.TargetLists;

/// <summary>
/// The SQL of a rule list's members now, and how they differ from its current members: one statement per list.
/// </summary>
/// <remarks>
/// Query intuition: every known account (<c>accounts</c>) is tested against the conditions, OR-ed; a condition ANDs its
/// fields. Attributes are columns of the account's row; each other field is a set of account ids it is tested for
/// membership in: the engaged-accounts score (<see cref="WindowPoints"/> summed over the last N days), the surge (the
/// surging accounts' formula over the last 7 days and the 28 before, <see cref="EngagedAccountsQuery.SurgeSql"/>), the
/// journey stage at the coming midnight (the journey's spans, <see cref="JourneyStages.AtSql"/>), and intent
/// (<see cref="IntentFilter"/>). The members are then joined (FULL) with the list's current members; only the rows where
/// the two sides differ come back: a join (member now, not before) or a leave (with the time it had joined).
/// </remarks>
public static class RuleMembersSql
{
    private static readonly DateOnly Epoch = new(1970, 1, 1);

    private const string DiffTemplate = """
        WITH
            {stages_cte}
            members AS (
                SELECT a.account_id AS account_id
                FROM (SELECT account_id, tier, industry, country, owner FROM accounts FINAL) AS a
                WHERE {conditions}
            ),
            current_members AS (
                SELECT account_id, added_at FROM target_list_members FINAL
                WHERE list = {list:String} AND removed_at IS NULL
            )
        SELECT if(m.account_id != '', m.account_id, c.account_id) AS id, toBool(m.account_id != '') AS member, c.added_at AS added_at
        FROM members AS m
        FULL OUTER JOIN current_members AS c ON c.account_id = m.account_id
        WHERE (m.account_id != '') != (c.account_id != '')
        """;

    // TRICKY: an account without a row of spans reads the column's default, 0, as customer_from: it would be a customer.
    private const string StagesCte = """
            stages AS (
                SELECT a.account_id AS account_id, {stage_now} AS stage
                FROM (SELECT account_id FROM accounts FINAL) AS a
                LEFT JOIN (SELECT account_id, engaged, aware, open, customer_from FROM journey_spans FINAL) AS s ON s.account_id = a.account_id
            ),
        """;

    /// <summary>
    /// The statement comparing the members of <paramref name="rule"/> (null: a deleted list, no members) with the current
    /// ones, and its parameters (add the model's with <see cref="ScoringSql.AddModel"/> when <see cref="NeedsModel"/>).
    /// </summary>
    public static (string Sql, QueryParameters Parameters) Diff(string list, TargetListRule? rule, DateOnly today)
    {
        // The stage now is the stage at the coming midnight: today's activity counts, as in a window that ends tomorrow.
        var parameters = new QueryParameters().Add("list", list).Add("now_midnight", today.DayNumber - Epoch.DayNumber + 1);
        var conditions = rule is null ? "0" : string.Join("\n   OR ", rule.AnyOf.Select((c, i) => "(" + Condition(c, $"c{i}", today, parameters) + ")"));
        var stages = rule?.AnyOf.Any(c => c.Stages is not null) == true
            ? StagesCte.Replace("{stage_now}", JourneyStages.AtSql("{now_midnight:Int32}", "s", "if(s.account_id = '', 2147483647, s.customer_from)"), StringComparison.Ordinal)
            : string.Empty;
        var sql = DiffTemplate.Replace("{stages_cte}", stages, StringComparison.Ordinal).Replace("{conditions}", conditions, StringComparison.Ordinal);
        return (sql, parameters);
    }

    /// <summary>Whether the rule reads points (a score or a surge): the scoring model's parameters are then needed.</summary>
    public static bool NeedsModel(TargetListRule? rule) => rule?.AnyOf.Any(c => c.MinScore is not null || c.MinSurge is not null) == true;

    /// <summary>Whether the rule reads journey stages: the journey's index must then be current.</summary>
    public static bool NeedsStages(TargetListRule? rule) => rule?.AnyOf.Any(c => c.Stages is not null) == true;

    private static string Condition(TargetListCondition c, string name, DateOnly today, QueryParameters parameters)
    {
        var end = today.AddDays(1);
        var parts = new List<string>();
        void Attribute(IReadOnlyList<string>? values, string column)
        {
            if (values is not null)
            {
                parts.Add($"a.{column} IN {{{name}_{column}:Array(String)}}");
                parameters.Add($"{name}_{column}", values.ToArray());
            }
        }

        Attribute(c.Tiers, "tier");
        Attribute(c.Industries, "industry");
        Attribute(c.Countries, "country");
        Attribute(c.Owners, "owner");
        if (c.MinScore is { } minScore)
        {
            var cover = WindowCover.Of(end.AddDays(-(c.ScoreWindowDays ?? TargetListCondition.DefaultScoreWindowDays)), end, interval: null);
            parameters.AddWindow($"{name}_score", cover).Add($"{name}_min_score", minScore);
            parts.Add($$"""
                a.account_id IN (
                    SELECT account_id FROM ({{WindowPoints.Sql($"{name}_score", cover)}})
                    GROUP BY account_id HAVING sum(points) >= {{{name}}_min_score:Float64})
                """);
        }

        if (c.MinSurge is { } minSurge)
        {
            var (week, baseline) = EngagedAccountsQuery.SurgeCovers(end);
            parameters.AddWindow($"{name}_week", week).AddWindow($"{name}_base", baseline).Add($"{name}_min_surge", minSurge);
            parts.Add($$"""
                a.account_id IN (
                    SELECT account_id FROM (
                        SELECT 1 AS part, account_id, points FROM ({{WindowPoints.Sql($"{name}_week", week)}})
                        UNION ALL
                        SELECT 2 AS part, account_id, points FROM ({{WindowPoints.Sql($"{name}_base", baseline)}}))
                    GROUP BY account_id
                    HAVING {{EngagedAccountsQuery.SurgeSql("sumIf(points, part = 1)", "sumIf(points, part = 2)")}} >= {{{name}}_min_surge:Float64})
                """);
        }

        if (c.Stages is not null)
        {
            parameters.Add($"{name}_stages", c.StageNumbers);
            parts.Add($"a.account_id IN (SELECT account_id FROM stages WHERE stage IN {{{name}_stages:Array(UInt8)}})");
        }

        if (c.Intent is { } intent)
        {
            intent.AddTo(parameters, $"{name}_intent", end);
            parts.Add($"a.account_id IN ({IntentFilter.AccountsSql($"{name}_intent")})");
        }

        return string.Join("\n    AND ", parts);
    }
}
