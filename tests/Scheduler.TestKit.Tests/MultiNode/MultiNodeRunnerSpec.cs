using Scheduler.TestKit.MultiNode;
using Xunit.Abstractions;

namespace Scheduler.TestKit.Tests.MultiNode;

/// <summary>The runner's own failure reports: each of these specs fails on purpose, and the report must say why.</summary>
[Collection(MultiNodeCollection.Name)]
public sealed class MultiNodeRunnerSpec(ITestOutputHelper output)
{
    [Fact]
    public async Task A_role_that_throws_fails_the_run_with_its_reason_and_its_log_is_kept()
    {
        var failure = await Run<FailingRoleSpec>();

        failure.Message.Should().Contain("Role second failed").And.Contain("the second role saw something wrong");
        failure.Message.Should().Contain("Barrier 'never-reached-by-second' failed", "the first role is released with the failure rather than left waiting");
        Directory.Exists(LogDirectoryIn(failure.Message)).Should().BeTrue();
        Directory.Delete(LogDirectoryIn(failure.Message), recursive: true);
    }

    [Fact]
    public async Task A_barrier_that_a_role_never_reaches_times_out_naming_it()
    {
        var failure = await Run<MissedBarrierSpec>();

        // Both roles wait at a barrier the other never reaches; whichever times out first is reported.
        failure.Message.Should().MatchRegex(@"Barrier 'only-first' timed out after [^:]+:\d\d:\d\d: roles second never arrived|Barrier 'only-second' timed out after [^:]+:\d\d:\d\d: roles first never arrived");
        Directory.Delete(LogDirectoryIn(failure.Message), recursive: true);
    }

    [Fact]
    public async Task A_role_whose_process_exits_unexpectedly_fails_the_run()
    {
        var failure = await Run<CrashingRoleSpec>();

        failure.Message.Should().Contain("Role second exited with code 5 before finishing the scenario");
        Directory.Delete(LogDirectoryIn(failure.Message), recursive: true);
    }

    [Fact]
    public Task Commands_a_role_may_not_give_are_refused_with_the_reason() => MultiNodeRunner.RunAsync<RefusedCommandsSpec>(output);

    [Fact]
    public Task Every_role_reads_the_parameters_the_test_handed_to_the_run() =>
        MultiNodeRunner.RunAsync<ParametersSpec>(output, new Dictionary<string, string>(StringComparer.Ordinal) { ["greeting"] = "hello " + ParametersSpecValues.Tail });

    [Fact]
    public async Task A_parameter_name_a_shell_would_not_take_is_refused_before_any_role_starts()
    {
        Func<Task> run = () => MultiNodeRunner.RunAsync<ParametersSpec>(output, new Dictionary<string, string>(StringComparer.Ordinal) { ["no spaces"] = "x" });

        (await run.Should().ThrowAsync<ArgumentException>()).WithMessage("*'no spaces'*");
    }

    private async Task<AssertionFailedException> Run<TSpec>()
        where TSpec : MultiNodeSpec, new()
    {
        var run = () => MultiNodeRunner.RunAsync<TSpec>(output);
        return (await run.Should().ThrowAsync<AssertionFailedException>()).Which;
    }

    private static string LogDirectoryIn(string message)
    {
        const string Marker = "Each role's log is kept in ";
        var start = message.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length;
        var end = message.IndexOf(".\n", start, StringComparison.Ordinal);
        if (end < 0)
        {
            end = message.IndexOf(Environment.NewLine, start, StringComparison.Ordinal) - 1;
        }

        return message[start..end];
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiNodeCollection
{
    public const string Name = "multi-node";
}
