using Analytics.Ingestion.Webhooks;

namespace Analytics.Ingestion.Tests.Webhooks;

/// <summary>SendGrid's event webhook as marketers read it, on the fields of SendGrid's documented example events.</summary>
public sealed class SendGridEventTests
{
    private static EngagementEvent Parse(string json)
    {
        var (record, error) = SendGridEvent.Parse(JsonDocument.Parse(json).RootElement);
        Assert.Null(error);
        return Assert.IsType<EngagementEvent>(record);
    }

    [Fact]
    public void The_campaign_is_the_marketing_campaign_then_the_single_send_then_custom_arguments_then_the_category()
    {
        var campaign = Parse("""
            {"email": "example@test.com", "timestamp": 1513299569, "event": "click", "sg_event_id": "e1", "category": ["cat facts"],
             "marketing_campaign_id": 12345, "marketing_campaign_name": "Spring launch", "campaign": "custom", "url": "http://www.sendgrid.com/"}
            """);
        var singleSend = Parse("""
            {"email": "example@test.com", "timestamp": 1513299569, "event": "open", "sg_event_id": "e2", "category": ["cat facts"],
             "singlesend_id": "b1e6b3b0", "singlesend_name": "November newsletter"}
            """);
        var category = Parse("""{"email": "example@test.com", "timestamp": 1513299569, "event": "open", "sg_event_id": "e3", "category": ["cat facts"]}""");

        Assert.Equal(["Spring launch", "November newsletter", "cat facts"], new[] { campaign, singleSend, category }.Select(e => e.Campaign));
    }

    [Fact]
    public void An_open_marked_as_a_machine_open_is_kept_apart_from_a_persons_open()
    {
        var machine = Parse("""{"email": "example@test.com", "timestamp": 1513299569, "event": "open", "sg_event_id": "e4", "sg_machine_open": true}""");
        var person = Parse("""{"email": "example@test.com", "timestamp": 1513299569, "event": "open", "sg_event_id": "e5", "sg_machine_open": false}""");

        Assert.Equal(("machine_open", "open"), (machine.Type, person.Type));
        Assert.Equal(0, Analytics.Metrics.Scoring.ScoringModel.Default.PointsOf("email", machine.Type, ""));
    }
}
