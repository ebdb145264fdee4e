using Analytics.Storage;

namespace Analytics.Metrics.Common;

/// <summary>A <c>[From, To)</c> window of whole UTC days: <see cref="From"/> inclusive, <see cref="To"/> exclusive.</summary>
public readonly record struct DateWindow(DateOnly From, DateOnly To)
{
    public DateTime FromTime => From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public DateTime ToTime => To.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public int Days => To.DayNumber - From.DayNumber;

    /// <summary>The first day as the engine numbers days, since 1970-01-01 (<c>toInt32(date)</c>).</summary>
    public int FromDaySince1970 => From.DayNumber - Epoch.DayNumber;

    /// <summary>The end as the engine numbers days, since 1970-01-01.</summary>
    public int ToDaySince1970 => To.DayNumber - Epoch.DayNumber;

    private static readonly DateOnly Epoch = new(1970, 1, 1);

    /// <summary>The window, or an error that says what is wrong with it.</summary>
    public DateWindow Validated(int maxDays)
    {
        if (To <= From)
        {
            throw new MetricArgumentException($"'from' ({From:yyyy-MM-dd}) must be before 'to' ({To:yyyy-MM-dd}); the window is [from, to).");
        }

        if (!SupportedTimeRange.Contains(From) || To > DateOnly.FromDateTime(SupportedTimeRange.To))
        {
            throw new MetricArgumentException(
                $"The window from {From:yyyy-MM-dd} to {To:yyyy-MM-dd} is outside the supported range {SupportedTimeRange.Text}.");
        }

        if (Days > maxDays)
        {
            throw new MetricArgumentException($"The window from {From:yyyy-MM-dd} to {To:yyyy-MM-dd} is {Days} days long; at most {maxDays} days are allowed.");
        }

        return this;
    }

    /// <summary>Adds the window as <c>{from:Date}</c>, <c>{to:Date}</c>, <c>{from_time:DateTime64(3, 'UTC')}</c>, <c>{to_time:…}</c>.</summary>
    public QueryParameters ToParameters() => new QueryParameters()
        .Add("from", From).Add("to", To).Add("from_time", FromTime).Add("to_time", ToTime);
}
