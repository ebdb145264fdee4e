using System.Text;
using Analytics.Reports.Rendering.Fonts;

namespace Analytics.Reports.Rendering;

/// <summary>
/// Where a text may break across lines: at spaces, and (as Chinese and Japanese are set) before and after any Han
/// character, kana or CJK punctuation, except before closing punctuation and after opening punctuation, which stay
/// with their neighbour.
/// </summary>
public static class LineBreaks
{
    private const string Closing = ",.:;!?%)]}、。，．：；！？％）］｝〉》」』】〕〗〙〛ー々ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ・";
    private const string Opening = "([{（［｛〈《「『【〔〖〘〚";

    /// <summary>The unbreakable pieces of the text, each with whether a space came before it.</summary>
    public static IReadOnlyList<(string Text, bool AfterSpace)> Pieces(string text)
    {
        var pieces = new List<(string, bool)>();
        var piece = new StringBuilder();
        var afterSpace = false;
        Rune? previous = null;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                End();
                afterSpace = true;
                previous = null;
                continue;
            }

            if (previous is { } before && BreakBetween(before, rune))
            {
                End();
            }

            piece.Append(rune.ToString());
            previous = rune;
        }

        End();
        return pieces;

        void End()
        {
            if (piece.Length > 0)
            {
                pieces.Add((piece.ToString(), afterSpace));
                piece.Clear();
                afterSpace = false;
            }
        }
    }

    private static bool BreakBetween(Rune before, Rune after) =>
        (CjkScript.BreaksAround(before) || CjkScript.BreaksAround(after)) && !Opening.Contains(before.ToString(), StringComparison.Ordinal)
        && !Closing.Contains(after.ToString(), StringComparison.Ordinal);
}
