namespace Analytics.Metrics.Scoring;

/// <summary>
/// The points accounts earned in a window, from the activity rollups (not raw events), priced with the scoring model in
/// use, so a changed model applies to past events at once.
/// </summary>
/// <remarks>
/// Query intuition: a window is read as the fewest buckets (<see cref="WindowCover"/>: months, weeks, days). A rollup
/// row priced at write time with the model in use gives its <c>points</c> as they are: one number per row, no
/// unfolding. A row priced under another model (after a change, until the re-pricing in the background reaches it)
/// is priced from its counts (<see cref="ScoringSql.ActivityRowPoints"/>); the engine reads those counts only for such
/// rows, since the version condition is checked first. The SQL yields unsummed rows <c>(bucket, account_id, points)</c>, with <c>events</c> when asked;
/// a bucket is the first day of a day, week or month inside the window, and lies inside one period of the trend the
/// cover was made for, so a caller may map it to that period.
/// </remarks>
public static class WindowPoints
{
    private static readonly (string Grain, string Column)[] Grains = [("daily", "day"), ("weekly", "week"), ("monthly", "month")];

    /// <summary>
    /// The SQL of the window named <paramref name="name"/> covered by <paramref name="cover"/> (its parameters come from
    /// <see cref="AddWindow"/>), of the accounts <paramref name="accounts"/> selects (a condition on <c>account_id</c>), or
    /// of every account. Only the grains the cover uses are read (a whole year reads months alone). With
    /// <paramref name="withEvents"/>, rows also carry <c>events</c>, how many engagement events they hold.
    /// </summary>
    public static string Sql(string name, WindowCover cover, string? accounts = null, bool withEvents = false)
    {
        var only = accounts is null ? string.Empty : $" AND {accounts}";
        var events = withEvents ? ", arraySum(mapValues(counts)) AS events" : string.Empty;
        var branches = Grains.Where(g => Uses(cover, g.Column)).SelectMany(g => new[]
        {
            $"SELECT {g.Column} AS bucket, account_id, points{events} FROM account_activity_{g.Grain} WHERE {ScoringSql.PricedNow} AND {Filter(name, g.Column)}{only}",
            $"SELECT {g.Column} AS bucket, account_id, {ScoringSql.ActivityRowPoints} AS points{events} FROM account_activity_{g.Grain} WHERE NOT {ScoringSql.PricedNow} AND {Filter(name, g.Column)}{only}",
        }).ToList();
        // An empty window: no rows, of the same columns.
        return branches.Count == 0
            ? $"SELECT toDate(0) AS bucket, '' AS account_id, toFloat64(0) AS points{(withEvents ? ", toUInt64(0) AS events" : string.Empty)} WHERE 0"
            : string.Join("\nUNION ALL\n", branches);
    }

    private static bool Uses(WindowCover cover, string column) => column switch
    {
        "day" => cover.Days.Any(r => !r.IsEmpty),
        "week" => cover.Weeks.Any(r => !r.IsEmpty),
        _ => !cover.Months.IsEmpty,
    };

    /// <summary>The condition on a rollup's bucket column (<c>day</c>, <c>week</c> or <c>month</c>) that selects the window's buckets of that grain.</summary>
    public static string Filter(string name, string column) =>
        "(" + string.Join(" OR ", Enumerable.Range(0, RangeCount(column))
            .Select(i => $"({column} >= {{{name}_{column}{i}_from:Date}} AND {column} < {{{name}_{column}{i}_to:Date}})")) + ")";

    /// <summary>The parameters of the window named <paramref name="name"/>: the ranges of its cover.</summary>
    public static QueryParameters AddWindow(this QueryParameters parameters, string name, WindowCover cover)
    {
        void Add(string column, IReadOnlyList<DateRange> ranges)
        {
            for (var i = 0; i < ranges.Count; i++)
            {
                parameters.Add($"{name}_{column}{i}_from", ranges[i].From).Add($"{name}_{column}{i}_to", ranges[i].To);
            }
        }

        Add("day", cover.Days);
        Add("week", cover.Weeks);
        Add("month", [cover.Months]);
        return parameters;
    }

    private static int RangeCount(string column) => column switch { "day" => 4, "week" => 2, _ => 1 };
}
