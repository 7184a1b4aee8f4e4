using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;

namespace Scheduler.Configuration;

/// <summary>
/// A resolved HOCON value: an object, an array or a scalar. Scalars keep the text they were written with
/// (<c>10</c>, <c>1.50</c>, <c>on</c>), because the configuration layer above is stringly typed.
/// </summary>
public sealed class HoconValue
{
    private static readonly ReadOnlyDictionary<string, HoconValue> NoFields = new(new Dictionary<string, HoconValue>(StringComparer.Ordinal));

    private HoconValue(HoconValueKind kind, string? text, IReadOnlyList<HoconValue> elements, IReadOnlyDictionary<string, HoconValue> fields)
    {
        Kind = kind;
        Text = text;
        Elements = elements;
        Fields = fields;
    }

    /// <summary>What kind of value this is.</summary>
    public HoconValueKind Kind { get; }

    /// <summary>The text of a string, number or boolean; <see langword="null"/> for null, objects and arrays.</summary>
    public string? Text { get; }

    /// <summary>The elements of an array in order; empty for every other kind.</summary>
    public IReadOnlyList<HoconValue> Elements { get; }

    /// <summary>The fields of an object, enumerated in the order the keys were first defined; empty for every other kind.</summary>
    public IReadOnlyDictionary<string, HoconValue> Fields { get; }

    internal static HoconValue Null { get; } = new(HoconValueKind.Null, null, [], NoFields);

    internal static HoconValue EmptyObject { get; } = new(HoconValueKind.Object, null, [], NoFields);

    internal static HoconValue Scalar(HoconValueKind kind, string text) => new(kind, text, [], NoFields);

    internal static HoconValue FromString(string text) => Scalar(HoconValueKind.String, text);

    internal static HoconValue FromFields(OrderedDictionary<string, HoconValue> fields) =>
        fields.Count == 0 ? EmptyObject : new(HoconValueKind.Object, null, [], new ReadOnlyDictionary<string, HoconValue>(fields));

    internal static HoconValue FromElements(IEnumerable<HoconValue> elements) =>
        new(HoconValueKind.Array, null, elements.ToArray().AsReadOnly(), NoFields);

    /// <summary>The value as JSON, for diagnostics; numbers and booleans are written as their text.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Write(text);
        return text.ToString();
    }

    private void Write(StringBuilder text)
    {
        switch (Kind)
        {
            case HoconValueKind.Object:
                text.Append('{');
                var first = true;
                foreach (var (key, value) in Fields)
                {
                    if (!first)
                    {
                        text.Append(',');
                    }

                    first = false;
                    WriteQuoted(text, key);
                    text.Append(':');
                    value.Write(text);
                }

                text.Append('}');
                break;
            case HoconValueKind.Array:
                text.Append('[');
                for (var i = 0; i < Elements.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    Elements[i].Write(text);
                }

                text.Append(']');
                break;
            case HoconValueKind.Null:
                text.Append("null");
                break;
            case HoconValueKind.String:
                WriteQuoted(text, Text ?? string.Empty);
                break;
            default:
                text.Append(Text);
                break;
        }
    }

    private static void WriteQuoted(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
