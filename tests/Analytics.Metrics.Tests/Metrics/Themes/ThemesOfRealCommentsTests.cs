using static Analytics.Metrics.Tests.Story;

namespace Analytics.Metrics.Tests.Metrics.Themes;

/// <summary>
/// Themes of real comments: the 2019 R Community Survey's free-text answers to "What do you like best about using R?"
/// and "What do you like least?" (1,454 and 1,343 answers), with each respondent's recommendation score as NPS; and
/// Chinese comments on a B2B product. Each corpus is stored as survey answers (NPS when the respondent gave a score),
/// analysed as the server does in the background, and asked for its themes.
/// </summary>
public sealed class ThemesOfRealCommentsTests
{
    private const int LikeColumn = 22;
    private const int DislikeColumn = 23;
    private const int RecommendColumn = 18;

    private static readonly DateWindow Window = new(Date(2), Date(3));

    private static List<(string Text, int? Nps)> Survey(int column) =>
        // TRICKY: the file is tab-separated without quoting (free-text answers hold stray quotes), one answer a line.
        [.. File.ReadAllLines(Analytics.Testing.Datasets.PathOf("rstudio_r_community_survey/2019_english_responses.tsv")).Skip(1)
            .Select(l => l.Split('\t')).Where(f => f.Length > column && f[column].Trim() != "")
            .Select(f => (f[column], int.TryParse(f[RecommendColumn], out var score) ? score : (int?)null))];

    /// <summary>
    /// The themes of the comments, each an answer of the same day (the first the newest, so examples come in the
    /// corpus's order): to the NPS survey when it has a score, else a CSAT answer.
    /// </summary>
    private static async Task<IReadOnlyList<ThemeFigures>> ThemesAsync(IEnumerable<(string Text, int? Nps)> comments, int first)
    {
        var story = new Story();
        foreach (var (comment, i) in comments.Select((c, i) => (c, i)))
        {
            story.Answer($"r{i}", comment.Nps is null ? "csat" : "nps", Day(2).AddSeconds(10_000 - i), comment.Nps ?? 3, comment: comment.Text);
        }

        await using var db = await (await MetricsDatabase.CreateAsync(nameof(ThemesOfRealCommentsTests))).WithAsync(story);
        return await new ThemesQuery(db.Gateway, await db.CommentTopicsAsync()).RunAsync(new(Window, First: first), default);
    }

    [Fact]
    public async Task What_R_users_like_best()
    {
        var comments = Survey(LikeColumn);
        var top = await ThemesAsync(comments, 40);
        var themes = top.Take(12).ToList();

        Assert.Equal(1454, comments.Count);
        Assert.Equal(
            ["community", "package", "tidyverse", "data", "language", "open source", "visualization", "analysis", "everything", "code", "tool", "things"],
            themes.Select(t => t.Name));
        Assert.DoesNotContain(themes, t => t.Name.Split(' ').Any(w => EnglishWords.IsNotTopic(w)));
        // Words that say how rather than what are not themes, though frequent: verbs ("get", "use" in "easy to use"),
        // adverbs ("sometimes"), prepositions ("within").
        Assert.DoesNotContain(top, t => t.Name is "get" or "sometimes" or "within" or "easy");

        // "package" and "packages" are one theme, named in the singular, which the comments write too: 161 comments
        // (of 179 with either word; the others write it inside a phrase of two topic words).
        Assert.Equal(161, themes.Single(t => t.Name == "package").Comments);
        Assert.Equal(179, comments.Count(c => CommentAnalysis.Compute(c.Text).Tokens.Any(t => t.Key == "package")));
        var inflected = await ThemesAsync(
            [.. new[] { "range of packages", "Easy to use and up to date packages", "one package for everything" }.Select(c => (c, (int?)null))], 1);
        Assert.Equal(("package", 3L), (inflected[0].Name, inflected[0].Comments));
    }

    [Fact]
    public async Task What_R_users_like_least_holds_phrases()
    {
        var all = await ThemesAsync(Survey(DislikeColumn), 100);
        var themes = all.Take(12).ToList();

        Assert.Equal(
            ["package", "syntax", "error message", "documentation", "python", "language", "error", "tidyverse", "function", "base", "code", "data"],
            themes.Select(t => t.Name));

        // A comment that says "error messages" counts for the phrase, not also for "error" or "message"; "error" stands
        // alone in others ("Weird errors due to package versions").
        var phrase = themes.Single(t => t.Name == "error message");
        var error = themes.Single(t => t.Name == "error");
        Assert.Empty(phrase.Examples.Intersect(error.Examples));
        Assert.Contains("Weird errors due to package versions and inconsistencies.", error.Examples);
        Assert.DoesNotContain(all, t => t.Name == "message");
        Assert.Contains(all.Take(40), t => t.Name == "learning curve");

        // Nearly all of them read negative, and their NPS is a respondent's willingness to recommend R.
        Assert.Equal((88, 3, 1, 84), (phrase.Comments, phrase.Positive, phrase.Neutral, phrase.Negative));
        Assert.Equal(71.3, phrase.NpsOfMentioners!.Value, 1);
    }

    [Fact]
    public async Task Chinese_comments_have_word_themes_not_characters_or_stop_words()
    {
        string[] comments =
        [
            "客服响应很快，问题当天就解决了。",
            "客服态度很好，但是价格太贵了。",
            "价格偏高，续费的时候涨了百分之二十。",
            "报表功能非常好用，每周的管理层报告省了很多时间。",
            "数据同步经常出错，客户信息重复。",
            "和销售系统的数据同步不稳定，希望尽快修复。",
            "仪表盘加载太慢了，月底的时候尤其明显。",
            "界面简洁，新员工不需要培训就能上手。",
            "上线过程很顺利，实施团队很专业。",
            "报表的数字和我们的客户管理系统对不上。",
            "价格合理，客服也很及时。",
            "仪表盘很直观，报表导出也方便。",
        ];
        var themes = await ThemesAsync(comments.Select((c, i) => (c, (int?)(i % 3 == 0 ? 3 : 9))), 6);

        Assert.Equal(["客服", "报表", "仪表盘", "价格", "客户", "数据"], themes.Select(t => t.Name));
        Assert.All(themes, t => Assert.True(t.Name.Length >= 2 && !ChineseTopics.StopWords.Contains(t.Name)));
        Assert.All(themes, t => Assert.Equal((0, 0, 0), (t.Positive, t.Neutral, t.Negative)));

        // Customer service: comments 1 (a detractor, 3), 2 and 11 (promoters) → (2 − 1) / 3.
        Assert.Equal(100.0 / 3, themes[0].NpsOfMentioners!.Value, 9);
    }
}
