using System.Text;
using Scheduler.Actors.Serialization;

namespace Scheduler.Actors.Tests.Serialization;

public sealed class SerializationRegistrySpec
{
    public sealed record TaskSubmitted(string TaskId, int Priority);

    /// <summary>The same event after a field was added: old bytes must still read.</summary>
    public sealed record TaskSubmittedV2(string TaskId, int Priority, string? Queue = "default");

    private sealed record Unregistered(string Value);

    private static SerializationRegistry Registry()
    {
        var registry = new SerializationRegistry();
        registry.Register<TaskSubmitted>("task-submitted");
        return registry;
    }

    [Fact]
    public void A_registered_message_round_trips_through_its_manifest()
    {
        var registry = Registry();
        var serialized = registry.Serialize(new TaskSubmitted("t-1", 5));

        serialized.Manifest.Should().Be("task-submitted");
        registry.Deserialize(serialized.Manifest, serialized.Payload.Span).Should().Be(new TaskSubmitted("t-1", 5));
    }

    [Fact]
    public void An_unregistered_type_fails_with_a_message_that_says_how_to_register_it()
    {
        var act = () => Registry().Serialize(new Unregistered("x"));
        act.Should().Throw<SerializationException>().WithMessage("*Unregistered*no registered manifest*Register<Unregistered>*");
    }

    [Fact]
    public void An_unknown_manifest_is_refused_and_no_type_is_loaded_from_it()
    {
        var registry = Registry();
        var typeName = typeof(Unregistered).AssemblyQualifiedName!;
        var act = () => registry.Deserialize(typeName, "{}"u8);
        act.Should().Throw<SerializationException>().WithMessage("No message type is registered for manifest*");
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"taskId\": 12")]
    [InlineData("null")]
    [InlineData("")]
    public void A_malformed_payload_names_the_manifest(string payload)
    {
        var act = () => Registry().Deserialize("task-submitted", Encoding.UTF8.GetBytes(payload));
        act.Should().Throw<SerializationException>().WithMessage("*task-submitted*malformed*");
    }

    [Fact]
    public void A_manifest_or_type_cannot_be_bound_twice()
    {
        var registry = Registry();
        var sameManifest = () => registry.Register<TaskSubmittedV2>("task-submitted");
        sameManifest.Should().Throw<SerializationException>().WithMessage("*'task-submitted' is already bound*");
        var sameType = () => registry.Register<TaskSubmitted>("other");
        sameType.Should().Throw<SerializationException>().WithMessage("*already bound to manifest 'task-submitted'*");
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("tab\there")]
    [InlineData("ünïcode")]
    public void Malformed_manifests_are_refused(string manifest)
    {
        var act = () => new SerializationRegistry().Register<TaskSubmitted>(manifest);
        act.Should().Throw<SerializationException>().WithMessage("*Manifest*invalid*");
    }

    [Fact]
    public void Adding_a_field_to_an_event_keeps_old_payloads_readable()
    {
        var before = Registry().Serialize(new TaskSubmitted("t-9", 3));
        var after = new SerializationRegistry();
        after.Register<TaskSubmittedV2>("task-submitted");

        after.Deserialize("task-submitted", before.Payload.Span).Should().Be(new TaskSubmittedV2("t-9", 3, "default"));
    }

    [Fact]
    public void Subtypes_are_not_serialized_through_a_registration_of_their_base()
    {
        var registry = new SerializationRegistry();
        registry.Register<Exception>("exception");
        var act = () => registry.Serialize(new InvalidOperationException("x"));
        act.Should().Throw<SerializationException>().WithMessage("*InvalidOperationException*no registered manifest*");
    }
}
