using System.Globalization;
using Xunit.Abstractions;

namespace Scheduler.TestKit.MultiNode;

/// <summary>A role's test output: standard output, which the conductor writes to the role's log file.</summary>
internal sealed class ConsoleOutput(RoleName role) : ITestOutputHelper
{
    public void WriteLine(string message) =>
        Console.Out.WriteLine($"{TimeProvider.System.GetUtcNow():HH:mm:ss.fff} [{role}] {message}");

    public void WriteLine(string format, params object[] args) => WriteLine(string.Format(CultureInfo.InvariantCulture, format, args));
}
