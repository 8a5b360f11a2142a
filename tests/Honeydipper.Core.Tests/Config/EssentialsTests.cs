using Honeydipper.Core.Config;
using Honeydipper.Core.Config.Loading;
using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Config.Validation;
using Honeydipper.Testing;

namespace Honeydipper.Core.Tests.Config;

/// <summary>
/// honeydipper-config-essentials, written by the original authors, loads completely and passes configcheck. The
/// expected counts were worked out from the files (following init.yaml's includes), not from our loader.
/// </summary>
public sealed class EssentialsTests
{
    private static readonly Lazy<ConfigLoadResult> Loaded = new(() =>
        ConfigLoader.LoadFolder(RepoPaths.Essentials, options: new ConfigLoaderOptions { Environment = new Dictionary<string, string>() }));

    private static ConfigLoadResult Result => Loaded.Value;

    [Fact]
    public void Every_file_that_init_yaml_reaches_loads_without_problems()
    {
        Assert.Empty(Result.Problems);
        Assert.Equal(25, Result.Repos.Single().Files.Count);
        Assert.Equal("init.yaml", Result.Repos.Single().Files[^1]);
    }

    [Fact]
    public void It_defines_the_same_systems_workflows_rules_contexts_and_drivers_as_the_original()
    {
        HoneydipperConfig config = Result.Config;
        Assert.Equal(["circleci", "codeclimate", "github", "jira", "kubernetes", "opsgenie", "pagerduty", "slack", "slack_bot"], config.Systems.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(29, config.Workflows.Count);
        Assert.Equal(5, config.Rules.Count);
        Assert.Equal(["_default", "_events", "_slashcommands", "alert_response", "mute"], config.Contexts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["api-broadcast", "daemon", "redislock", "redispubsub", "redisqueue", "webhook"], config.Drivers.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("notify", config.Workflows.Keys);
        Assert.Contains("run_kubernetes", config.Workflows.Keys);
    }

    [Fact]
    public void It_passes_configcheck() => Assert.Empty(ConfigValidator.Validate(Result.Config));

    [Fact]
    public void Slack_bot_inherits_the_slack_system()
    {
        SystemDefinition slack = Result.Config.Systems["slack"];
        SystemDefinition bot = Result.Config.Systems["slack_bot"];
        Assert.NotEmpty(slack.Functions);
        Assert.All(slack.Functions.Keys, name => Assert.Contains(name, bot.Functions.Keys));
    }

    [Fact]
    public void The_job_template_file_reference_is_replaced_by_the_template()
    {
        WorkflowDefinition steps = Result.Config.Workflows.Values.First(w => w.Steps.Any(s => s.Export?.ContainsKey("jobTemplate") == true));
        string template = Assert.IsType<string>(steps.Steps.First(s => s.Export?.ContainsKey("jobTemplate") == true).Export!["jobTemplate"]);
        Assert.StartsWith(":yaml:---", template, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_name_their_triggers()
    {
        Assert.All(Result.Config.Rules, rule => Assert.True(!rule.When.Source.IsEmpty || rule.When.Driver.Length > 0));
        Assert.Contains(Result.Config.Rules, rule => rule.When.Source.System == "slack_bot");
    }
}
