using System.Text.Json;

namespace Scheduler.Actors.Serialization;

/// <summary>Writes an <see cref="Address"/> as its text (<c>sched.tcp://sys@host:port</c>), also as a dictionary key, and parses it back.</summary>
internal sealed class AddressJsonConverter : TextJsonConverter<Address>
{
    protected override string Kind => "An address";

    protected override Address Parse(string text)
    {
        if (!ActorPath.TryParse(text, out var path, out var error) || path.Depth != 0)
        {
            throw new JsonException($"'{text}' is not an address: {(path is null ? error : "it names an actor")}.");
        }

        return path.Address;
    }
}
