using Honeydipper.Core.Config.Loading;
using Honeydipper.Core.Config.Manifests;
using Honeydipper.Core.Config.Validation;

namespace Honeydipper.Core.Tests.Config;

/// <summary>Folders of our custom-resource manifests map onto the same model as a Honeydipper repository.</summary>
public sealed class ManifestTests : IDisposable
{
    private readonly TempRepo _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Sample = """
        apiVersion: honeydipper.io/v1alpha1
        kind: Driver
        metadata: {name: web}
        spec: {type: web, data: {timeout: 10}}
        ---
        apiVersion: honeydipper.io/v1alpha1
        kind: System
        metadata: {name: github}
        spec:
          data: {token: t}
          functions:
            createStatus: {driver: web, rawAction: request}
          triggers:
            push: {driver: webhook, if_match: {url: /github}}
        ---
        apiVersion: honeydipper.io/v1alpha1
        kind: Workflow
        metadata: {name: slash-help}
        spec:
          name: slashcommand/help
          runHistory: 5
          steps:
          - call_function: github.createStatus
        ---
        apiVersion: honeydipper.io/v1alpha1
        kind: Rule
        metadata: {name: on-push}
        spec:
          when: {source: {system: github, trigger: push}}
          do: {call_workflow: slashcommand/help}
          suspend: true
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: github-token}
        stringData: {token: shh}
        """;

    [Fact]
    public void Each_kind_maps_onto_the_model_with_spec_name_overriding_metadata_name()
    {
        _dir.Write("all.yaml", Sample)
            .Write("contexts/default-a.yaml", "apiVersion: honeydipper.io/v1alpha1\nkind: Context\nmetadata: {name: default-a}\nspec: {name: _default, workflows: {'*': {a: 1}}}\n")
            .Write("contexts/default-b.yaml", "apiVersion: honeydipper.io/v1alpha1\nkind: Context\nmetadata: {name: default-b}\nspec: {name: _default, workflows: {'*': {b: 2}}}\n");
        Assert.True(ManifestLoader.HoldsManifests(_dir.Root));
        ConfigLoadResult result = ConfigFolder.Load(_dir.Root);
        Assert.Empty(result.Problems);
        Assert.Empty(ConfigValidator.Validate(result.Config));
        Assert.Equal(10.0, result.Config.Drivers["web"].AsMap()["timeout"]);
        Assert.Equal("request", result.Config.Systems["github"].Functions["createStatus"].RawAction);
        Assert.Equal(["slashcommand/help"], result.Config.Workflows.Keys);
        Assert.Equal(string.Empty, result.Config.Workflows["slashcommand/help"].Name);
        var rule = Assert.Single(result.Config.Rules);
        Assert.Equal("on-push", rule.Name);
        Assert.True(rule.Suspend);
        Dictionary<string, object?> star = result.Config.Contexts["_default"].AsMap()["*"].AsMap();
        Assert.Equal(1.0, star["a"]);
        Assert.Equal(2.0, star["b"]);
    }

    [Fact]
    public void Two_workflows_with_the_same_honeydipper_name_conflict()
    {
        _dir.Write("a.yaml", "apiVersion: honeydipper.io/v1alpha1\nkind: Workflow\nmetadata: {name: one}\nspec: {name: shared}\n")
            .Write("b.yaml", "apiVersion: honeydipper.io/v1alpha1\nkind: Workflow\nmetadata: {name: two}\nspec: {name: shared}\n");
        ConfigLoadResult result = ConfigFolder.Load(_dir.Root);
        Assert.Equal(
            "b.yaml:1: Workflow two: workflow \"shared\" is already defined by Workflow one (a.yaml); give one of them another name",
            Assert.Single(result.Errors()).ToString());
    }

    [Fact]
    public void An_unknown_kind_of_our_group_is_an_error_with_a_suggestion()
    {
        _dir.Write("a.yaml", "apiVersion: honeydipper.io/v1alpha1\nkind: Workfow\nmetadata: {name: x}\nspec: {}\n");
        Assert.EndsWith("unknown kind Workfow (did you mean \"Workflow\"?)", Assert.Single(ConfigFolder.Load(_dir.Root).Errors()).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_errors_name_the_object_and_the_field()
    {
        _dir.Write("a.yaml", "apiVersion: honeydipper.io/v1alpha1\nkind: Workflow\nmetadata: {name: bad}\nspec:\n  steps: nope\n");
        Assert.Equal("a.yaml:5: Workflow bad: spec.steps: must be a list or something interpolated into a list", Assert.Single(ConfigFolder.Load(_dir.Root).Errors()).ToString());
    }

    [Fact]
    public void Lists_of_objects_are_read_and_other_kinds_ignored()
    {
        _dir.Write("list.yaml", "apiVersion: v1\nkind: List\nitems:\n- apiVersion: honeydipper.io/v1alpha1\n  kind: Workflow\n  metadata: {name: a}\n  spec: {}\n- apiVersion: honeydipper.io/v1alpha1\n  kind: WorkflowRun\n  metadata: {name: r}\n  spec: {workflow: a}\n");
        ConfigLoadResult result = ConfigFolder.Load(_dir.Root);
        Assert.Empty(result.Problems);
        Assert.Equal(["a"], result.Config.Workflows.Keys);
    }

    [Fact]
    public void A_folder_with_an_init_file_is_read_as_a_honeydipper_repository()
    {
        _dir.Write("init.yaml", "workflows: {x: {}}\n").Write("manifests.yaml", Sample);
        Assert.Equal(["x"], ConfigFolder.Load(_dir.Root).Config.Workflows.Keys);
    }

    [Fact]
    public void Essentials_written_as_manifests_read_back_into_the_same_configuration()
    {
        ConfigLoadResult loaded = ConfigLoader.LoadFolder(Honeydipper.Testing.RepoPaths.Essentials, options: new ConfigLoaderOptions { Environment = new Dictionary<string, string>() });
        List<Dictionary<string, object?>> manifests = ManifestWriter.Write(loaded.Config, new HashSet<string>(StringComparer.Ordinal) { "webhook", "web", "kubernetes" }, "essentials");
        foreach (Dictionary<string, object?> manifest in manifests)
        {
            string name = (string)((IDictionary<string, object?>)manifest["metadata"]!)["name"]!;
            Assert.Matches("^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$", name);
            File.WriteAllText(Path.Combine(_dir.Root, $"{manifest["kind"]}-{name}.yaml"), Honeydipper.Core.Yaml.GoYamlWriter.Write(manifest));
        }

        ConfigLoadResult back = ManifestLoader.Load(_dir.Root);
        Assert.Empty(back.Problems);

        // Only what names redispubsub, the original's internal bus driver, which no Driver object runs in a cluster.
        Assert.Equal(["workflow reload", "workflow resume_workflow"], ConfigValidator.Validate(back.Config).Select(p => p.Subject).Order(StringComparer.Ordinal));
        Assert.All(ConfigValidator.Validate(back.Config), p => Assert.Equal("driver \"redispubsub\" not defined", p.Message));
        Assert.Equal(loaded.Config.Systems.Keys.Order(StringComparer.Ordinal), back.Config.Systems.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(loaded.Config.Workflows.Keys.Order(StringComparer.Ordinal), back.Config.Workflows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(loaded.Config.Contexts.Keys.Order(StringComparer.Ordinal), back.Config.Contexts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(loaded.Config.Rules.Count, back.Config.Rules.Count);
        Assert.Equal(["kubernetes", "web", "webhook"], back.Config.Drivers.Keys.Order(StringComparer.Ordinal)); // declared and runnable in a cluster
        foreach ((string name, Honeydipper.Core.Config.Model.SystemDefinition system) in loaded.Config.Systems)
        {
            Honeydipper.Core.Config.Model.SystemDefinition copy = back.Config.Systems[name];
            Assert.Equal(Honeydipper.Core.Values.GoJson.Serialize(system.Data), Honeydipper.Core.Values.GoJson.Serialize(copy.Data));
            Assert.Equal(system.Functions.Keys.Order(StringComparer.Ordinal), copy.Functions.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(system.Triggers.Keys.Order(StringComparer.Ordinal), copy.Triggers.Keys.Order(StringComparer.Ordinal));
        }

        foreach ((string name, Honeydipper.Core.Config.Model.WorkflowDefinition workflow) in loaded.Config.Workflows)
        {
            Assert.Equal(Honeydipper.Core.Values.GoJson.Serialize(Honeydipper.Core.Engine.State.WorkflowWriter.Write(workflow with { Name = string.Empty })),
                Honeydipper.Core.Values.GoJson.Serialize(Honeydipper.Core.Engine.State.WorkflowWriter.Write(back.Config.Workflows[name] with { Name = string.Empty })));
        }
    }
}
