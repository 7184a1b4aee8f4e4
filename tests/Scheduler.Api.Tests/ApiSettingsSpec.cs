using System.Net;
using Scheduler.Actors;
using Scheduler.Node;

namespace Scheduler.Api.Tests;

/// <summary>What the API's security settings allow, the unconfigured default first.</summary>
public sealed class ApiSettingsSpec
{
    [Fact]
    public void The_unconfigured_default_asks_for_a_token_and_a_node_without_one_refuses_to_start()
    {
        var build = () => NodeApplication.Build(["--config", Conf("scheduler { }"), "--scheduler:api:token="]);

        build.Should().Throw<ConfigurationException>().WithMessage("*scheduler.api.token*empty*SCHEDULER_API_TOKEN*");
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    [InlineData("scheduler.example")]
    public void Authentication_off_is_refused_on_an_address_that_is_not_loopback(string hostname)
    {
        var build = () => NodeApplication.Build(["--config", Conf("scheduler.api { authentication = off, hostname = \"" + hostname + "\" }")]);

        build.Should().Throw<ConfigurationException>().WithMessage("*scheduler.api.authentication*off*" + hostname + "*loopback*");
    }

    [Theory]
    [InlineData("scheduler.api.token = short", "*scheduler.api.token*shorter than 16*")]
    [InlineData("scheduler.api.authentication = maybe", "*scheduler.api.authentication*maybe*token*off*")]
    [InlineData("scheduler.api { authentication = off, port = 70000 }", "*scheduler.api.port*70000*")]
    [InlineData("scheduler.api { authentication = off, max-request-size = lots }", "*scheduler.api.max-request-size*lots*")]
    public void A_bad_setting_is_named(string hocon, string message)
    {
        var build = () => NodeApplication.Build(["--config", Conf(hocon)]);

        build.Should().Throw<ConfigurationException>().WithMessage(message);
    }

    [Fact]
    public async Task Without_arguments_the_node_serves_loopback_without_a_token()
    {
        await using var node = await RunningNode.StartAsync(withToken: false);
        using var http = node.Client(token: null);

        node.Address.Host.Should().Be("127.0.0.1");
        (await http.PostAsync("/api/tasks", Json.Body("""{"id":"dev-1","type":"noop"}"""))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await http.GetAsync("/api/tasks/dev-1")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static string Conf(string hocon)
    {
        var path = Path.Combine(Path.GetTempPath(), "scheduler-api-settings-" + Guid.NewGuid().ToString("N") + ".conf");
        File.WriteAllText(path, hocon);
        return path;
    }
}
