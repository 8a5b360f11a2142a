using Honeydipper.Core.Yaml;
using Honeydipper.Operator.Compilation;

namespace Honeydipper.Operator.Tests;

public sealed class ConfigCompilerTests
{
    private static readonly Func<string, IReadOnlyDictionary<string, string>?> NoSecrets = _ => null;

    /// <summary>Objects from manifests (as kubectl would apply them), in order of creation.</summary>
    internal static List<ConfigObject> Objects(string yaml)
    {
        List<ConfigObject> objects = [];
        DateTime created = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (IDictionary<string, object?> doc in GoYaml.ParseAll(yaml, "test.yaml").OfType<IDictionary<string, object?>>())
        {
            IDictionary<string, object?> metadata = (IDictionary<string, object?>)doc["metadata"]!;
            objects.Add(new ConfigObject
            {
                Kind = (string)doc["kind"]!,
                Name = (string)metadata["name"]!,
                Generation = 1,
                Created = created = created.AddSeconds(1),
                Spec = doc.TryGetValue("spec", out object? spec) ? spec as IDictionary<string, object?> : null,
            });
        }

        return objects;
    }

    private const string Demo = """
        kind: Driver
        metadata: {name: webhook}
        ---
        kind: Driver
        metadata: {name: web}
        ---
        kind: System
        metadata: {name: demo}
        spec:
          data: {greeting: hello}
          triggers:
            hello: {driver: webhook, if_match: {url: /hello}}
          functions:
            post: {driver: web, rawAction: request, parameters: {URL: "http://example/{{ .sysData.greeting }}"}}
        ---
        kind: Workflow
        metadata: {name: greet}
        spec:
          call_function: demo.post
        ---
        kind: Rule
        metadata: {name: on-hello}
        spec:
          when: {source: {system: demo, trigger: hello}}
          do: {call_workflow: greet}
        """;

    [Fact]
    public void A_consistent_namespace_compiles_with_every_object_ready()
    {
        CompiledNamespace compiled = ConfigCompiler.Compile(Objects(Demo), NoSecrets);
        Assert.All(compiled.Verdicts.Values, v => Assert.True(v.Ready, v.Message));
        Assert.Equal(["demo"], compiled.Config.Systems.Keys);
        Assert.Equal("greet", Assert.Single(compiled.Config.Rules).Do.CallWorkflow);
        Assert.Equal(["web", "webhook"], compiled.Config.Drivers.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_rule_naming_a_missing_system_is_invalid_until_the_system_exists_and_the_rest_keeps_working()
    {
        List<ConfigObject> objects = Objects(Demo + """

            ---
            kind: Rule
            metadata: {name: on-push}
            spec:
              when: {source: {system: github, trigger: push}}
              do: {call_workflow: greet}
            """);
        CompiledNamespace compiled = ConfigCompiler.Compile(objects, NoSecrets);
        ObjectVerdict verdict = compiled.Verdicts[new ConfigObjectKey("Rule", "on-push")];
        Assert.Equal(VerdictReasons.Invalid, verdict.Reason);
        Assert.Equal("spec.when.source.system: system \"github\" not defined", verdict.Message);
        Assert.True(compiled.Verdicts[new ConfigObjectKey("Rule", "on-hello")].Ready);
        Assert.Equal("on-hello", Assert.Single(compiled.Config.Rules).Name);

        objects.AddRange(Objects("""
            kind: System
            metadata: {name: github}
            spec:
              triggers:
                push: {driver: webhook, if_match: {headers: {X-Github-Event: [push]}}}
            """));
        CompiledNamespace fixedUp = ConfigCompiler.Compile(objects, NoSecrets);
        Assert.True(fixedUp.Verdicts[new ConfigObjectKey("Rule", "on-push")].Ready);
        Assert.Equal(2, fixedUp.Config.Rules.Count);
    }

    [Fact]
    public void What_depends_on_an_invalid_object_is_left_out_too_with_its_own_reason()
    {
        List<ConfigObject> objects = Objects(Demo.Replace("call_function: demo.post", "call_function: demo.pots", StringComparison.Ordinal));
        CompiledNamespace compiled = ConfigCompiler.Compile(objects, NoSecrets);
        Assert.Equal("spec.call_function.function: demo function \"pots\" not defined (did you mean \"post\"?)", compiled.Verdicts[new ConfigObjectKey("Workflow", "greet")].Message);
        ObjectVerdict rule = compiled.Verdicts[new ConfigObjectKey("Rule", "on-hello")];
        Assert.Equal(VerdictReasons.Invalid, rule.Reason);
        Assert.Contains("workflow \"greet\" not defined", rule.Message, StringComparison.Ordinal);
        Assert.True(compiled.Verdicts[new ConfigObjectKey("System", "demo")].Ready);
        Assert.Empty(compiled.Config.Workflows);
        Assert.Empty(compiled.Config.Rules);
    }

    [Fact]
    public void A_spec_that_does_not_read_is_invalid_with_its_field_path()
    {
        CompiledNamespace compiled = ConfigCompiler.Compile(Objects(Demo + """

            ---
            kind: Workflow
            metadata: {name: broken}
            spec:
              steps: {not: a list}
            """), NoSecrets);
        ObjectVerdict verdict = compiled.Verdicts[new ConfigObjectKey("Workflow", "broken")];
        Assert.Equal(VerdictReasons.Invalid, verdict.Reason);
        Assert.StartsWith("spec.steps", verdict.Message, StringComparison.Ordinal);
        Assert.True(compiled.Verdicts[new ConfigObjectKey("Workflow", "greet")].Ready);
    }

    [Fact]
    public void Drivers_that_no_Driver_object_provides_are_reported_but_the_object_stays_in_use()
    {
        CompiledNamespace compiled = ConfigCompiler.Compile(Objects(Demo.Replace("kind: Driver\nmetadata: {name: web}\n---\n", string.Empty, StringComparison.Ordinal)), NoSecrets);
        ObjectVerdict system = compiled.Verdicts[new ConfigObjectKey("System", "demo")];
        Assert.Equal(VerdictReasons.DriverNotFound, system.Reason);
        Assert.Equal("spec.functions.post uses driver \"web\", which no Driver in this namespace provides (create a Driver named web) (the rest of it is in use)", system.Message);
        Assert.True(system.InUse);
        Assert.Contains("demo", compiled.Config.Systems.Keys);
    }

    [Fact]
    public void DataFrom_merges_a_Secret_into_system_data_and_a_missing_one_is_named()
    {
        List<ConfigObject> objects = Objects("""
            kind: System
            metadata: {name: github}
            spec:
              data: {org: acme, auth: {type: token}}
              dataFrom:
                - secretRef: {name: github-token}
                  key: token
                  path: auth
                - secretRef: {name: github-webhook}
            """);
        Dictionary<string, IReadOnlyDictionary<string, string>> secrets = new()
        {
            ["github-token"] = new Dictionary<string, string> { ["token"] = "s3cr3t", ["other"] = "unused" },
            ["github-webhook"] = new Dictionary<string, string> { ["signatureSecret"] = "hmac-key" },
        };
        CompiledNamespace compiled = ConfigCompiler.Compile(objects, n => secrets.GetValueOrDefault(n));
        IDictionary<string, object?> data = compiled.Config.Systems["github"].Data!;
        Assert.Equal("acme", data["org"]);
        Assert.Equal(new Dictionary<string, object?> { ["type"] = "token", ["token"] = "s3cr3t" }, data["auth"]);
        Assert.Equal("hmac-key", data["signatureSecret"]);

        secrets.Remove("github-webhook");
        ObjectVerdict missing = ConfigCompiler.Compile(objects, n => secrets.GetValueOrDefault(n)).Verdicts[new ConfigObjectKey("System", "github")];
        Assert.Equal(VerdictReasons.SecretNotFound, missing.Reason);
        Assert.Equal("spec.dataFrom[1]: Secret \"github-webhook\" not found in this namespace; create it, or remove this source", missing.Message);

        secrets["github-webhook"] = new Dictionary<string, string>();
        secrets["github-token"] = new Dictionary<string, string> { ["tok"] = "s3cr3t" };
        ObjectVerdict wrongKey = ConfigCompiler.Compile(objects, n => secrets.GetValueOrDefault(n)).Verdicts[new ConfigObjectKey("System", "github")];
        Assert.Equal("spec.dataFrom[0].key: Secret \"github-token\" has no key \"token\" (it has: tok)", wrongKey.Message);
        Assert.DoesNotContain("s3cr3t", wrongKey.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_older_of_two_objects_with_one_Honeydipper_name_wins()
    {
        CompiledNamespace compiled = ConfigCompiler.Compile(Objects(Demo + """

            ---
            kind: Workflow
            metadata: {name: greet-again}
            spec: {name: greet, call_function: demo.post}
            """), NoSecrets);
        ObjectVerdict verdict = compiled.Verdicts[new ConfigObjectKey("Workflow", "greet-again")];
        Assert.Equal(VerdictReasons.Duplicate, verdict.Reason);
        Assert.Equal("workflow \"greet\" is already defined by Workflow greet; give one of them another spec.name", verdict.Message);
        Assert.True(compiled.Verdicts[new ConfigObjectKey("Workflow", "greet")].Ready);
    }

    [Fact]
    public void A_cycle_of_extends_takes_out_the_systems_in_it_only()
    {
        CompiledNamespace compiled = ConfigCompiler.Compile(Objects(Demo + """

            ---
            kind: System
            metadata: {name: a}
            spec: {extends: [b]}
            ---
            kind: System
            metadata: {name: b}
            spec: {extends: [a]}
            """), NoSecrets);
        Assert.Equal(VerdictReasons.Invalid, compiled.Verdicts[new ConfigObjectKey("System", "a")].Reason);
        Assert.Equal(VerdictReasons.Invalid, compiled.Verdicts[new ConfigObjectKey("System", "b")].Reason);
        Assert.True(compiled.Verdicts[new ConfigObjectKey("System", "demo")].Ready);
    }

    [Fact]
    public void A_call_to_a_driver_without_a_Driver_object_keeps_the_workflow_in_use()
    {
        CompiledNamespace compiled = ConfigCompiler.Compile(Objects(Demo + """

            ---
            kind: Workflow
            metadata: {name: reload}
            spec: {call_driver: slack.say, with: {text: hi}}
            """), NoSecrets);
        ObjectVerdict verdict = compiled.Verdicts[new ConfigObjectKey("Workflow", "reload")];
        Assert.Equal(VerdictReasons.DriverNotFound, verdict.Reason);
        Assert.StartsWith("spec.call_driver uses driver \"slack\"", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("reload", compiled.Config.Workflows.Keys);
    }
}
