using System.Text.Json.Serialization;

namespace Scheduler.Engine.Execution.BuiltIn.Shell;

/// <summary>The result of a successful <c>shell</c> attempt.</summary>
internal sealed record ShellResult(
    [property: JsonPropertyName("exitCode")] int ExitCode,
    [property: JsonPropertyName("stdout")] string Stdout,
    [property: JsonPropertyName("stderr")] string Stderr,
    [property: JsonPropertyName("stdoutTruncated")] bool StdoutTruncated,
    [property: JsonPropertyName("stderrTruncated")] bool StderrTruncated);
