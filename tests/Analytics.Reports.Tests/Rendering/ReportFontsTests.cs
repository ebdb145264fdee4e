namespace Analytics.Reports.Tests.Rendering;

public sealed class ReportFontsTests
{
    [Fact]
    public void DejaVu_Sans_and_Noto_Sans_CJK_are_found_in_the_system_font_folders()
    {
        var fonts = ReportFonts.Load();

        Assert.Equal(("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"), (Path.GetFileName(fonts.Regular.Path), Path.GetFileName(fonts.Bold.Path)));
        Assert.Equal("DejaVu Sans", fonts.Regular.Typeface.FamilyName);
        Assert.NotNull(fonts.Cjk);
    }

    [Fact]
    public void A_folder_without_the_fonts_stops_the_render_saying_how_to_install_them()
    {
        var empty = Directory.CreateTempSubdirectory("no-fonts-").FullName;

        var error = Assert.Throws<ReportFontException>(() => ReportFonts.Load(empty));

        Assert.Equal(
            $"DejaVuSans.ttf and DejaVuSans-Bold.ttf were not found in {empty}; install Debian's fonts-dejavu-core " +
            "(scripts/setup.sh does) or set Reports:FontFolder to a folder holding them.", error.Message);
    }

    [Theory]
    [InlineData("Acme Analytics", false, "DejaVu Sans:Acme Analytics")]
    [InlineData("Acme 北京星辰 GmbH", false, "DejaVu Sans:Acme |Noto Sans CJK SC:北京星辰|DejaVu Sans: GmbH")]
    [InlineData("株式会社さくらデータ", false, "Noto Sans CJK JP:株式会社さくらデータ")]
    [InlineData("한빛소프트 주식회사", true, "Noto Sans CJK KR:한빛소프트|DejaVu Sans: |Noto Sans CJK KR:주식회사")]
    [InlineData("超时，请修复。", false, "Noto Sans CJK SC:超时，请修复。")]
    [InlineData("Great ก 😀", false, "DejaVu Sans:Great ก 😀")]
    public void Each_character_is_drawn_in_DejaVu_Sans_when_it_has_it_else_in_the_CJK_face_of_the_texts_language(string text, bool bold, string expected)
    {
        var fonts = ReportFonts.Load();

        var runs = fonts.Runs(text, bold);

        Assert.Equal(expected, string.Join("|", runs.Select(r => $"{r.Face.Typeface.FamilyName}:{r.Text}")));
        Assert.All(runs, r => Assert.Equal(bold, r.Face.Typeface.IsBold));
    }

    [Fact]
    public void Without_Noto_Sans_CJK_latin_text_is_drawn_and_chinese_text_stops_the_render_saying_how_to_install_it()
    {
        var empty = Directory.CreateTempSubdirectory("no-cjk-fonts-").FullName;
        var fonts = ReportFonts.Load(cjkFolder: empty);

        Assert.Null(fonts.Cjk);
        Assert.Equal("Müller & Søn", Assert.Single(fonts.Runs("Müller & Søn", bold: false)).Text);
        var error = Assert.Throws<ReportFontException>(() => fonts.Runs("Acme 北京", bold: false));
        Assert.Equal(
            $"The report has Chinese, Japanese or Korean text ('北', U+5317) but NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc were not found in {empty}; " +
            "install Debian's fonts-noto-cjk (scripts/setup.sh does) or set Reports:CjkFontFolder to a folder holding them.", error.Message);
    }
}
