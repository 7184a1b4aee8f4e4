using System.Globalization;
using System.Text;

namespace Scheduler.Api.Metrics;

/// <summary>
/// Prometheus' text exposition format (version 0.0.4), written from a snapshot: pure, so its rules (names, escaping,
/// cumulative buckets ending in +Inf) are tested with tables.
/// </summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The Prometheus name of an OpenTelemetry-style instrument: dots to underscores, the unit as a suffix, <c>_total</c> for counters.</summary>
    public static string Name(string instrument, string? unit, bool counter)
    {
        var name = new StringBuilder(instrument.Length + 16);
        foreach (var c in instrument)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_');
        }

        var suffix = unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            _ => "",
        };
        if (suffix.Length > 0 && !name.ToString().EndsWith(suffix, StringComparison.Ordinal))
        {
            name.Append(suffix);
        }

        return counter ? name + "_total" : name.ToString();
    }

    public static string Write(IEnumerable<MetricFamily> families)
    {
        var text = new StringBuilder();
        foreach (var family in families.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            text.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
            text.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type).Append('\n');
            foreach (var series in family.Series)
            {
                if (series.Buckets is { } buckets)
                {
                    for (var i = 0; i < family.Bounds.Count; i++)
                    {
                        Line(text, family.Name + "_bucket", series.Labels, ("le", Number(family.Bounds[i])), buckets[i]);
                    }

                    Line(text, family.Name + "_bucket", series.Labels, ("le", "+Inf"), series.Count);
                    Line(text, family.Name + "_sum", series.Labels, null, series.Sum);
                    Line(text, family.Name + "_count", series.Labels, null, series.Count);
                }
                else
                {
                    Line(text, family.Name, series.Labels, null, series.Value);
                }
            }
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string name, IReadOnlyList<KeyValuePair<string, string>> labels, (string Name, string Value)? extra, double value)
    {
        text.Append(name);
        if (labels.Count > 0 || extra is not null)
        {
            text.Append('{');
            var first = true;
            foreach (var (label, labelValue) in labels.Select(l => (l.Key, l.Value)).Concat(extra is { } e ? [e] : []))
            {
                text.Append(first ? "" : ",").Append(LabelName(label)).Append("=\"").Append(EscapeLabel(labelValue)).Append('"');
                first = false;
            }

            text.Append('}');
        }

        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string LabelName(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_'));

    private static string EscapeLabel(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeHelp(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
