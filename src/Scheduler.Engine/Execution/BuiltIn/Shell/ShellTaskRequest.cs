using System.Text.Json;

namespace Scheduler.Engine.Execution.BuiltIn.Shell;

/// <summary>
/// The payload of a <c>shell</c> task, read and checked before anything starts:
/// <c>{"command": "/usr/bin/backup", "args": ["--full"], "env": {"NAME": "value"}, "workingDirectory": "/srv",
/// "timeoutSeconds": 600, "expect": [0], "maxOutputBytes": 65536}</c>. Only <c>command</c> is required; success
/// is exit code 0 unless <c>expect</c> lists others. No shell parses anything: the command runs with exactly these
/// arguments (name <c>/bin/sh</c> with <c>-c</c> to get a shell).
/// </summary>
internal sealed record ShellTaskRequest(
    string Command,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    string? WorkingDirectory,
    TimeSpan? Timeout,
    IReadOnlyList<int> Expect,
    int MaxOutputBytes)
{
    /// <summary>The most of each of stdout and stderr kept in the result unless the payload asks for less (or more, up to 1 MiB).</summary>
    public const int DefaultMaxOutputBytes = 64 * 1024;

    private const int MaxOutputBytesLimit = 1024 * 1024;

    /// <summary>Reads a payload; an unusable one throws <see cref="TaskPayloadException"/> naming the field.</summary>
    public static ShellTaskRequest Parse(JsonElement? payload)
    {
        if (payload is not { ValueKind: JsonValueKind.Object } json)
        {
            throw new TaskPayloadException("shell: the payload must be an object with at least 'command'");
        }

        var command = json.TryGetProperty("command", out var commandValue) && commandValue.ValueKind is JsonValueKind.String
            && commandValue.GetString() is { Length: > 0 } name && !name.Contains('\0', StringComparison.Ordinal)
                ? name
                : throw new TaskPayloadException("shell: 'command' must be a non-empty string (a program name or path)");

        var arguments = new List<string>();
        if (json.TryGetProperty("args", out var argValues))
        {
            if (argValues.ValueKind is not JsonValueKind.Array)
            {
                throw new TaskPayloadException("shell: 'args' must be a list of strings");
            }

            foreach (var argument in argValues.EnumerateArray())
            {
                arguments.Add(argument.ValueKind is JsonValueKind.String && !argument.GetString()!.Contains('\0', StringComparison.Ordinal)
                    ? argument.GetString()!
                    : throw new TaskPayloadException("shell: 'args' holds " + argument.GetRawText() + ", not a string"));
            }
        }

        var environment = new List<KeyValuePair<string, string>>();
        if (json.TryGetProperty("env", out var envValues))
        {
            if (envValues.ValueKind is not JsonValueKind.Object)
            {
                throw new TaskPayloadException("shell: 'env' must be an object of names and string values");
            }

            foreach (var variable in envValues.EnumerateObject())
            {
                if (variable.Name.Length == 0 || variable.Name.Contains('=', StringComparison.Ordinal) || variable.Name.Contains('\0', StringComparison.Ordinal))
                {
                    throw new TaskPayloadException("shell: 'env' has the name '" + variable.Name + "', which is not a variable name");
                }

                environment.Add(variable.Value.ValueKind is JsonValueKind.String
                    ? new(variable.Name, variable.Value.GetString()!)
                    : throw new TaskPayloadException("shell: variable '" + variable.Name + "' in 'env' must have a string value"));
            }
        }

        string? workingDirectory = null;
        if (json.TryGetProperty("workingDirectory", out var folderValue))
        {
            workingDirectory = folderValue.ValueKind is JsonValueKind.String && folderValue.GetString() is { Length: > 0 } folder && Path.IsPathFullyQualified(folder)
                ? folder
                : throw new TaskPayloadException("shell: 'workingDirectory' must be an absolute path");
        }

        TimeSpan? timeout = null;
        if (json.TryGetProperty("timeoutSeconds", out var timeoutValue))
        {
            timeout = timeoutValue.ValueKind is JsonValueKind.Number && timeoutValue.TryGetDouble(out var seconds) && seconds is > 0 and <= 31_536_000
                ? TimeSpan.FromSeconds(seconds)
                : throw new TaskPayloadException("shell: 'timeoutSeconds' must be a number of seconds above 0 (at most a year)");
        }

        var expect = PayloadFields.Codes(json, "shell", "expect", "exit code", 0, 255);
        if (expect.Count == 0)
        {
            expect.Add(0);
        }

        var maxOutputBytes = PayloadFields.Cap(json, "shell", "maxOutputBytes", DefaultMaxOutputBytes, MaxOutputBytesLimit);

        return new ShellTaskRequest(command, arguments, environment, workingDirectory, timeout, expect, maxOutputBytes);
    }
}
