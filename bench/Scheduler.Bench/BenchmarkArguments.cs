namespace Scheduler.Bench;

/// <summary>What the command line asked of a suite: quick or full, and its options' values (defaults filled in).</summary>
internal sealed record BenchmarkArguments(bool Quick, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>The value of an option the suite declared.</summary>
    public string this[string name] => Options[name];
}
