namespace Analytics.Metrics.Common;

/// <summary>
/// What the indexes that redo what views marked as changed (the journey's spans, the opportunities' touches) share:
/// where a round starts reading marks again.
/// </summary>
public static class ChangeMarks
{
    /// <summary>
    /// How far before the latest mark a round looks again. TRICKY: a row is stamped when its insert runs and seen when
    /// the insert is committed, so one stamped just before the latest mark a round saw may not have been visible yet.
    /// </summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(30);

    // TRICKY: "no mark yet" reads as 1970, whose few seconds do not parse as a time parameter; marks are the server's
    // clock, so none is older than 2000.
    public static readonly DateTime NoMark = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The time from which a round reads marks again, having seen those up to <paramref name="mark"/>.</summary>
    public static DateTime OverlapBefore(DateTime mark) => mark - Overlap > NoMark ? mark - Overlap : NoMark;
}
