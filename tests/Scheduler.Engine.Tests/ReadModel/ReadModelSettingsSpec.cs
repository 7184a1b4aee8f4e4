using Scheduler.Actors;
using Scheduler.Engine.ReadModel;
using Scheduler.Engine.Tests.Engine;

namespace Scheduler.Engine.Tests.ReadModel;

/// <summary>How the read models are kept comes from <c>scheduler.engine.read-model</c>; bad values are refused naming the key.</summary>
public sealed class ReadModelSettingsSpec
{
    [Fact]
    public async Task The_reference_configuration_gives_the_documented_defaults()
    {
        (await SettingsAsync(string.Empty)).Should().Be(new TaskViewSettings());
        (await SettingsAsync(string.Empty)).BatchInterval.Should().Be(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_batch_interval_of_zero_reads_again_at_once()
    {
        (await SettingsAsync("scheduler.engine.read-model.batch-interval = 0s")).BatchInterval.Should().Be(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("batch-interval = -1s", "*scheduler.engine.read-model.batch-interval*-1s*")]
    [InlineData("batch-interval = infinite", "*scheduler.engine.read-model.batch-interval*zero or more*")]
    [InlineData("batch-interval = soon", "*scheduler.engine.read-model.batch-interval*soon*")]
    [InlineData("batch-size = 0", "*scheduler.engine.read-model.batch-size*")]
    public async Task A_bad_value_is_refused_naming_its_key(string setting, string message)
    {
        var act = () => SettingsAsync("scheduler.engine.read-model { " + setting + " }");

        await act.Should().ThrowAsync<ConfigurationException>().WithMessage(message);
    }

    private static async Task<TaskViewSettings> SettingsAsync(string hocon) => (await EngineSettingsOf.ReadAsync(hocon, "read-model-settings")).ReadModel;
}
