using System.Globalization;
using System.Text.Json;
using Scheduler.Actors;
using Scheduler.Actors.Serialization;

namespace Scheduler.Cluster.Members;

/// <summary>Writes a unique address as <c>address#uid</c>, also as a dictionary key.</summary>
internal sealed class UniqueAddressJsonConverter : TextJsonConverter<UniqueAddress>
{
    protected override string Kind => "A unique address";

    protected override UniqueAddress Parse(string text)
    {
        var hash = text.LastIndexOf('#');
        if (hash < 0
            || !long.TryParse(text.AsSpan(hash + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var uid)
            || !ActorPath.TryParse(text[..hash], out var path, out _)
            || path.Depth != 0
            || !path.Address.HasGlobalScope)
        {
            throw new JsonException($"'{text}' is not a unique address (address#uid).");
        }

        return new UniqueAddress(path.Address, uid);
    }
}
