using Analytics.Reports.Alerts;
using GraphQL.Types;

namespace Analytics.Api.GraphQL.Types;

public sealed class AlertKindType() : DescribedEnumType<AlertKind>("AlertKind", "What an alert rule watches for.", new Dictionary<AlertKind, string>
{
    [AlertKind.Surge] = "An engaged account's surge (points of the last 7 days ÷ its weekly mean of the 4 weeks before) reaches the rule's factor; once per account in 7 days.",
    [AlertKind.StageEntered] = "An account enters the rule's journey stage (AWARE, ENGAGED, OPPORTUNITY, CUSTOMER) at a midnight after the rule's creation day.",
    [AlertKind.FollowUpOpened] = "A detractor answer opened a follow-up (answers given within FollowUps:PromptWithinDays of it).",
    [AlertKind.ListJoined] = "An account joins the rule's rule target list (a recompute finds it a member) after the rule's creation.",
});

public sealed class AlertChannelType() : DescribedEnumType<AlertChannel>("AlertChannel", "Where a rule's alerts go.", new Dictionary<AlertChannel, string>
{
    [AlertChannel.Slack] = "A Slack incoming-webhook URL: a Block Kit message naming the account, with a link to it.",
    [AlertChannel.Webhook] = "Any http(s) URL: JSON signed with HMAC-SHA256 in the Analytics-Signature header (docs/contract.md).",
    [AlertChannel.Email] = "An email address, through the server's SMTP settings (or its outbox folder).",
});

public sealed class AlertStatusType() : DescribedEnumType<AlertStatus>("AlertStatus", "Where an alert's delivery stands.", new Dictionary<AlertStatus, string>
{
    [AlertStatus.Pending] = "Not delivered yet: waiting for its first attempt or its next retry.",
    [AlertStatus.Delivered] = "An attempt succeeded (a 2xx answer, or the email was handed over).",
    [AlertStatus.Failed] = "Every attempt (Alerts:MaxAttempts) failed, or its rule was deleted or disabled before delivery.",
});

public sealed class AlertRuleType : ObjectGraphType<AlertRule>
{
    public AlertRuleType()
    {
        Name = "AlertRule";
        Description = "An alert rule as admins see it: never its secret, and a URL only as its scheme and host (a Slack URL is itself a secret).";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The rule's id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Description("Its name, shown in every alert.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<AlertKindType>>("kind").Description("What it watches for.").Resolve(c => c.Source.Kind);
        Field<FloatGraphType>("factor").Description("SURGE: the surge to reach (2 = twice the usual week); null for other kinds.").Resolve(c => c.Source.Parameters.Factor);
        Field<StringGraphType>("stage").Description("STAGE_ENTERED: the journey stage; null for other kinds.").Resolve(c => c.Source.Parameters.Stage);
        Field<StringGraphType>("list").Description("LIST_JOINED: the rule target list; null for other kinds.").Resolve(c => c.Source.Parameters.List);
        Field<NonNullGraphType<AlertChannelType>>("channel").Description("Where its alerts go.").Resolve(c => c.Source.Channel);
        Field<NonNullGraphType<StringGraphType>>("target").Description("The email address, or the URL masked to its scheme and host (https://hooks.slack.com/…).").Resolve(c => c.Source.MaskedTarget);
        Field<NonNullGraphType<BooleanGraphType>>("hasSecret").Description("Whether a signing secret is stored (webhooks need one); the secret itself is never shown.").Resolve(c => c.Source.Secret is not null);
        Field<NonNullGraphType<BooleanGraphType>>("enabled").Description("Whether it is checked; a disabled rule's undelivered alerts are not sent.").Resolve(c => c.Source.Enabled);
        Field<NonNullGraphType<StringGraphType>>("createdAt").Description("When it was created (ISO-8601, UTC); it alerts on what happens after.").Resolve(c => AccountType.Iso(c.Source.CreatedAt));
        Field<NonNullGraphType<StringGraphType>>("updatedAt").Description("When it was last saved (ISO-8601, UTC).").Resolve(c => AccountType.Iso(c.Source.UpdatedAt));
    }
}

public sealed class AlertAttemptType : ObjectGraphType<AlertAttempt>
{
    public AlertAttemptType()
    {
        Name = "AlertAttempt";
        Description = "One delivery attempt of an alert.";
        Field<NonNullGraphType<IntGraphType>>("attempt").Description("1 for the first attempt.").Resolve(c => c.Source.Attempt);
        Field<NonNullGraphType<StringGraphType>>("at").Description("When it was made (ISO-8601, UTC).").Resolve(c => AccountType.Iso(c.Source.At));
        Field<IntGraphType>("statusCode").Description("The receiver's HTTP status; null for email or when nothing answered.").Resolve(c => c.Source.StatusCode);
        Field<StringGraphType>("error").Description("Why it failed; null when it succeeded.").Resolve(c => c.Source.Error);
        Field<NonNullGraphType<IntGraphType>>("durationMs").Description("How long it took, in milliseconds.").Resolve(c => c.Source.DurationMs);
    }
}

/// <summary>An alert with its rule's name (null once the rule is deleted) and its attempts.</summary>
public sealed record AlertDeliveryView(Alert Alert, string? RuleName, IReadOnlyList<AlertAttempt> History);

public sealed class AlertDeliveryType : ObjectGraphType<AlertDeliveryView>
{
    public AlertDeliveryType()
    {
        Name = "AlertDelivery";
        Description = "A detected alert and its delivery: status, attempts, the last error and every attempt.";
        Field<NonNullGraphType<IdGraphType>>("key").Description("The alert's idempotency key (the webhook's id and Idempotency-Key): the same for every attempt.").Resolve(c => c.Source.Alert.Key);
        Field<NonNullGraphType<IdGraphType>>("ruleId").Description("The rule that raised it.").Resolve(c => c.Source.Alert.RuleId);
        Field<StringGraphType>("ruleName").Description("The rule's name; null when it was deleted.").Resolve(c => c.Source.RuleName);
        Field<NonNullGraphType<AlertKindType>>("kind").Description("What happened.").Resolve(c => c.Source.Alert.Kind);
        Field<IdGraphType>("accountId").Description("The account; null when unknown (a follow-up of an answer without an account).").Resolve(c => c.Source.Alert.AccountId);
        Field<StringGraphType>("accountName").Description("The account's name when it was detected; null when unknown.").Resolve(c => c.Source.Alert.AccountName);
        Field<NonNullGraphType<StringGraphType>>("summary").Description("What happened, in a sentence.").Resolve(c => c.Source.Alert.Summary);
        Field<NonNullGraphType<StringGraphType>>("occurredAt").Description("When it happened (ISO-8601, UTC): detection for a surge, the midnight of a stage entry, a follow-up's opening.").Resolve(c => AccountType.Iso(c.Source.Alert.OccurredAt));
        Field<NonNullGraphType<StringGraphType>>("detectedAt").Description("When it was written to the outbox.").Resolve(c => AccountType.Iso(c.Source.Alert.DetectedAt));
        Field<NonNullGraphType<AlertStatusType>>("status").Description("PENDING, DELIVERED or FAILED.").Resolve(c => c.Source.Alert.Status);
        Field<NonNullGraphType<IntGraphType>>("attempts").Description("Delivery attempts made.").Resolve(c => c.Source.Alert.Attempts);
        Field<StringGraphType>("lastError").Description("The last failed attempt's error; null when none failed.").Resolve(c => c.Source.Alert.LastError);
        Field<StringGraphType>("nextAttemptAt").Description("When it is tried next; null unless PENDING.").Resolve(c => c.Source.Alert.Status == AlertStatus.Pending ? AccountType.Iso(c.Source.Alert.NextAttemptAt) : null);
        Field<StringGraphType>("deliveredAt").Description("When it was delivered; null until then.").Resolve(c => c.Source.Alert.DeliveredAt is { } t ? AccountType.Iso(t) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AlertAttemptType>>>>("history").Description("Every attempt, in order.").Resolve(c => c.Source.History);
    }
}
