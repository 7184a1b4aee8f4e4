using Xunit.Abstractions;

namespace Scheduler.Bench.Suites.Chaos;

/// <summary>The multi-node runner reports through xunit's output interface; here it goes to the benchmark's output.</summary>
internal sealed class WriterOutput(TextWriter output) : ITestOutputHelper
{
    public void WriteLine(string message) => output.WriteLine(message);

    public void WriteLine(string format, params object[] args) => output.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
}
