using System.Text.Json;
using Scheduler.Client.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Scheduler.Cli.Output;

/// <summary>
/// Prints results: in JSON mode the API's own JSON, written straight to the output (never wrapped or styled); in
/// table mode the renderables of <see cref="Tables"/> and short lines, through Spectre.Console.
/// </summary>
internal sealed class Printer(TextWriter output, IAnsiConsole terminal, OutputFormat format)
{
    private static readonly JsonSerializerOptions Indented = new(ApiJson.Options) { WriteIndented = true };

    public OutputFormat Format => format;

    public bool IsJson => format == OutputFormat.Json;

    /// <summary>One result: indented JSON, or <paramref name="table"/>'s rendering of it.</summary>
    public void Result<T>(T value, Func<T, IRenderable> table)
    {
        if (IsJson)
        {
            output.WriteLine(JsonSerializer.Serialize(value, Indented));
        }
        else
        {
            terminal.Write(table(value));
        }
    }

    /// <summary>One item of a stream (a watch, a batch): a compact JSON line, or <paramref name="line"/>.</summary>
    public void Item<T>(T value, Func<T, string> line)
    {
        output.WriteLine(IsJson ? JsonSerializer.Serialize(value, ApiJson.Options) : line(value));
        output.Flush();
    }

    /// <summary>A line for people; nothing in JSON mode, where only results are printed.</summary>
    public void Note(string text)
    {
        if (!IsJson)
        {
            output.WriteLine(text);
        }
    }
}
