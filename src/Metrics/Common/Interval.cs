namespace Analytics.Metrics.Common;

/// <summary>The width of a trend's periods. Weeks start on Monday; quarters in January, April, July and October.</summary>
public enum Interval
{
    Day,
    Week,
    Month,
    Quarter,
}

/// <summary>Period starts in SQL and in C#, kept side by side so they cannot disagree.</summary>
public static class Periods
{
    /// <summary>The SQL that maps <paramref name="column"/> (a Date or a UTC DateTime64) to its period's first day, from an allow-list.</summary>
    public static string StartSql(Interval interval, string column) => interval switch
    {
        Interval.Day => $"toDate({column})",
        Interval.Week => $"toMonday({column})",
        Interval.Month => $"toStartOfMonth({column})",
        Interval.Quarter => $"toStartOfQuarter({column})",
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, null),
    };

    public static DateOnly StartOf(Interval interval, DateOnly day) => interval switch
    {
        Interval.Day => day,
        Interval.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        Interval.Month => new DateOnly(day.Year, day.Month, 1),
        Interval.Quarter => new DateOnly(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, null),
    };

    public static DateOnly Next(Interval interval, DateOnly start) => interval switch
    {
        Interval.Day => start.AddDays(1),
        Interval.Week => start.AddDays(7),
        Interval.Month => start.AddMonths(1),
        Interval.Quarter => start.AddMonths(3),
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, null),
    };

    /// <summary>Every period that overlaps the window, oldest first; the first may start before the window.</summary>
    public static IReadOnlyList<DateOnly> Covering(DateWindow window, Interval interval)
    {
        var starts = new List<DateOnly>();
        for (var start = StartOf(interval, window.From); start < window.To; start = Next(interval, start))
        {
            starts.Add(start);
        }

        return starts;
    }
}
