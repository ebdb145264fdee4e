using Analytics.Ingestion.Identity;
using Analytics.Ingestion.Records;
using Analytics.Ingestion.Spool;

namespace Analytics.Ingestion.Writing;

/// <summary>
/// The rows each record becomes, table by table. <c>updated_at</c> is the time the spool accepted the entry, so a
/// replay writes identical rows and ReplacingMergeTree keeps one; absent text becomes '' only where the column is not Nullable.
/// </summary>
internal static class RecordRows
{
    public static readonly string[] EventColumns =
        ["event_id", "timestamp", "received_at", "channel", "type", "account_id", "contact_id", "anonymous_id", "campaign", "source", "url", "properties"];

    public static object?[] Event(EngagementEvent e, DateTime receivedAt, string? accountId) =>
    [
        e.EventId, e.Timestamp, receivedAt, e.Channel, e.Type, accountId ?? string.Empty, ContactIdOf(e) ?? string.Empty,
        e.AnonymousId ?? string.Empty, e.Campaign ?? string.Empty, e.Source ?? string.Empty, e.Url ?? string.Empty, e.PropertiesJson ?? "{}",
    ];

    /// <summary>An event's contact: the Segment userId when there is one, else the email.</summary>
    public static string? ContactIdOf(EngagementEvent e) => e.ContactId ?? e.ContactEmail;

    public static readonly string[] AccountColumns =
        ["account_id", "name", "domain", "industry", "employees", "annual_revenue", "country", "tier", "owner", "updated_at", "origin", "group_attributes"];

    public static object?[] Account(StoredAccount a) =>
        [a.AccountId, a.Name, a.Domain, a.Industry, a.Employees, a.AnnualRevenue, a.Country, a.Tier, a.Owner, a.UpdatedAt, a.Origin, a.GroupAttributes.ToArray()];

    public static readonly string[] GroupColumns =
        ["group_id", "account_id", "name", "domain", "industry", "employees", "member_domains", "updated_at"];

    /// <summary>A group's row at <paramref name="at"/>, or at its stored row's time when that is later, so the new row wins.</summary>
    public static object?[] Group(StoredGroup g, DateTime at) =>
        [g.GroupId, g.AccountId, g.Traits.Name, g.Traits.Domain, g.Traits.Industry, g.Traits.Employees, g.MemberDomains.ToArray(), at > g.UpdatedAt ? at : g.UpdatedAt];

    public static readonly string[] TargetColumns = ["list", "account_id", "added_at", "removed_at", "updated_at"];

    public static object?[] Target(TargetListMember t, DateTime receivedAt) => [t.List, t.AccountId, receivedAt, null, receivedAt];

    public static readonly string[] ContactColumns = ["contact_id", "email", "account_id", "name", "title", "first_seen", "last_seen", "updated_at"];

    public static object?[] Contact(ContactRecord c, DateTime receivedAt, string? accountId) =>
        [c.ContactId, c.Email, accountId ?? string.Empty, c.Name, c.Title, null, null, receivedAt];

    public static readonly string[] OpportunityColumns =
        ["opportunity_id", "account_id", "created_at", "closed_at", "status", "stage", "amount", "type", "updated_at"];

    public static object?[] Opportunity(OpportunityRecord o, DateTime receivedAt) =>
        [o.OpportunityId, o.AccountId ?? string.Empty, o.CreatedAt, o.ClosedAt, o.Status, o.Stage, o.Amount, o.Type, receivedAt];

    public static readonly string[] SurveyColumns =
        ["response_id", "survey", "responded_at", "score", "comment", "account_id", "contact_id", "segment", "updated_at"];

    public static object?[] Survey(SurveyResponseRecord s, DateTime receivedAt, string? accountId) =>
        [s.ResponseId, s.Survey, s.RespondedAt, s.Score, s.Comment ?? string.Empty, accountId ?? string.Empty, s.ContactEmail ?? string.Empty, s.Segment, receivedAt];

    public static readonly string[] AdColumns =
        ["date", "campaign", "platform", "account_id", "account_domain", "impressions", "clicks", "spend", "updated_at"];

    public static object?[] Ad(AdPerformanceRecord a, DateTime receivedAt, string? accountId) =>
    [
        a.Date, a.Campaign, a.Platform ?? string.Empty, accountId ?? string.Empty, EmailDomains.Normalize(a.AccountDomain) ?? string.Empty,
        a.Impressions, a.Clicks, a.Spend, receivedAt,
    ];

    public static readonly string[] IntentColumns = ["account_id", "topic", "score", "week", "updated_at"];

    public static object?[] Intent(IntentRecord i, DateTime receivedAt) => [i.AccountId, i.Topic, i.Score, i.Week, receivedAt];

    public static readonly string[] IdentityColumns = ["alias", "person_id", "email", "account_id", "updated_at"];

    public static object?[] Identity(AliasIdentity i, DateTime receivedAt) => [i.Alias, i.PersonId, i.Email, i.AccountId, receivedAt];

    public static readonly string[] DeadLetterColumns = ["received_at", "source", "location", "reason", "payload"];

    public static object?[] DeadLetterRow(DeadLetter d, DateTime receivedAt, string source) => [receivedAt, source, d.Location, d.Reason, d.Payload];
}
