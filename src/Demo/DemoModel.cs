using Analytics.Ingestion.Records;

namespace Analytics.Demo;

/// <summary>An account as the generator sees it: its CRM record plus the hidden traits that drive its behaviour.</summary>
internal sealed class DemoAccount
{
    public required AccountRecord Record { get; init; }

    public required string Id { get; init; }

    public required string Domain { get; init; }

    /// <summary>"Tier 1", "Tier 2", "Tier 3", or null for accounts outside the ABM programme.</summary>
    public string? Tier { get; init; }

    public bool IsTarget => Tier is not null;

    /// <summary>Survey segment by company size: Enterprise, Mid-market or SMB.</summary>
    public required string Segment { get; init; }

    public required int UtcOffset { get; init; }

    /// <summary>How interested the account is compared with its peers (median 1).</summary>
    public required double Intent { get; init; }

    /// <summary>A customer since before the window: answers surveys, may expand.</summary>
    public bool IsCustomer { get; set; }

    /// <summary>First day index of a recent surge, or null; the account reads far more in its last weeks.</summary>
    public int? SurgeFrom { get; set; }

    public double SurgeFactor { get; set; } = 1.0;

    public List<string> Lists { get; } = [];

    public List<DemoContact> Contacts { get; } = [];

    public List<OpportunityRecord> Opportunities { get; } = [];
}

/// <summary>A person at an account, with the browser id that carries their visits before anyone knows who they are.</summary>
internal sealed class DemoContact
{
    public required ContactRecord Record { get; init; }

    public required DemoAccount Account { get; init; }

    public required string AnonymousId { get; init; }

    /// <summary>Receives the newsletter and other marketing mail.</summary>
    public required bool Subscribed { get; init; }

    /// <summary>How readily this person opens and clicks (median 1).</summary>
    public required double Responsiveness { get; init; }

    /// <summary>Already known to the website (a returning, identified visitor) from before the window.</summary>
    public required bool KnownBefore { get; init; }

    /// <summary>When the website learned who this visitor is; their earlier visits stay anonymous on the wire.</summary>
    public DateTime? IdentifiedAt { get; set; }

    public string Email => Record.Email!;
}
