using Analytics.Reports.Rendering.Fonts;
using SkiaSharp;

namespace Analytics.Reports.Tests.Rendering;

public sealed class LineBreaksTests
{
    [Theory]
    [InlineData("The export times out again", "The|export|times|out|again")]
    [InlineData("导出超时，请修复。", "导|出|超|时，|请|修|复。")]
    [InlineData("使用CRM同步（每周）失败", "使|用|CRM|同|步|（每|周）|失|败")]
    [InlineData("株式会社さくらデータ", "株|式|会|社|さ|く|ら|デー|タ")]
    [InlineData("한빛소프트 주식회사", "한빛소프트|주식회사")]
    public void A_line_breaks_at_spaces_and_around_chinese_and_japanese_characters_but_never_before_closing_punctuation(string text, string pieces)
    {
        Assert.Equal(pieces, string.Join("|", LineBreaks.Pieces(text).Select(p => p.Text)));
    }

    [Fact]
    public void A_chinese_comment_wraps_between_characters_within_the_width_and_loses_nothing()
    {
        using var fonts = new RenderFonts(ReportFonts.Load());
        using var canvas = new SKNoDrawCanvas(600, 800);
        var painter = new ReportPainter(canvas, fonts);

        var lines = painter.Wrap(CjkReportHost.ChineseComment, 120, ReportTheme.BodySize);

        Assert.True(lines.Count > 2, string.Join("\n", lines));
        Assert.Equal(CjkReportHost.ChineseComment, string.Concat(lines));
        Assert.All(lines, line => Assert.True(painter.Width(line, ReportTheme.BodySize) <= 120, line));
        Assert.All(lines, line => Assert.DoesNotMatch("^[，。]", line));
    }
}
