using Analytics.Metrics.Common;

namespace Analytics.Metrics.Surveys;

/// <summary>Two windows' NPS compared (docs/customer-voice.md).</summary>
public sealed record NpsComparisonRequest(DateWindow Current, DateWindow Previous, SurveyGroupBy? GroupBy = null);

/// <summary>
/// This window's NPS against the one before: <see cref="Difference"/> = current − previous score; its 95% margin of error
/// 1.96 · 100 · √(v₁/n₁ + v₂/n₂) with v = p + d − (p − d)² of each window; <see cref="Significant"/> when the difference is
/// bigger than its margin. The three are null when either window has no answers.
/// </summary>
public sealed record NpsComparison(NpsResult Current, NpsResult Previous, double? Difference, double? MarginOfError, bool? Significant)
{
    public static NpsComparison Of(NpsResult current, NpsResult previous)
    {
        NpsFigures a = current.Figures, b = previous.Figures;
        if (a.Responses == 0 || b.Responses == 0)
        {
            return new NpsComparison(current, previous, null, null, null);
        }

        var difference = a.Score!.Value - b.Score!.Value;
        var margin = 1.96 * 100 * Math.Sqrt((a.Variance!.Value / a.Responses) + (b.Variance!.Value / b.Responses));
        return new NpsComparison(current, previous, difference, margin, Math.Abs(difference) > margin);
    }
}

/// <summary>Runs both windows' NPS side by side and compares them.</summary>
public sealed class NpsComparisonQuery(NpsQuery nps)
{
    public async Task<NpsComparison> RunAsync(NpsComparisonRequest request, CancellationToken cancellationToken)
    {
        var current = nps.RunAsync(new SurveyRequest(request.Current, GroupBy: request.GroupBy), cancellationToken);
        var previous = nps.RunAsync(new SurveyRequest(request.Previous, GroupBy: request.GroupBy), cancellationToken);
        return NpsComparison.Of(await current, await previous);
    }
}
