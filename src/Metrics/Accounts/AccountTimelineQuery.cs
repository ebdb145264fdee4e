using Analytics.Metrics.Common;

namespace Analytics.Metrics.Accounts;

public sealed record AccountTimelineRequest(string AccountId, DateWindow Window, int MaxEvents = 100);

public sealed record AccountProfile(
    string AccountId, string? Name, string? Domain, string? Industry, string? Country, string? Tier, string? Owner);

public sealed record TimelineEvent(DateTime Timestamp, string Channel, string Type, string Campaign, string Source, string Url, string ContactId);

public sealed record TimelineOpportunity(
    string OpportunityId, DateTime CreatedAt, DateTime? ClosedAt, string Status, string? Stage, decimal? Amount, string? Type);

public sealed record TimelineAnswer(string ResponseId, string Survey, DateTime RespondedAt, int Score, string Comment, string? Segment);

/// <summary>An account and what happened to it in a window: its newest events, its opportunities and its survey answers.</summary>
public sealed record AccountTimeline(
    AccountProfile Profile, IReadOnlyList<TimelineEvent> Events, bool MoreEvents,
    IReadOnlyList<TimelineOpportunity> Opportunities, IReadOnlyList<TimelineAnswer> Answers);

/// <summary>One account's drill-down; the one metric that reads raw events, for one account and a bounded number of them.</summary>
/// <remarks>
/// Query intuition: four small reads keyed by the account id, each on the table's sorting key where it has one:
/// the account (FINAL), its newest events in the window (events are sorted by account and time), its opportunities
/// created or closed in the window or open across it, and its survey answers in the window.
/// </remarks>
public sealed class AccountTimelineQuery(IClickHouseGateway gateway)
{
    public const int MaxEvents = 1000;

    private const string ProfileSql = """
        SELECT account_id, name, domain, industry, country, tier, owner FROM accounts FINAL WHERE account_id = {id:String}
        """;

    private const string EventsSql = """
        SELECT timestamp, channel, type, campaign, source, url, contact_id
        FROM events FINAL
        WHERE account_id = {id:String} AND timestamp >= {from_time:DateTime64(3, 'UTC')} AND timestamp < {to_time:DateTime64(3, 'UTC')}
        ORDER BY timestamp DESC, event_id
        LIMIT {limit:UInt32}
        """;

    private const string OpportunitiesSql = """
        SELECT opportunity_id, created_at, closed_at, status, stage, amount, type
        FROM opportunities FINAL
        WHERE account_id = {id:String} AND created_at < {to_time:DateTime64(3, 'UTC')}
          AND (closed_at IS NULL OR closed_at >= {from_time:DateTime64(3, 'UTC')})
        ORDER BY created_at, opportunity_id
        """;

    private const string AnswersSql = """
        SELECT response_id, survey, responded_at, score, comment, segment
        FROM survey_responses FINAL
        WHERE account_id = {id:String} AND responded_at >= {from_time:DateTime64(3, 'UTC')} AND responded_at < {to_time:DateTime64(3, 'UTC')}
        ORDER BY responded_at, response_id
        """;

    /// <summary>The account's timeline, or null when no account has this id and nothing refers to it.</summary>
    public async Task<AccountTimeline?> RunAsync(AccountTimelineRequest request, CancellationToken cancellationToken)
    {
        if (request.MaxEvents is < 0 or > MaxEvents)
        {
            throw new MetricArgumentException($"At most {MaxEvents} events can be read at once; {request.MaxEvents} were asked.");
        }

        var parameters = request.Window.ToParameters().Add("id", request.AccountId).Add("limit", (uint)request.MaxEvents + 1);
        var profiles = await gateway.ListAsync(ProfileSql, parameters, r => new AccountProfile(
            r.Get<string>("account_id"), r.Get<string?>("name"), r.Get<string?>("domain"), r.Get<string?>("industry"),
            r.Get<string?>("country"), r.Get<string?>("tier"), r.Get<string?>("owner")), cancellationToken);
        var events = await gateway.ListAsync(EventsSql, parameters, r => new TimelineEvent(
            r.Get<DateTime>("timestamp"), r.Get<string>("channel"), r.Get<string>("type"), r.Get<string>("campaign"),
            r.Get<string>("source"), r.Get<string>("url"), r.Get<string>("contact_id")), cancellationToken);
        var opportunities = await gateway.ListAsync(OpportunitiesSql, parameters, r => new TimelineOpportunity(
            r.Get<string>("opportunity_id"), r.Get<DateTime>("created_at"), r.Get<DateTime?>("closed_at"), r.Get<string>("status"),
            r.Get<string?>("stage"), r.Get<decimal?>("amount"), r.Get<string?>("type")), cancellationToken);
        var answers = await gateway.ListAsync(AnswersSql, parameters, r => new TimelineAnswer(
            r.Get<string>("response_id"), r.Get<string>("survey"), r.Get<DateTime>("responded_at"), r.Get<int>("score"),
            r.Get<string>("comment"), r.Get<string?>("segment")), cancellationToken);

        if (profiles.Count == 0 && events.Count == 0 && opportunities.Count == 0 && answers.Count == 0)
        {
            return null;
        }

        var profile = profiles.Count > 0 ? profiles[0] : new AccountProfile(request.AccountId, null, null, null, null, null, null);
        return new AccountTimeline(profile, events.Take(request.MaxEvents).ToList(), events.Count > request.MaxEvents, opportunities, answers);
    }
}
