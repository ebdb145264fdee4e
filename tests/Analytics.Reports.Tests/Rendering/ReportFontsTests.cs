using Analytics.Reports.Rendering;

namespace Analytics.Reports.Tests.Rendering;

public sealed class ReportFontsTests
{
    [Fact]
    public void DejaVu_Sans_is_found_in_the_system_font_folders()
    {
        var fonts = ReportFonts.Load();

        Assert.Equal(("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"), (Path.GetFileName(fonts.RegularPath), Path.GetFileName(fonts.BoldPath)));
        Assert.Equal("DejaVu Sans", fonts.Regular.FamilyName);
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
}
