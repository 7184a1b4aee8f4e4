using System.Globalization;
using Spectre.Console;

namespace Scheduler.Cli.Output;

/// <summary>How values look in a table: times in UTC to the second, absent values as a dash, text never read as markup.</summary>
internal static class Cells
{
    public const string None = "-";

    public static string Time(DateTimeOffset? time) =>
        time is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : None;

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Text(string? text) => string.IsNullOrEmpty(text) ? None : text;

    public static string Labels(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? None : string.Join(",", labels.OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => label.Key + "=" + label.Value));

    /// <summary>Adds a row of plain text (Spectre reads strings as markup: a task id with brackets would break it).</summary>
    public static Table Row(this Table table, params string[] cells)
    {
        table.AddRow(cells.Select(cell => new Text(cell)).ToArray());
        return table;
    }

    public static Table Columns(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header)).NoWrap());
        }

        return table;
    }

    public static Grid Fields(IEnumerable<(string Name, string Value)> fields)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        foreach (var (name, value) in fields)
        {
            grid.AddRow(new Text(name), new Text(value));
        }

        return grid;
    }
}
