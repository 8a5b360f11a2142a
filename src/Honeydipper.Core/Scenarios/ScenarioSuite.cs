using Honeydipper.Core.Config.Loading;

namespace Honeydipper.Core.Scenarios;

/// <summary>A scenario file: the configuration its scenarios run against and the scenarios.</summary>
public sealed record ScenarioSuite(string File, ConfigLoadResult Config, IReadOnlyList<Scenario> Scenarios);
