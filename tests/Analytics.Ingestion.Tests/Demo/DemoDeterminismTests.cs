using System.Security.Cryptography;

namespace Analytics.Ingestion.Tests.Demo;

[Collection(DemoCollection.Name)]
public sealed class DemoDeterminismTests(DemoFixture fixture)
{
    [Fact]
    public void Same_seed_scale_and_now_give_the_same_bytes()
    {
        var options = new DemoOptions(Seed: 7, Scale: 0.1);
        var first = DemoCompany.Generate(DemoFixture.Now, options);
        var second = DemoCompany.Generate(DemoFixture.Now, options);

        Assert.Equal(Fingerprint(first), Fingerprint(second));
        Assert.Equal(first.TotalRecords, second.TotalRecords);
    }

    [Fact]
    public void Another_seed_gives_another_company_with_ids_that_do_not_collide()
    {
        var a = DemoCompany.Generate(DemoFixture.Now, new DemoOptions(Seed: 7, Scale: 0.1));
        var b = DemoCompany.Generate(DemoFixture.Now, new DemoOptions(Seed: 8, Scale: 0.1));

        Assert.NotEqual(Fingerprint(a), Fingerprint(b));
        Assert.Empty(a.Messages.Select(m => m.MessageId).Intersect(b.Messages.Select(m => m.MessageId)));
    }

    [Fact]
    public void Everything_happens_in_the_year_before_now()
    {
        var data = fixture.Data;
        var start = data.WindowStart;
        var now = data.Now.UtcDateTime;
        Assert.Equal(new DateTime(2025, 3, 16, 0, 0, 0, DateTimeKind.Utc), start);

        Assert.All(data.Messages, m => Assert.InRange(m.Timestamp, start, now.AddTicks(-1)));
        Assert.All(data.Opportunities, o => Assert.InRange(o.CreatedAt, start, now.AddTicks(-1)));
        Assert.All(data.Opportunities.Where(o => o.ClosedAt is not null), o => Assert.True(o.ClosedAt < now));
        Assert.All(data.SurveyResponses, s => Assert.InRange(s.RespondedAt, start, now.AddTicks(-1)));
        Assert.All(data.AdPerformance, r => Assert.InRange(r.Date, DateOnly.FromDateTime(start), DateOnly.FromDateTime(now).AddDays(-1)));
    }

    private static string Fingerprint(DemoDataSet data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in data.CsvFiles)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(file.Kind + "\n" + file.Text));
        }

        foreach (var payload in data.SegmentBatches.Concat(data.SendGridBatches))
        {
            hash.AppendData(payload.Body);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
