using System.Text;
using System.Text.Json;

namespace Scheduler.Engine.Model;

/// <summary>How big a JSON value is where limits count it: the bytes of its UTF-8 text.</summary>
internal static class JsonSize
{
    /// <summary>The bytes of <paramref name="value"/>'s UTF-8 JSON text; 0 for none.</summary>
    public static long Of(JsonElement? value) =>
        value is { ValueKind: not JsonValueKind.Undefined } json ? Encoding.UTF8.GetByteCount(json.GetRawText()) : 0;
}
