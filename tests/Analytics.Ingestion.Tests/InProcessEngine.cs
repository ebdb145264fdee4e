namespace Analytics.Ingestion.Tests;

/// <summary>
/// Tests that open an embedded engine folder other than <c>TestEngine.DataPath</c> inside the test process. chDB serves
/// one folder per process at a time, so these run one after another, and never beside tests on the shared folder.
/// </summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class InProcessEngine
{
    public const string Collection = "in-process engine";
}
