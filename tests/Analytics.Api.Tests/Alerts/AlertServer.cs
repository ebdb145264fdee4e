using System.Globalization;

namespace Analytics.Api.Tests.Alerts;

/// <summary>What the alert tests do with a server process: its settings, CSV imports, GraphQL, waiting for deliveries.</summary>
internal static class AlertServer
{
    public const string Secret = "whsec-test-0123456789abcdef";

    public const string Deliveries =
        "{ alertDeliveries(first: 50) { key ruleName kind accountId accountName status attempts lastError history { attempt statusCode error } } }";

    /// <summary>A server on <paramref name="folder"/> whose alert rounds are quick and that may post to loopback.</summary>
    public static Dictionary<string, string> Settings(string folder, bool allowPrivate = true)
    {
        var settings = HostSettings.Embedded(folder);
        settings["Alerts:AllowPrivateAddresses"] = allowPrivate ? "true" : "false";
        settings["Alerts:IntervalSeconds"] = "0.5";
        settings["Alerts:DeliveryIntervalSeconds"] = "0.2";
        settings["Alerts:RetryBaseSeconds"] = "0.2";
        settings["Alerts:RetryMaxSeconds"] = "1";
        settings["Journey:IndexIntervalSeconds"] = "1";
        settings["FollowUps:IntervalSeconds"] = "0.2";
        return settings;
    }

    public static async Task ImportAsync(ServerProcess server, string kind, string csv)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/import/{kind}") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostSettings.IngestKey);
        using var response = await server.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK && body.Contains("\"rejected\":0", StringComparison.Ordinal), $"{kind} answered {(int)response.StatusCode}: {body}");
    }

    /// <summary>A detractor answer of <paramref name="account"/> given now.</summary>
    public static Task AnswerAsync(ServerProcess server, string responseId, string account) => ImportAsync(server, "survey-responses",
        $"response_id,survey,responded_at,score,comment,account_id\n{responseId},nps,{Iso(DateTime.UtcNow.AddMinutes(-1))},3,Too slow,{account}\n");

    public static async Task<JsonElement> GraphQLAsync(ServerProcess server, string query, object? variables = null, string key = HostSettings.AdminKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await server.Client.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Saves a rule and returns its id (failing the test with the errors if it was refused).</summary>
    public static async Task<string> SaveRuleAsync(ServerProcess server, object rule)
    {
        const string Save = """
            mutation ($name: String!, $kind: AlertKind!, $factor: Float, $stage: String, $channel: AlertChannel!, $url: String, $address: String, $secret: String) {
              saveAlertRule(name: $name, kind: $kind, factor: $factor, stage: $stage, channel: $channel, url: $url, address: $address, secret: $secret) { id }
            }
            """;
        var answer = await GraphQLAsync(server, Save, rule);
        Assert.False(answer.TryGetProperty("errors", out var errors), errors.ToString());
        return answer.GetProperty("data").GetProperty("saveAlertRule").GetProperty("id").GetString()!;
    }

    /// <summary>Polls the delivery history until it fits.</summary>
    public static async Task<JsonElement> WaitForDeliveriesAsync(ServerProcess server, Func<JsonElement[], bool> done)
    {
        var body = await Eventually.MatchAsync("the alert deliveries awaited", () => GraphQLAsync(server, Deliveries),
            b => b.TryGetProperty("data", out var data) && done(data.GetProperty("alertDeliveries").EnumerateArray().ToArray()));
        return body.GetProperty("data").GetProperty("alertDeliveries");
    }

    public static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
