using System.Text.Json.Serialization;

namespace Scheduler.Engine.Execution.BuiltIn.Shell;

/// <summary>Source-generated JSON for <see cref="ShellResult"/>.</summary>
[JsonSerializable(typeof(ShellResult))]
internal sealed partial class ShellResultContext : JsonSerializerContext;
