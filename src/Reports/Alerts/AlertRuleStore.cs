using System.Text.Json;
using Analytics.Metrics.Common;
using Analytics.Metrics.Journey;
using Analytics.Metrics.TargetLists;
using Analytics.Storage;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Analytics.Reports.Alerts;

/// <summary>The alert rules (<see cref="AlertTables.Rules"/>): listed, saved after their checks, deleted.</summary>
public sealed class AlertRuleStore(IClickHouseGateway gateway, IOptions<AlertOptions> options, TargetListRuleStore lists, TimeProvider clock)
{
    /// <summary>The longest name a rule may have.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The journey stages a rule may watch for: every stage but TARGET, which no account enters.</summary>
    public static IReadOnlyList<string> Stages { get; } = JourneyStages.Names.Skip(1).ToList();

    private static readonly string[] Columns =
        ["rule_id", "name", "kind", "parameters", "channel", "target", "secret", "enabled", "deleted", "created_at", "updated_at"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Every rule not deleted, by name.</summary>
    public Task<List<AlertRule>> ListAsync(CancellationToken cancellationToken) => gateway.ListAsync(
        "SELECT * FROM alert_rules FINAL WHERE NOT deleted ORDER BY name, rule_id", new QueryParameters(), ToRule, cancellationToken);

    /// <summary>The rule, or null when there is none (or it was deleted).</summary>
    public async Task<AlertRule?> FindAsync(string id, CancellationToken cancellationToken) => (await gateway.ListAsync(
        "SELECT * FROM alert_rules FINAL WHERE rule_id = {id:String} AND NOT deleted", new QueryParameters().Add("id", id), ToRule, cancellationToken))
        .SingleOrDefault();

    /// <summary>Creates or replaces a rule after checking it (<see cref="AlertRuleException"/> says what is wrong).</summary>
    public async Task<AlertRule> SaveAsync(AlertRuleInput input, CancellationToken cancellationToken)
    {
        var existing = input.Id is null ? null
            : await FindAsync(input.Id, cancellationToken) ?? throw new AlertRuleException($"There is no alert rule '{input.Id}'.");
        var now = clock.GetUtcNow().UtcDateTime;
        var rule = new AlertRule(
            existing?.Id ?? Guid.NewGuid().ToString("N"),
            input.Name.Trim(),
            input.Kind,
            input.Kind switch // only the kind's own parameters are kept
            {
                AlertKind.Surge => new AlertParameters(Factor: input.Parameters.Factor),
                AlertKind.StageEntered => new AlertParameters(Stage: input.Parameters.Stage),
                AlertKind.ListJoined => new AlertParameters(List: input.Parameters.List?.Trim()),
                _ => new AlertParameters(),
            },
            input.Channel,
            (input.Target ?? (existing?.Channel == input.Channel ? existing.Target : null))?.Trim()
                ?? throw new AlertRuleException(input.Channel == AlertChannel.Email ? "An email rule needs an address." : "A Slack or webhook rule needs a URL."),
            input.Channel == AlertChannel.Webhook ? input.Secret ?? existing?.Secret : null, // only a webhook signs
            input.Enabled,
            existing?.CreatedAt ?? now,
            now);
        await CheckAsync(rule, cancellationToken);
        await WriteAsync(rule, deleted: false, cancellationToken);
        return rule;
    }

    /// <summary>Deletes a rule; its alerts not yet delivered are not sent. Returns the rule as it was.</summary>
    public async Task<AlertRule> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var rule = await FindAsync(id, cancellationToken) ?? throw new AlertRuleException($"There is no alert rule '{id}'.");
        await WriteAsync(rule with { UpdatedAt = clock.GetUtcNow().UtcDateTime }, deleted: true, cancellationToken);
        return rule;
    }

    private async Task CheckAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        if (rule.Name.Length is 0 or > MaxNameLength)
        {
            throw new AlertRuleException($"A rule's name has 1 to {MaxNameLength} characters.");
        }

        switch (rule.Kind)
        {
            case AlertKind.Surge when rule.Parameters.Factor is not (> 0 and <= 1000):
                throw new AlertRuleException("A surge rule needs a factor above 0 and at most 1000 (2 = twice the account's usual week).");
            case AlertKind.StageEntered when !Stages.Contains(rule.Parameters.Stage):
                throw new AlertRuleException($"A stage rule needs one of the stages {string.Join(", ", Stages)}.");
            case AlertKind.ListJoined when rule.Parameters.List is not { Length: > 0 } list
                || !(await lists.ListAsync([list], cancellationToken)).Any():
                throw new AlertRuleException($"A list rule needs the name of a rule target list; '{rule.Parameters.List}' is none (imported lists record no joins).");
        }

        if (rule.Channel == AlertChannel.Email)
        {
            if (!MailboxAddress.TryParse(rule.Target, out var address) || !address.Address.Contains('@', StringComparison.Ordinal))
            {
                throw new AlertRuleException($"'{rule.Target}' is not an email address.");
            }

            return;
        }

        if (rule.Channel == AlertChannel.Webhook && (rule.Secret is null || rule.Secret.Length < 16))
        {
            throw new AlertRuleException("A webhook rule needs a secret of at least 16 characters to sign its alerts with.");
        }

        await new AddressGuard(options.Value.AllowPrivateAddresses).CheckUrlAsync(rule.Target, cancellationToken);
    }

    private Task WriteAsync(AlertRule rule, bool deleted, CancellationToken cancellationToken) => gateway.InsertAsync(AlertTables.Rules.Name, Columns,
        [[
            rule.Id, rule.Name, Name(rule.Kind), JsonSerializer.Serialize(rule.Parameters, Json), Name(rule.Channel), rule.Target,
            rule.Secret ?? string.Empty, rule.Enabled, deleted, rule.CreatedAt, rule.UpdatedAt,
        ]],
        cancellationToken);

    private static AlertRule ToRule(ClickHouseRow r) => new(
        r.Get<string>("rule_id"),
        r.Get<string>("name"),
        Parse<AlertKind>(r.Get<string>("kind")),
        JsonSerializer.Deserialize<AlertParameters>(r.Get<string>("parameters"), Json) ?? new AlertParameters(),
        Parse<AlertChannel>(r.Get<string>("channel")),
        r.Get<string>("target"),
        r.Key("secret"),
        r.Get<bool>("enabled"),
        r.Get<DateTime>("created_at"),
        r.Get<DateTime>("updated_at"));

    /// <summary>An enum value as stored and shown: <c>STAGE_ENTERED</c>.</summary>
    public static string Name<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));

    /// <summary>An enum value from its stored name.</summary>
    public static T Parse<T>(string stored) where T : struct, Enum => Enum.Parse<T>(stored.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true);
}
