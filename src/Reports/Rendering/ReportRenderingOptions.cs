using System.ComponentModel.DataAnnotations;

namespace Analytics.Reports.Rendering;

/// <summary>How PDF reports look. Section <c>Reports</c> (shared with the schedule and delivery settings).</summary>
public sealed class ReportRenderingOptions
{
    public const string Section = "Reports";

    /// <summary>The company named on the cover, in every page's header and as the PDF's author. Default is "Analytics".</summary>
    [Required(AllowEmptyStrings = false)]
    public string Company { get; set; } = "Analytics";

    /// <summary>The paper: <c>A4</c> or <c>Letter</c>. Default is A4.</summary>
    public PaperSize PaperSize { get; set; } = PaperSize.A4;

    /// <summary>The symbol printed before amounts, in the PDF and the web UI. Default is "$".</summary>
    public string CurrencySymbol { get; set; } = "$";

    /// <summary>
    /// The locale (BCP 47) the web UI formats numbers and dates in, for example <c>en-GB</c> or <c>de-DE</c>. Default is
    /// <c>en-US</c>. The PDF writes numbers the same way as en-US does (the invariant culture).
    /// </summary>
    [RegularExpression("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    public string Locale { get; set; } = "en-US";

    /// <summary>The target list the report's funnel and account lists use; all known accounts when absent. Default is none.</summary>
    public string? TargetList { get; set; }

    /// <summary>A folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf; default: the usual system font folders.</summary>
    public string? FontFolder { get; set; }

    /// <summary>
    /// A folder holding NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc, for Chinese, Japanese and Korean text;
    /// default: the usual system font folders (Debian's fonts-noto-cjk puts them in /usr/share/fonts/opentype/noto).
    /// </summary>
    public string? CjkFontFolder { get; set; }
}
