namespace Scheduler.TestKit.MultiNode;

/// <summary>
/// One scenario played by several nodes, each role in its own OS process. A subclass declares its roles in its
/// constructor through <see cref="Config"/> and writes the scenario once in <see cref="RunAsync"/>: every role runs
/// it, and <see cref="MultiNodeTestKit.RunOn(Action, RoleName[])"/> and barriers say who does what when. A test
/// method starts it with <see cref="MultiNodeRunner.RunAsync{TSpec}(Xunit.Abstractions.ITestOutputHelper)"/>.
/// </summary>
public abstract class MultiNodeSpec
{
    /// <summary>Roles and their configuration; fill it in in the constructor.</summary>
    public MultiNodeConfig Config { get; } = new();

    /// <summary>The scenario, run by every role with its own kit.</summary>
    public abstract Task RunAsync(MultiNodeTestKit node);
}
