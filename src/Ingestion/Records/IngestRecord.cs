using System.Text.Json.Serialization;

namespace Analytics.Ingestion.Records;

/// <summary>
/// One validated record on its way to a table: what every source (tracking API, webhooks, CSV import, demo data)
/// produces and what the durable spool stores. Times are UTC. Optional text is null when absent, never empty.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(EngagementEvent), "event")]
[JsonDerivedType(typeof(AccountRecord), "account")]
[JsonDerivedType(typeof(TargetListMember), "target")]
[JsonDerivedType(typeof(ContactRecord), "contact")]
[JsonDerivedType(typeof(OpportunityRecord), "opportunity")]
[JsonDerivedType(typeof(SurveyResponseRecord), "survey")]
[JsonDerivedType(typeof(AdPerformanceRecord), "ad")]
[JsonDerivedType(typeof(IdentityLink), "identity")]
[JsonDerivedType(typeof(IntentRecord), "intent")]
public abstract record IngestRecord;

/// <summary>An engagement event: ad, email, web, event or other. <see cref="EventId"/> is the dedup key.</summary>
public sealed record EngagementEvent(
    string EventId,
    DateTime Timestamp,
    string Channel,
    string Type,
    string? AccountId = null,
    string? ContactId = null,
    string? ContactEmail = null,
    string? AnonymousId = null,
    string? Campaign = null,
    string? Source = null,
    string? Url = null,
    string? PropertiesJson = null) : IngestRecord
{
    /// <summary>The channels an event may have.</summary>
    public static readonly IReadOnlySet<string> Channels = new HashSet<string>(StringComparer.Ordinal) { "ad", "email", "web", "event", "other" };
}

/// <summary>A CRM account; a later record with the same id replaces the earlier.</summary>
public sealed record AccountRecord(
    string AccountId,
    string? Name = null,
    string? Domain = null,
    string? Industry = null,
    uint? Employees = null,
    decimal? AnnualRevenue = null,
    string? Country = null,
    string? Tier = null,
    string? Owner = null) : IngestRecord;

/// <summary>An account on a target list.</summary>
public sealed record TargetListMember(string List, string AccountId) : IngestRecord;

/// <summary>A contact, known by id or email (at least one), possibly tied to an account.</summary>
public sealed record ContactRecord(
    string ContactId,
    string? Email = null,
    string? AccountId = null,
    string? Name = null,
    string? Title = null) : IngestRecord;

/// <summary>An opportunity. Status is <c>open</c>, <c>won</c> or <c>lost</c>; won and lost have <see cref="ClosedAt"/>.</summary>
public sealed record OpportunityRecord(
    string OpportunityId,
    string? AccountId,
    DateTime CreatedAt,
    DateTime? ClosedAt,
    string Status,
    string? Stage = null,
    decimal? Amount = null,
    string? Type = null) : IngestRecord;

/// <summary>A survey answer: <c>nps</c> (0–10) or <c>csat</c> (1–5).</summary>
public sealed record SurveyResponseRecord(
    string ResponseId,
    string Survey,
    DateTime RespondedAt,
    byte Score,
    string? Comment = null,
    string? AccountId = null,
    string? ContactEmail = null,
    string? Segment = null) : IngestRecord;

/// <summary>Daily ad statistics of a campaign, per account when the platform reports it.</summary>
public sealed record AdPerformanceRecord(
    DateOnly Date,
    string Campaign,
    string? Platform = null,
    string? AccountId = null,
    string? AccountDomain = null,
    ulong Impressions = 0,
    ulong Clicks = 0,
    decimal Spend = 0) : IngestRecord;

/// <summary>
/// What an <c>identify</c> or <c>group</c> call says: this user (or anonymous visitor) is this contact, has this email,
/// belongs to this account. Earlier events of the user count for the account once it is known. A <c>group</c> call
/// carries <see cref="Group"/>: its <see cref="AccountId"/> is then the group id as the sender knows it, which may be
/// a product's own organisation id that identity resolution links to a CRM account (GroupLinking).
/// </summary>
public sealed record IdentityLink(
    string? UserId,
    string? AnonymousId,
    string? Email = null,
    string? AccountId = null,
    string? TraitsJson = null,
    GroupTraits? Group = null) : IngestRecord;

/// <summary>
/// The account attributes a Segment <c>group</c> call's traits name (its spec's <c>name</c>, <c>industry</c>,
/// <c>employees</c>, <c>website</c>, and the common <c>domain</c>); each null when not given. A CRM import stays
/// authoritative over them (docs/design.md, "Segment groups").
/// </summary>
public sealed record GroupTraits(string? Name = null, string? Domain = null, string? Industry = null, uint? Employees = null);

/// <summary>
/// A third-party intent score: how strongly an account researched a topic in a week (its Monday), 0–100. A row names
/// the account by id, or by domain; the intake resolves a domain to its account before the record is spooled, so a
/// spooled record always has <see cref="AccountId"/>. One row per account, topic and week: a later one replaces it.
/// </summary>
public sealed record IntentRecord(string AccountId, string Topic, byte Score, DateOnly Week, string? Domain = null) : IngestRecord;
