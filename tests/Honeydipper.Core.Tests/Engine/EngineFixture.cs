using Honeydipper.Core.Config.Loading;
using Honeydipper.Core.Engine;
using Honeydipper.Core.Scenarios;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Tests.Engine;

/// <summary>An engine on a virtual clock with a configuration written as YAML.</summary>
internal sealed class EngineFixture
{
    public EngineFixture(string configYaml)
    {
        ConfigLoadResult config = InlineConfig.Load(GoYaml.Parse(configYaml), "test");
        Assert.Empty(config.Problems);
        Engine = new WorkflowEngine(Output, new EngineOptions { Time = Clock });
        Engine.Configure(config.Config);
    }

    public VirtualClock Clock { get; } = new();

    public RecordingOutput Output { get; } = new();

    public WorkflowEngine Engine { get; }

    public DriverCommand Command(int index) => Output.Commands[index];

    public void Answer(int index, string status = Statuses.Success, string reason = "", object? payload = null) =>
        Engine.HandleReturn(DriverReturn.For(Command(index), status, reason, payload));
}
