namespace Scheduler.Bench.Suites.Journal;

/// <summary>The event every journal measurement writes: small, like most task events.</summary>
internal sealed record Deposited(long Amount)
{
    public const string Manifest = "bench.deposited";
}
