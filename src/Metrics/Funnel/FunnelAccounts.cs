using Analytics.Metrics.Common;
using Analytics.Metrics.Scoring;

namespace Analytics.Metrics.Funnel;

/// <summary>
/// The accounts a funnel or a journey starts from, and the group key of each: the SQL the window funnel, the cohort
/// funnel and the journey share. A query using <see cref="Keyed"/> adds the <c>touch</c> window of <see cref="AddTargets"/>.
/// </summary>
public static class FunnelAccounts
{
    /// <summary>A <c>WITH</c> clause opening with <c>targets</c>: the list's members now, or every known account.</summary>
    public const string Targets = """
        WITH
            targets AS (
                SELECT account_id FROM target_list_members FINAL
                WHERE {has_list:Bool} AND list = {list:String} AND removed_at IS NULL
                UNION DISTINCT
                SELECT account_id FROM accounts FINAL WHERE NOT {has_list:Bool}
            )
        """;

    private const string NoKey = "SELECT account_id, CAST(NULL, 'Nullable(String)') AS key FROM targets";

    private const string AttributeKey = """
        SELECT t.account_id AS account_id, a.{column} AS key
        FROM targets AS t LEFT JOIN (SELECT account_id, {column} FROM accounts FINAL) AS a ON a.account_id = t.account_id
        """;

    // The first touch comes from the touch rollups (whole months from the monthly one, the days around them from the
    // daily one): the earliest of them. It is picked by its time alone, which the engine compares as a number, where the
    // smallest whole tuple is compared field by field (three times dearer at scale). Rows of one bucket not yet merged
    // may tie on time only if two touches came in the same millisecond; either is then the first.
    private const string FirstTouchKey = """
        SELECT t.account_id AS account_id, f.key AS key
        FROM targets AS t LEFT JOIN (
            SELECT account_id, nullIf(argMin(tupleElement(first, '{element}'), tupleElement(first, 'at')), '') AS key
            FROM (
                SELECT account_id, first FROM account_touch_daily WHERE {touch_days}
                UNION ALL
                SELECT account_id, first FROM account_touch_monthly WHERE {touch_months}
            )
            GROUP BY account_id
        ) AS f ON f.account_id = t.account_id
        """;

    /// <summary>The SQL of <c>(account_id, key)</c> for every target account: its group's key (null without <paramref name="groupBy"/>).</summary>
    public static string Keyed(FunnelGroupBy? groupBy) => groupBy switch
    {
        null => NoKey,
        FunnelGroupBy.FirstTouchChannel => FirstTouch("channel"),
        FunnelGroupBy.FirstTouchSource => FirstTouch("source"),
        _ => AttributeKey.Replace("{column}", AccountGroups.Column(Enum.Parse<AccountAttribute>(groupBy.ToString()!)), StringComparison.Ordinal),
    };

    /// <summary>The list parameters (<c>has_list</c>, <c>list</c>) and the first-touch window (<c>touch</c>: the touch rollups come by day and by month only).</summary>
    public static QueryParameters AddTargets(this QueryParameters parameters, DateWindow window, string? targetList) => parameters
        .AddWindow("touch", WindowCover.Of(window.From, window.To, weeks: false, months: true))
        .Add("has_list", targetList is not null)
        .Add("list", targetList ?? string.Empty);

    private static string FirstTouch(string element) => FirstTouchKey
        .Replace("{element}", element, StringComparison.Ordinal)
        .Replace("{touch_days}", WindowPoints.Filter("touch", "day"), StringComparison.Ordinal)
        .Replace("{touch_months}", WindowPoints.Filter("touch", "month"), StringComparison.Ordinal);
}
