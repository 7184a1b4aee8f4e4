using Xunit.Abstractions;

namespace Scheduler.TestKit;

/// <summary>The xunit base class: derive a test class from it and take <see cref="ITestOutputHelper"/> in the constructor.</summary>
// MA0049: the class keeps Akka's name, TestKit, although it repeats the namespace's last part; Akka users look for it.
#pragma warning disable MA0049
public abstract class TestKit : TestKitBase
#pragma warning restore MA0049
{
    /// <summary>Builds the system under test, logging to <paramref name="output"/>.</summary>
    protected TestKit(ITestOutputHelper output, TestKitOptions? options = null)
        : base(output, options) { }

    /// <summary>Builds the system under test with HOCON layered over the defaults.</summary>
    protected TestKit(ITestOutputHelper output, string hocon)
        : base(output, new TestKitOptions { Hocon = hocon }) { }
}
