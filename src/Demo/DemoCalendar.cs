namespace Analytics.Demo;

/// <summary>
/// The year the demo covers, the last 365 days before "now", and the rhythm of a B2B buyer's calendar: weekdays
/// busier than weekends, a summer dip, a Q4 push and a quiet end of December.
/// </summary>
internal sealed class DemoCalendar
{
    public const int Days = 365;

    // Monday..Sunday (index by DayOfWeek: Sunday = 0).
    private static readonly double[] WeekdayFactor = [0.12, 1.0, 1.12, 1.1, 1.02, 0.78, 0.16];

    // January..December: slow January, summer dip, Q4 push.
    private static readonly double[] MonthFactor = [0.85, 1.0, 1.05, 1.0, 1.0, 0.95, 0.7, 0.62, 1.0, 1.2, 1.3, 0.9];

    public DemoCalendar(DateTimeOffset now)
    {
        Now = now.UtcDateTime;
        Today = DateOnly.FromDateTime(Now);
        FirstDay = Today.AddDays(-Days);
        Start = FirstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    }

    /// <summary>The instant nothing may reach; events are strictly before it.</summary>
    public DateTime Now { get; }

    /// <summary>The first day of the window (midnight UTC).</summary>
    public DateTime Start { get; }

    public DateOnly FirstDay { get; }

    public DateOnly Today { get; }

    /// <summary>Day n of the window, 0 being <see cref="FirstDay"/> and 365 today (which is cut at <see cref="Now"/>).</summary>
    public DateOnly Day(int index) => FirstDay.AddDays(index);

    public int IndexOf(DateTime instant) => (int)Math.Floor((instant - Start).TotalDays);

    /// <summary>How busy a day is compared to an ordinary mid-week day in spring.</summary>
    public static double Activity(DateOnly day)
    {
        var factor = WeekdayFactor[(int)day.DayOfWeek] * MonthFactor[day.Month - 1];
        if ((day.Month == 12 && day.Day >= 22) || (day.Month == 1 && day.Day <= 2))
        {
            factor *= 0.25;
        }

        return factor;
    }

    public static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>A moment of a working day, in the account's local office hours converted to UTC.</summary>
    public DateTime WorkingMoment(DemoRandom random, DateOnly day, int utcOffsetHours)
    {
        // Two humps (late morning, mid afternoon) read more like real traffic than a flat 9-to-5.
        var localHour = random.Chance(0.55) ? random.Uniform(8.5, 12.5) : random.Uniform(13.0, 18.5);
        if (random.Chance(0.08))
        {
            localHour = random.Uniform(19.0, 23.0);
        }

        return day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
            .AddHours(localHour - utcOffsetHours)
            .AddMilliseconds(random.Next(1000));
    }

    /// <summary>Whether a moment lies in [Start, Now): generators drop what falls outside rather than pile it on an edge.</summary>
    public bool Contains(DateTime moment) => moment >= Start && moment < Now;
}
