using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Scheduler.Configuration;

/// <summary>
/// Flattens a value into Microsoft.Extensions.Configuration keys: <c>a.b.c</c> becomes <c>a:b:c</c>, array elements
/// <c>a:0</c>, <c>a:1</c>. Null, an empty object and an empty array keep their key with a null value, as the JSON
/// provider does, so that binding sees the section exists.
/// </summary>
internal static class ConfigurationFlattener
{
    public static Dictionary<string, string?> Flatten(HoconValue root)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Add(root, prefix: null, data);
        return data;
    }

    private static void Add(HoconValue value, string? prefix, Dictionary<string, string?> data)
    {
        switch (value.Kind)
        {
            case HoconValueKind.Object:
                if (value.Fields.Count == 0 && prefix is not null)
                {
                    data[prefix] = null;
                }

                foreach (var (key, field) in value.Fields)
                {
                    Add(field, prefix is null ? key : $"{prefix}{ConfigurationPath.KeyDelimiter}{key}", data);
                }

                break;
            case HoconValueKind.Array:
                if (value.Elements.Count == 0 && prefix is not null)
                {
                    data[prefix] = null;
                }

                for (var i = 0; i < value.Elements.Count; i++)
                {
                    var index = i.ToString(CultureInfo.InvariantCulture);
                    Add(value.Elements[i], prefix is null ? index : $"{prefix}{ConfigurationPath.KeyDelimiter}{index}", data);
                }

                break;
            default:
                if (prefix is not null)
                {
                    data[prefix] = value.Text;
                }

                break;
        }
    }
}
