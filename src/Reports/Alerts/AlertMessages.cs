using System.Globalization;
using System.Text.Json.Nodes;
using Analytics.Reports.Delivery;

namespace Analytics.Reports.Alerts;

/// <summary>What an alert says on each channel: the webhook's JSON, Slack's Block Kit message, the email.</summary>
public sealed class AlertMessages(Uri publicUrl)
{
    /// <summary>The account's view in the UI: the sales dashboard with the account chosen (its timeline).</summary>
    public string? AccountUrl(string? accountId) =>
        accountId is null ? null : new Uri(publicUrl, "#/sales?accountId=" + Uri.EscapeDataString(accountId)).AbsoluteUri;

    /// <summary>
    /// <c>{ "id", "kind", "rule": {id, name}, "account": {id, name, url} (null when unknown), "occurredAt", "summary", "details" }</c>:
    /// the same body on every attempt.
    /// </summary>
    public string WebhookBody(Alert alert, AlertRule rule) => new JsonObject
    {
        ["id"] = alert.Key,
        ["kind"] = AlertRuleStore.Name(alert.Kind),
        ["rule"] = new JsonObject { ["id"] = rule.Id, ["name"] = rule.Name },
        ["account"] = alert.AccountId is null ? null : new JsonObject
        {
            ["id"] = alert.AccountId, ["name"] = alert.AccountName, ["url"] = AccountUrl(alert.AccountId),
        },
        ["occurredAt"] = Iso(alert.OccurredAt),
        ["summary"] = alert.Summary,
        ["details"] = JsonNode.Parse(alert.Details),
    }.ToJsonString();

    /// <summary>
    /// A Slack incoming-webhook body: <c>text</c> (the notification's fallback) and <c>blocks</c>: a section naming the
    /// account (a link to it in the UI) and what happened, a button to the account, and a context line with the rule
    /// and the time. Text is escaped as Slack's mrkdwn asks (&amp;, &lt;, &gt;).
    /// </summary>
    public string SlackBody(Alert alert, AlertRule rule)
    {
        var account = alert.AccountName ?? alert.AccountId ?? "An unknown account";
        var url = AccountUrl(alert.AccountId);
        var headline = url is null ? $"*{Escape(account)}*" : $"*<{url}|{Escape(account)}>*";
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "section",
                ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = $"{headline}\n{Escape(alert.Summary)}" },
            },
        };
        if (url is not null)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["type"] = "button",
                        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Open the account" },
                        ["url"] = url,
                    },
                },
            });
        }

        blocks.Add(new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray
            {
                new JsonObject { ["type"] = "mrkdwn", ["text"] = $"Alert rule *{Escape(rule.Name)}* · {alert.OccurredAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" },
            },
        });
        return new JsonObject { ["text"] = alert.Summary, ["blocks"] = blocks }.ToJsonString();
    }

    /// <summary>The email: the summary, the rule and a link to the account.</summary>
    public OutgoingMessage Email(Alert alert, AlertRule rule)
    {
        var account = alert.AccountName ?? alert.AccountId ?? "an unknown account";
        var url = AccountUrl(alert.AccountId);
        var rows = new List<IReadOnlyList<string?>> { new[] { "Account", account }, new[] { "Rule", rule.Name }, new[] { "When", Iso(alert.OccurredAt) } };
        if (url is not null)
        {
            rows.Add(new[] { "Link", url });
        }

        var html = OutgoingMessage.HtmlTable("Alert: " + rule.Name, alert.Summary, ["", ""], rows);
        var text = $"{alert.Summary}\n\nRule: {rule.Name}\nWhen: {Iso(alert.OccurredAt)}" + (url is null ? string.Empty : $"\nAccount: {url}");
        return new OutgoingMessage([rule.Target], $"Alert: {account} – {rule.Name}", html, text, null, $"alert-{alert.Key}");
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
