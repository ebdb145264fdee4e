namespace Analytics.Ingestion.Tests.Demo;

/// <summary>The full-size demo data set, generated once for the tests that only read it, with its wire bodies parsed back.</summary>
public sealed class DemoFixture
{
    /// <summary>A fixed "now": a Monday morning in March, so the year holds a summer and a Q4.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 16, 9, 0, 0, TimeSpan.Zero);

    public DemoFixture()
    {
        Data = DemoCompany.Generate(Now);
        SegmentMessages = Data.SegmentBatches.SelectMany(b => JsonDocument.Parse(b.Body).RootElement.GetProperty("batch").EnumerateArray()).ToList();
        SendGridEvents = Data.SendGridBatches.SelectMany(b => JsonDocument.Parse(b.Body).RootElement.EnumerateArray()).ToList();
    }

    public DemoDataSet Data { get; }

    public List<JsonElement> SegmentMessages { get; }

    public List<JsonElement> SendGridEvents { get; }

    /// <summary>The rows of one CSV import, read back with a real RFC 4180 reader, keyed by header name.</summary>
    public List<Dictionary<string, string>> Rows(string kind) => CsvTable.Read(Data.CsvFiles.Single(f => f.Kind == kind).Text).Rows;
}

/// <summary>Shares one <see cref="DemoFixture"/> between the demo test classes: generating it takes seconds.</summary>
[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoFixture>
{
    public const string Name = "Demo data set";
}
