using Analytics.Metrics.Common;
using Analytics.Reports.FollowUps;
using Analytics.Storage;
using Microsoft.Extensions.Options;

namespace Analytics.Reports.Alerts;

/// <summary>
/// Follow-ups opened since the rule was created (within the last <see cref="AlertOccurrence.Horizon"/>), for answers
/// given at most <c>FollowUps:PromptWithinDays</c> before (as the owners' prompts: a history imported from CSV opens
/// follow-ups without alerts). The key is the follow-up's id. The comment is left out: an alert is no copy of what a
/// person said.
/// </summary>
public sealed class FollowUpOpenedDetector(IClickHouseGateway gateway, IOptions<FollowUpOptions> followUps) : IAlertDetector
{
    private const string Sql = """
        SELECT f.follow_up_id AS follow_up_id, f.survey AS survey, f.score AS score, f.responded_at AS responded_at,
            f.opened_at AS opened_at, f.account_id AS account_id, a.name AS name
        FROM (
            SELECT * FROM follow_ups FINAL
            WHERE opened_at >= {since:DateTime64(3, 'UTC')} AND responded_at >= opened_at - toIntervalSecond({within:Int64})
        ) AS f
        LEFT JOIN (SELECT account_id, name FROM accounts FINAL) AS a ON a.account_id = f.account_id
        ORDER BY opened_at, follow_up_id
        """;

    public AlertKind Kind => AlertKind.FollowUpOpened;

    public async Task<IReadOnlyList<AlertOccurrence>> DetectAsync(AlertRule rule, DateTime now, CancellationToken cancellationToken)
    {
        var rows = await gateway.ListAsync(Sql,
            new QueryParameters().Add("since", AlertOccurrence.Since(rule, now)).Add("within", (long)TimeSpan.FromDays(followUps.Value.PromptWithinDays).TotalSeconds),
            r => (Id: r.Get<string>("follow_up_id"), Survey: r.Get<string>("survey"), Score: r.Get<int>("score"), Answered: r.Get<DateTime>("responded_at"),
                Opened: r.Get<DateTime>("opened_at"), Account: r.Key("account_id"), Name: r.Key("name")),
            cancellationToken);
        return rows.Select(f => new AlertOccurrence(
            AlertOccurrence.KeyOf(rule.Id, Kind, f.Account, f.Id), rule.Id, Kind, f.Account, f.Name, f.Opened,
            $"{f.Name ?? f.Account ?? "An unknown account"} answered {f.Score} on {f.Survey}: a detractor follow-up was opened.",
            new Dictionary<string, object?>
            {
                ["followUpId"] = f.Id, ["survey"] = f.Survey, ["score"] = f.Score, ["respondedAt"] = f.Answered,
            })).ToList();
    }
}
