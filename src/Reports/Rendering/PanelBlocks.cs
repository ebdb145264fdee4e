using Analytics.Reports.Dashboards;

namespace Analytics.Reports.Rendering;

/// <summary>The block that draws a panel of a given kind.</summary>
public static class PanelBlocks
{
    public static PanelBlock For(PanelData data, string currencySymbol) => data.Panel.Kind switch
    {
        PanelKind.Kpi => new KpiPanelBlock(data, currencySymbol) { Columns = data.Panel.Width },
        PanelKind.Funnel => new FunnelPanelBlock(data, currencySymbol) { Columns = data.Panel.Width },
        PanelKind.Table => new TablePanelBlock(data, currencySymbol) { Columns = data.Panel.Width },
        PanelKind.Line or PanelKind.Bar => new ChartPanelBlock(data) { Columns = data.Panel.Width },
        _ => throw new ArgumentOutOfRangeException(nameof(data), data.Panel.Kind, "no renderer for this panel kind"),
    };
}
