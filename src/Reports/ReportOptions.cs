using System.ComponentModel.DataAnnotations;

namespace Analytics.Reports;

/// <summary>Reports: recipients, time zone, schedules, retries and the outbox (section <c>Reports</c>).</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>Who receives a report whose schedule names no recipients. Default is none.</summary>
    public List<string> Recipients { get; set; } = [];

    /// <summary>The IANA time zone of a schedule that names none, and of a report's default period. Default is UTC.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>One schedule per report, by report name (for example <c>weekly-executive</c>).</summary>
    public Dictionary<string, ReportScheduleOptions> Schedules { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Delivery attempts of a run before it stays failed. Default is 3.</summary>
    [Range(1, 20)]
    public int Attempts { get; set; } = 3;

    /// <summary>Seconds before the second attempt; each later wait doubles. Default is 60.</summary>
    [Range(0, 86400)]
    public double BackoffSeconds { get; set; } = 60;

    /// <summary>
    /// Minutes after which a queued or running run whose server stopped answering may be claimed again. Default is 120.
    /// A run that really takes longer would be made twice: keep it well above the slowest render and delivery.
    /// </summary>
    [Range(1, 10080)]
    public double ClaimTimeoutMinutes { get; set; } = 120;

    /// <summary>Catch up at start-up a scheduled run missed while the server was down. Default is true.</summary>
    public bool CatchUp { get; set; } = true;

    /// <summary>Where messages go when <c>Smtp:Host</c> is not set. Default is <c>outbox</c> under <c>Storage:Path</c>.</summary>
    public string? OutboxPath { get; set; }

    /// <summary>The surge digest to account owners.</summary>
    public SurgeDigestOptions Surge { get; set; } = new();
}

/// <summary>When a report runs and to whom it goes.</summary>
public sealed class ReportScheduleOptions
{
    /// <summary>A Quartz cron expression (seconds first), read in <see cref="TimeZone"/>: <c>0 0 8 ? * MON</c> is Monday 08:00.</summary>
    public string? Cron { get; set; }

    /// <summary>The IANA time zone of the cron expression; default <c>Reports:TimeZone</c>.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Recipients of this report; default <c>Reports:Recipients</c>.</summary>
    public List<string>? Recipients { get; set; }
}

/// <summary>The daily digest of surging accounts, one message per account owner (section <c>Reports:Surge</c>).</summary>
public sealed class SurgeDigestOptions
{
    /// <summary>When the digest runs (Quartz cron). Default is <c>0 0 7 * * ?</c>, every day at 07:00.</summary>
    public string Cron { get; set; } = "0 0 7 * * ?";

    /// <summary>The digest's IANA time zone; default <c>Reports:TimeZone</c>.</summary>
    public string? TimeZone { get; set; }

    /// <summary>An account is listed when its surge (points of the last 7 days ÷ its weekly mean of the 4 weeks before) reaches this. Default is 2.</summary>
    [Range(1, 1000)]
    public double Factor { get; set; } = 2;

    /// <summary>Owner (the accounts' <c>owner</c> value) to email address. No owners, no digest.</summary>
    public Dictionary<string, string> Owners { get; set; } = new(StringComparer.Ordinal);
}
