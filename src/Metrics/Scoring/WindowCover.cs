using Analytics.Metrics.Common;

namespace Analytics.Metrics.Scoring;

/// <summary>
/// A window [from, to) as the fewest rollup buckets: whole months in the middle, whole weeks (from Monday) around them,
/// days at the ends. Always four day ranges, two week ranges and one month range, each [from, to) and possibly empty, so
/// the SQL that reads them has one shape.
/// </summary>
public sealed record WindowCover(IReadOnlyList<DateRange> Days, IReadOnlyList<DateRange> Weeks, DateRange Months)
{
    /// <summary>
    /// Covers the window with the grains a trend allows: a bucket must lie inside one trend period, so a weekly trend
    /// reads no months and a monthly one no weeks (a week may straddle two months).
    /// </summary>
    public static WindowCover Of(DateOnly from, DateOnly to, Interval? interval) =>
        Of(from, to, weeks: interval is null or Interval.Week, months: interval is null or Interval.Month or Interval.Quarter);

    public static WindowCover Of(DateOnly from, DateOnly to, bool weeks, bool months)
    {
        var middle = months ? WholeMonths(from, to) : new DateRange(to, to);
        var (left, right) = middle.IsEmpty ? (new DateRange(from, to), new DateRange(to, to)) : (new DateRange(from, middle.From), new DateRange(middle.To, to));
        var leftWeeks = weeks ? WholeWeeks(left) : new DateRange(left.To, left.To);
        var rightWeeks = weeks ? WholeWeeks(right) : new DateRange(right.To, right.To);
        return new WindowCover(
            [new(left.From, leftWeeks.From), new(leftWeeks.To, left.To), new(right.From, rightWeeks.From), new(rightWeeks.To, right.To)],
            [leftWeeks, rightWeeks],
            middle);
    }

    /// <summary>The whole months inside [from, to); an empty range at <paramref name="to"/> when there is none.</summary>
    public static DateRange WholeMonths(DateOnly from, DateOnly to)
    {
        var first = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var end = new DateOnly(to.Year, to.Month, 1);
        return first < end ? new DateRange(first, end) : new DateRange(to, to);
    }

    /// <summary>The whole weeks (Monday to Sunday) inside a range; an empty range at its end when there is none.</summary>
    public static DateRange WholeWeeks(DateRange range)
    {
        var monday = Periods.StartOf(Interval.Week, range.From);
        var first = monday == range.From ? monday : monday.AddDays(7);
        var end = Periods.StartOf(Interval.Week, range.To);
        return first < end ? new DateRange(first, end) : new DateRange(range.To, range.To);
    }
}

/// <summary>The days [From, To).</summary>
public readonly record struct DateRange(DateOnly From, DateOnly To)
{
    public bool IsEmpty => To <= From;
}
