namespace Analytics.Api.Tests;

/// <summary>
/// Tests that open the embedded engine inside the test process. chDB serves one data folder per process at a time,
/// so these run one after another, each closing its engine connections before the next opens another folder.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class InProcessEngine
{
    public const string Collection = "in-process engine";
}
