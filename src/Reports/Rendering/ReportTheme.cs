using SkiaSharp;

namespace Analytics.Reports.Rendering;

/// <summary>The report's restrained palette and type scale, in PDF points (1/72 inch).</summary>
public static class ReportTheme
{
    public static readonly SKColor Ink = new(0x1F, 0x29, 0x33);
    public static readonly SKColor Muted = new(0x61, 0x6E, 0x7C);
    public static readonly SKColor Faint = new(0x9A, 0xA5, 0xB1);
    public static readonly SKColor Rule = new(0xD9, 0xDE, 0xE3);
    public static readonly SKColor Panel = new(0xF5, 0xF7, 0xFA);
    public static readonly SKColor Accent = new(0x1D, 0x4E, 0x89);
    public static readonly SKColor Up = new(0x2F, 0x85, 0x5A);
    public static readonly SKColor Down = new(0xC5, 0x30, 0x30);

    /// <summary>Series colours: navy, teal, amber, slate, in that order.</summary>
    public static readonly SKColor[] Series =
    [
        new(0x1D, 0x4E, 0x89), new(0x2A, 0x9D, 0x8F), new(0xE9, 0xA2, 0x3B), new(0x7B, 0x8A, 0x9A),
    ];

    public const float Margin = 42;
    public const float Gutter = 14;
    public const float TitleSize = 10.5f;
    public const float BodySize = 8.5f;
    public const float SmallSize = 7.5f;
}
