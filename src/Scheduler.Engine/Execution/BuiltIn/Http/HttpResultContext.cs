using System.Text.Json.Serialization;

namespace Scheduler.Engine.Execution.BuiltIn.Http;

/// <summary>Source-generated JSON for <see cref="HttpResult"/>.</summary>
[JsonSerializable(typeof(HttpResult))]
internal sealed partial class HttpResultContext : JsonSerializerContext;
