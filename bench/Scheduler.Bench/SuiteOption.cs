namespace Scheduler.Bench;

/// <summary>An option a suite accepts on the command line, as <c>--name value</c>; the first value is the default.</summary>
internal sealed record SuiteOption(string Name, IReadOnlyList<string> Values, string Description);
