using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Analytics.Ingestion.Tests.Http;
using static Analytics.Ingestion.Tests.Http.IngestServer;

namespace Analytics.Ingestion.Tests.Webhooks;

/// <summary>
/// Typeform's and Delighted's webhooks on a real server, fed the payloads their documentation gives: what is stored,
/// what is refused, signatures, roles and resends.
/// </summary>
[Collection(InProcessEngine.Collection)]
public sealed class SurveyWebhookTests : IAsyncLifetime
{
    private const string Secret = "typeform-secret-for-tests";

    private readonly string _folder = HostSettings.NewDataFolder();
    private ServerProcess _server = null!;

    public async Task InitializeAsync()
    {
        var settings = HostSettings.Embedded(_folder);
        settings["Surveys:Typeform:Secret"] = Secret;
        // The documented example is a city survey: its 1–5 opinion scale stands in for a CSAT question here, and its
        // hidden field user_id for the account.
        settings["Surveys:Typeform:Forms:lT4Z3j:Survey"] = "csat";
        settings["Surveys:Typeform:Forms:lT4Z3j:ScoreField"] = "readable_ref_opinion_scale";
        settings["Surveys:Typeform:Forms:lT4Z3j:AccountHiddenField"] = "user_id";
        settings["Surveys:Delighted:AccountProperty"] = "Company ID";
        _server = await ServerProcess.StartAsync(settings);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Typeforms_documented_example_is_stored_as_one_answer_however_often_it_is_sent()
    {
        var body = Fixture("typeform-example.json");

        var first = await PostAsync("/v1/webhooks/typeform", body, Sign(body));
        var resent = await PostAsync("/v1/webhooks/typeform", body, Sign(body));
        await WaitForDrainedAsync(_server);
        await _server.StopCleanlyAsync();

        Assert.Equal((HttpStatusCode.OK, """{"success":true,"accepted":1,"rejected":[],"rejectedCount":0,"rejectedTruncated":false,"deadLetters":0,"deadLettersTruncated":false,"note":null,"duplicates":0}"""), first);
        Assert.Equal(first, resent);
        Assert.Equal(
            [["typeform-a3a12ec67a1365927098a606107fac15", "csat", "2018-01-18 18:17:02.000", (byte)2,
              "It's cold right now! I live in an older medium-sized city with a university. Geographically, the area is hilly.",
              "abc123456", "laura@example.com", null]],
            await ReadStoppedAsync(_folder, "SELECT response_id, survey, toString(responded_at), score, comment, account_id, contact_id, segment FROM survey_responses FINAL"));
    }

    [Fact]
    public async Task A_Typeform_request_with_a_wrong_or_missing_signature_is_refused_and_nothing_is_kept()
    {
        var body = Fixture("typeform-example.json");

        var wrong = await PostAsync("/v1/webhooks/typeform", body, Sign(body.Replace("laura@", "mallory@", StringComparison.Ordinal)));
        var missing = await PostAsync("/v1/webhooks/typeform", body, signature: null);
        var good = await PostAsync("/v1/webhooks/typeform", body, Sign(body));
        await WaitForDrainedAsync(_server);
        await _server.StopCleanlyAsync();

        Assert.Equal((HttpStatusCode.Unauthorized, """{"success":false,"message":"the Typeform-Signature header does not match the body signed with Surveys:Typeform:Secret"}"""), wrong);
        Assert.Equal((HttpStatusCode.Unauthorized, """{"success":false,"message":"the Typeform-Signature header is missing, and Surveys:Typeform:Secret is set"}"""), missing);
        Assert.Equal(HttpStatusCode.OK, good.Status);
        Assert.Equal([[1ul, 0ul]], await ReadStoppedAsync(_folder, "SELECT (SELECT count() FROM survey_responses), (SELECT count() FROM dead_letters)"));
    }

    [Fact]
    public async Task Delighteds_documented_example_and_its_update_are_one_answer_and_other_events_are_refused()
    {
        var example = Fixture("delighted-example.json");
        var created = JsonNode.Parse(example)!;
        created["event_type"] = "survey_response.created";
        created["event_data"]!["score"] = 3;
        created["event_data"]!["comment"] = null;
        created["event_data"]!["person_properties"] = new JsonObject { ["Company ID"] = "initech", ["segment"] = "Enterprise" };
        var updated = JsonNode.Parse(created.ToJsonString())!;
        updated["event_type"] = "survey_response.updated";
        updated["event_data"]!["comment"] = "Onboarding took three months.";
        const string unsubscribe = """{"event_type": "unsubscribe.created", "event_id": "u1", "event_data": {"person": {"email": "x@example.com"}}}""";

        var answers = new[]
        {
            await PostAsync("/v1/webhooks/delighted", example),
            await PostAsync("/v1/webhooks/delighted", created.ToJsonString()),
            await PostAsync("/v1/webhooks/delighted", updated.ToJsonString()),
            await PostAsync("/v1/webhooks/delighted", unsubscribe),
        };
        await WaitForDrainedAsync(_server);
        await _server.StopCleanlyAsync();

        const string Accepted = """{"success":true,"accepted":1,"rejected":[],"rejectedCount":0,"rejectedTruncated":false,"deadLetters":0,"deadLettersTruncated":false,"note":null,"duplicates":0}""";
        Assert.Equal(
            [(HttpStatusCode.OK, Accepted), (HttpStatusCode.OK, Accepted), (HttpStatusCode.OK, Accepted),
             (HttpStatusCode.OK, """{"success":true,"accepted":0,"rejected":[{"index":0,"message":"event_type 'unsubscribe.created' is not a survey response (survey_response.created or survey_response.updated)"}],"rejectedCount":1,"rejectedTruncated":false,"deadLetters":1,"deadLettersTruncated":false,"note":null,"duplicates":0}""")],
            answers);
        // The example (id 5435) and the made-up detractor share the id: the detractor's update is the answer that stands.
        Assert.Equal(
            [["delighted-5435", "nps", "2024-11-21 11:00:44.000", (byte)3, "Onboarding took three months.", "initech", "charlie_gravis@example.com", "Enterprise"]],
            await ReadStoppedAsync(_folder, "SELECT response_id, survey, toString(responded_at), score, comment, account_id, contact_id, segment FROM survey_responses FINAL"));
        Assert.Equal([["delighted", "0", unsubscribe]], await ReadStoppedAsync(_folder, "SELECT source, location, payload FROM dead_letters"));
    }

    [Fact]
    public async Task An_answer_off_its_scale_is_refused_by_index_and_kept_as_a_dead_letter()
    {
        var body = JsonNode.Parse(Fixture("delighted-example.json"))!;
        body["event_data"]!["score"] = 11;

        var answer = await PostAsync("/v1/webhooks/delighted", body.ToJsonString());
        await WaitForDrainedAsync(_server);
        await _server.StopCleanlyAsync();

        Assert.Equal((HttpStatusCode.OK, """{"success":true,"accepted":0,"rejected":[{"index":0,"message":"score 11 is outside 0–10, the scale of nps scores"}],"rejectedCount":1,"rejectedTruncated":false,"deadLetters":1,"deadLettersTruncated":false,"note":null,"duplicates":0}"""), answer);
        Assert.Equal([[0ul]], await ReadStoppedAsync(_folder, "SELECT count() FROM survey_responses"));
    }

    [Theory]
    [InlineData("/v1/webhooks/typeform", null, HttpStatusCode.Unauthorized)]
    [InlineData("/v1/webhooks/typeform", HostSettings.ViewerKey, HttpStatusCode.Forbidden)]
    [InlineData("/v1/webhooks/delighted", null, HttpStatusCode.Unauthorized)]
    [InlineData("/v1/webhooks/delighted", HostSettings.SalesKey, HttpStatusCode.Forbidden)]
    public async Task Only_an_ingest_key_may_send_answers(string path, string? key, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Webhooks", "Fixtures", name));

    private static string Sign(string body) =>
        "sha256=" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body)));

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, string body, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostSettings.IngestKey);
        if (signature is not null)
        {
            request.Headers.Add("Typeform-Signature", signature);
        }

        using var response = await _server.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
