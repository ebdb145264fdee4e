namespace Analytics.Metrics.Tests.Metrics.Sentiment;

public sealed class LanguageCoverageTests
{
    [Theory]
    [InlineData("Support answers within the hour and actually fixes things.", true)]
    [InlineData("Fast prototyping", true)]
    [InlineData("👍👍", true)]
    [InlineData("Très bon produit, mais la documentation est mauvaise", false)]
    [InlineData("La documentación es mala y el soporte lento", false)]
    [InlineData("客服响应很快，但是价格太贵了", false)]
    [InlineData("サポートはとても親切です", false)]
    [InlineData("지원팀이 아주 친절합니다", false)]
    [InlineData("Отличный продукт", false)]
    [InlineData("Great tool, 但是文档太少了，希望改进一下", false)]
    public void VADER_covers_english_comments_only(string comment, bool covered)
    {
        Assert.Equal(covered, LanguageCoverage.CoveredByVader(comment));
        Assert.Equal(covered, CommentAnalyzer.Classify(comment) is not null);
    }

    [Theory]
    [InlineData("Great support", CommentScript.Latin)]
    [InlineData("123 :)", CommentScript.None)]
    [InlineData("报表功能非常好用", CommentScript.Han)]
    [InlineData("レポート機能が便利です", CommentScript.Japanese)]
    [InlineData("보고서 기능이 좋아요", CommentScript.Korean)]
    [InlineData("Отличный продукт", CommentScript.Other)]
    public void A_comments_script_is_that_of_most_of_its_letters(string comment, CommentScript script) =>
        Assert.Equal(script, LanguageCoverage.ScriptOf(comment));
}
