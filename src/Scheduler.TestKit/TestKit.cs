using Xunit.Abstractions;

namespace Scheduler.TestKit;

/// <summary>The xunit base class: derive a test class from it and take <see cref="ITestOutputHelper"/> in the constructor.</summary>
public abstract class TestKit : TestKitBase
{
    /// <summary>Builds the system under test, logging to <paramref name="output"/>.</summary>
    protected TestKit(ITestOutputHelper output, TestKitOptions? options = null)
        : base(output, options) { }

    /// <summary>Builds the system under test with HOCON layered over the defaults.</summary>
    protected TestKit(ITestOutputHelper output, string hocon)
        : base(output, new TestKitOptions { Hocon = hocon }) { }
}
