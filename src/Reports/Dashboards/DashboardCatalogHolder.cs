namespace Analytics.Reports.Dashboards;

/// <summary>
/// The dashboards the host loaded and checked at start-up, for everything that draws from them (GraphQL, the web UI,
/// the weekly PDF). A singleton; the host fills it once, before it listens.
/// </summary>
public sealed class DashboardCatalogHolder
{
    private DashboardCatalog? _catalog;

    /// <summary>The folder the dashboards were read from; its <c>web</c> folder is the web UI.</summary>
    public string? Folder { get; private set; }

    /// <summary>The loaded catalog; only after start-up.</summary>
    public DashboardCatalog Catalog => _catalog ?? throw new InvalidOperationException("The dashboards have not been loaded yet.");

    public void Set(string folder, DashboardCatalog catalog)
    {
        Folder = folder;
        _catalog = catalog;
    }
}
