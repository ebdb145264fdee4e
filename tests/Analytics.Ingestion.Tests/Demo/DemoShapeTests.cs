namespace Analytics.Ingestion.Tests.Demo;

[Collection(DemoCollection.Name)]
public sealed class DemoShapeTests(DemoFixture fixture)
{
    /// <summary>docs/contract.md's CSV kinds: every column, then the required ones.</summary>
    public static TheoryData<string, string, string> Kinds => new()
    {
        { "accounts", "account_id,name,domain,industry,employees,annual_revenue,country,tier,owner", "account_id" },
        { "target-accounts", "list,account_id", "list,account_id" },
        { "contacts", "contact_id,email,account_id,name,title", "contact_id,email" },
        { "opportunities", "opportunity_id,account_id,created_at,closed_at,status,stage,amount,type", "opportunity_id,created_at,status" },
        { "survey-responses", "response_id,survey,responded_at,score,comment,account_id,contact_email,segment", "survey,responded_at,score" },
        { "ad-performance", "date,campaign,platform,account_id,account_domain,impressions,clicks,spend", "date,campaign" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_csv_parses_with_a_real_reader_and_has_the_contract_columns(string kind, string columns, string required)
    {
        var file = fixture.Data.CsvFiles.Single(f => f.Kind == kind);
        var (header, rows, fieldCounts) = CsvTable.Read(file.Text);

        Assert.Equal(columns.Split(','), header);
        Assert.Equal(file.Rows, rows.Count);
        Assert.True(rows.Count > 0, $"{kind} has rows");
        Assert.All(fieldCounts, n => Assert.Equal(header.Length, n));
        Assert.All(rows, row => Assert.All(required.Split(','), column => Assert.NotEqual("", row[column])));
        Assert.EndsWith("\r\n", file.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_free_text_survives_quoting()
    {
        var expected = fixture.Data.SurveyResponses.Select(r => r.Comment ?? "").ToList();
        var read = fixture.Rows("survey-responses").Select(r => r["comment"].ReplaceLineEndings("\n")).ToList();

        Assert.Equal(expected, read);
        Assert.Contains(read, c => c.Contains(',', StringComparison.Ordinal));
        Assert.Contains(read, c => c.Contains('"', StringComparison.Ordinal));
        Assert.Contains(read, c => c.Contains('\n', StringComparison.Ordinal));
    }

    [Fact]
    public void Csv_values_have_the_contract_formats()
    {
        Assert.All(fixture.Rows("opportunities"), r =>
        {
            Assert.Contains(r["status"], new[] { "open", "won", "lost" });
            Assert.Equal(r["status"] != "open", r["closed_at"] != "");
            Assert.True(DateTimeOffset.TryParse(r["created_at"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
            Assert.True(decimal.TryParse(r["amount"], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) && amount > 0);
        });
        Assert.All(fixture.Rows("survey-responses"), r =>
        {
            var score = int.Parse(r["score"], CultureInfo.InvariantCulture);
            Assert.InRange(score, r["survey"] == "nps" ? 0 : 1, r["survey"] == "nps" ? 10 : 5);
        });
        Assert.All(fixture.Rows("ad-performance"), r =>
        {
            Assert.True(DateOnly.TryParseExact(r["date"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
            Assert.True(ulong.Parse(r["clicks"], CultureInfo.InvariantCulture) <= ulong.Parse(r["impressions"], CultureInfo.InvariantCulture));
        });
    }

    [Fact]
    public void Accounts_make_an_abm_programme_of_about_two_thousand_targets()
    {
        var accounts = fixture.Rows("accounts");
        var targets = fixture.Rows("target-accounts");
        var tiers = accounts.GroupBy(a => a["tier"]).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(2000, tiers["Tier 1"] + tiers["Tier 2"] + tiers["Tier 3"]);
        Assert.True(tiers["Tier 1"] < tiers["Tier 2"] && tiers["Tier 2"] < tiers["Tier 3"]);
        Assert.True(tiers[""] > 0, "some accounts are outside the programme");
        Assert.Equal(accounts.Count, accounts.Select(a => a["domain"]).Distinct().Count());
        Assert.True(accounts.Select(a => a["industry"]).Distinct().Count() >= 10);
        Assert.True(accounts.Select(a => a["country"]).Distinct().Count() >= 10);
        Assert.InRange(accounts.Select(a => a["owner"]).Where(o => o != "").Distinct().Count(), 4, 8);
        Assert.Equal(2000, targets.Select(t => t["account_id"]).Distinct().Count());
        Assert.Contains(targets, t => t["list"] == "Enterprise ABM");
        Assert.Contains(targets, t => t["list"] == "Mid-market expansion");

        var contacts = fixture.Rows("contacts");
        var domains = accounts.Select(a => a["domain"]).ToHashSet();
        var onDomain = contacts.Count(c => domains.Contains(c["email"].Split('@')[1]));
        Assert.InRange((double)onDomain / contacts.Count, 0.85, 0.99); // the rest use free mail
    }

    [Fact]
    public void Segment_bodies_fit_the_limits_and_carry_well_formed_calls()
    {
        Assert.All(fixture.Data.SegmentBatches, b =>
        {
            Assert.InRange(b.Body.Length, 1, 500_000);
            Assert.InRange(b.Count, 1, 500);
            Assert.Equal(b.Count, JsonDocument.Parse(b.Body).RootElement.GetProperty("batch").GetArrayLength());
        });
        var channels = new[] { "ad", "email", "web", "event", "other" };
        Assert.All(fixture.SegmentMessages, m =>
        {
            var type = m.GetProperty("type").GetString();
            Assert.Contains(type, new[] { "track", "page", "identify", "group" });
            Assert.False(string.IsNullOrEmpty(m.GetProperty("messageId").GetString()));
            Assert.True(DateTimeOffset.TryParse(m.GetProperty("timestamp").GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
            Assert.True(m.TryGetProperty("anonymousId", out _) || m.TryGetProperty("userId", out _));
            if (type == "track")
            {
                Assert.Contains(m.GetProperty("properties").GetProperty("channel").GetString(), channels);
                Assert.False(string.IsNullOrEmpty(m.GetProperty("event").GetString()));
            }

            if (type == "page")
            {
                Assert.StartsWith("https://", m.GetProperty("properties").GetProperty("url").GetString(), StringComparison.Ordinal);
            }

            if (type == "group")
            {
                Assert.Matches("^(acct_|org_)", m.GetProperty("groupId").GetString());
            }
        });
    }

    [Fact]
    public void Some_group_calls_name_the_products_workspace_with_the_crm_accounts_domain()
    {
        var domains = fixture.Rows("accounts").Select(a => a["domain"]).ToHashSet(StringComparer.Ordinal);
        var workspaces = fixture.SegmentMessages
            .Where(m => m.GetProperty("type").GetString() == "group" && m.GetProperty("groupId").GetString()!.StartsWith("org_", StringComparison.Ordinal))
            .ToList();

        Assert.InRange(workspaces.Count, fixture.SegmentMessages.Count(m => m.GetProperty("type").GetString() == "group") / 5, int.MaxValue);
        Assert.All(workspaces, m => Assert.Contains(m.GetProperty("traits").GetProperty("domain").GetString()!, domains));
    }

    [Fact]
    public void SendGrid_bodies_are_webhook_event_arrays()
    {
        Assert.All(fixture.Data.SendGridBatches, b => Assert.InRange(b.Count, 1, 500));
        Assert.All(fixture.SendGridEvents, e =>
        {
            var kind = e.GetProperty("event").GetString();
            Assert.Contains(kind, new[] { "delivered", "bounce", "open", "click", "unsubscribe", "spamreport" });
            Assert.Contains('@', e.GetProperty("email").GetString()!);
            Assert.Equal(JsonValueKind.Number, e.GetProperty("timestamp").ValueKind);
            Assert.False(string.IsNullOrEmpty(e.GetProperty("sg_event_id").GetString()));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("campaign").GetString()));
            Assert.True(e.GetProperty("category").GetArrayLength() > 0);
            Assert.Equal(kind == "click", e.TryGetProperty("url", out _));
        });
        // Deliverability has figures to show: every kind of report occurs, and some opens are a machine's.
        var kinds = fixture.SendGridEvents.Select(e => e.GetProperty("event").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "delivered", "bounce", "open", "click", "unsubscribe", "spamreport" }, kinds);
        Assert.Contains(fixture.SendGridEvents, e => e.TryGetProperty("sg_machine_open", out var machine) && machine.GetBoolean());
    }

    [Fact]
    public void Message_ids_and_sendgrid_event_ids_are_unique()
    {
        var ids = fixture.SegmentMessages.Select(m => m.GetProperty("messageId").GetString())
            .Concat(fixture.SendGridEvents.Select(e => e.GetProperty("sg_event_id").GetString()))
            .ToList();

        Assert.Equal(fixture.Data.Messages.Count, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void The_default_scale_loads_150k_to_300k_events_and_the_scale_sizes_it()
    {
        var small = DemoCompany.Generate(DemoFixture.Now, new DemoOptions(Scale: 0.1));

        Assert.InRange(fixture.Data.Messages.Count, 150_000, 300_000);
        Assert.InRange(small.Messages.Count, fixture.Data.Messages.Count / 20, fixture.Data.Messages.Count / 5);
        Assert.Equal(200, small.TargetAccounts.Select(t => t.AccountId).Distinct().Count());
    }
}
