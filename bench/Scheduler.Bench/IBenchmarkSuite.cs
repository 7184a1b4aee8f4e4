namespace Scheduler.Bench;

/// <summary>
/// One area's benchmarks (kernel, persistence, cluster...). A suite writes progress lines as it goes and returns its
/// figures; the runner prints them as the single <c>RESULT</c> line that ends the run.
/// </summary>
internal interface IBenchmarkSuite
{
    /// <summary>The name given on the command line and in the <c>RESULT</c> line.</summary>
    string Name { get; }

    /// <summary>One line for the usage text: what the suite measures.</summary>
    string Description { get; }

    /// <summary>The options it accepts besides <c>--quick</c>.</summary>
    IReadOnlyList<SuiteOption> Options { get; }

    /// <summary>Runs every measurement of the suite.</summary>
    /// <param name="arguments">
    /// Quick (shorter warm-ups and fewer rounds, so the whole suite stays under 30 s on two cores) and the values of
    /// <see cref="Options"/>.
    /// </param>
    /// <param name="output">Where progress lines go; the <c>RESULT</c> line is the runner's.</param>
    Task<BenchmarkResult> RunAsync(BenchmarkArguments arguments, TextWriter output);
}
