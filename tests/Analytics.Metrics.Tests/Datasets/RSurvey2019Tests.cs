namespace Analytics.Metrics.Tests.Datasets;

/// <summary>
/// RStudio's 2019 R Community Survey (English): "How likely are you to recommend R to a colleague, friend, or family
/// member?" on a 1–10 scale, loaded as NPS answers through the CSV importer and the batch writer, against a count
/// made here straight from the raw file.
/// </summary>
public sealed class RSurvey2019Tests
{
    private const string Question = "How likely are you to recommend R to a colleague, friend, or family member?";

    [Fact]
    public async Task Nps_of_recommending_R_matches_the_raw_file()
    {
        // TRICKY: the file is tab-separated without quoting (free-text answers hold stray quotes), one answer a line.
        var lines = File.ReadAllLines(Analytics.Testing.Datasets.PathOf("rstudio_r_community_survey/2019_english_responses.tsv"));
        var header = lines[0].Split('\t');
        var (timeColumn, scoreColumn) = (Array.IndexOf(header, "Timestamp"), Array.IndexOf(header, Question));
        var answers = lines.Skip(1).Select((l, i) => (Id: $"r2019-{i + 2}", Fields: l.Split('\t'))).ToList();
        var csv = DatasetLoader.WritePlain(
            ["response_id", "survey", "responded_at", "score"],
            answers.Select(a => new[] { a.Id, "nps", IsoTime(a.Fields[timeColumn]), a.Fields[scoreColumn] }));
        await using var db = await MetricsDatabase.CreateAsync(nameof(RSurvey2019Tests));

        var rejected = await DatasetLoader.ImportAsync(db.Gateway, CsvKind.SurveyResponses, csv);
        var window = new DateWindow(new DateOnly(2019, 12, 1), new DateOnly(2020, 2, 1));
        var result = await new NpsQuery(db.Gateway).RunAsync(new SurveyRequest(window), default);

        // Only the unanswered question is rejected; everyone else answered between 13 December and 10 January.
        var scores = answers.Select(a => a.Fields[scoreColumn]).Where(s => s != "").Select(int.Parse).ToList();
        Assert.Equal(answers.Count - scores.Count, rejected.Count);
        var (promoters, detractors) = (scores.Count(s => s >= 9), scores.Count(s => s <= 6));
        Assert.Equal((1795, 1386, 351, 58), (scores.Count, promoters, scores.Count - promoters - detractors, detractors));
        var (p, d) = ((double)promoters / scores.Count, (double)detractors / scores.Count);
        var expected = new NpsFigures(scores.Count, promoters, scores.Count - promoters - detractors, detractors,
            100 * (p - d), 1.96 * 100 * Math.Sqrt((p + d - ((p - d) * (p - d))) / scores.Count));

        Assert.Equal(expected.Score!.Value, result.Figures.Score!.Value, 9);
        Assert.Equal(expected.MarginOfError!.Value, result.Figures.MarginOfError!.Value, 9);
        Assert.Equal(expected with { Score = null, MarginOfError = null }, result.Figures with { Score = null, MarginOfError = null });
        Assert.Equal(73.98, result.Figures.Score!.Value, 2);
    }

    /// <summary>Google Forms' "12/13/2019 9:50:30" (US month first, no zone given: taken as UTC) as ISO-8601.</summary>
    private static string IsoTime(string text) =>
        DateTime.ParseExact(text, "M/d/yyyy H:mm:ss", CultureInfo.InvariantCulture).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
