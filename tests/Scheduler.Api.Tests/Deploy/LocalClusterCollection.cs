namespace Scheduler.Api.Tests.Deploy;

/// <summary>
/// The local cluster runs alone, after the other specs: its four processes and their failure detectors should not
/// share two cores with the rest of the suite.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalClusterCollection
{
    public const string Name = "local cluster";
}
