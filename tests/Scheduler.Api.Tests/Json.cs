using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Scheduler.Api.Tests;

/// <summary>Small helpers for requests and JSON answers.</summary>
internal static class Json
{
    public static StringContent Body(string json, string mediaType = "application/json") =>
        new(json, Encoding.UTF8, new MediaTypeHeaderValue(mediaType));

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
