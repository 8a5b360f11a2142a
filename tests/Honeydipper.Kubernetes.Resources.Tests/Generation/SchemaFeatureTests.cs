using Honeydipper.Kubernetes.Resources.ConfigRepos;
using Honeydipper.Kubernetes.Resources.Drivers;
using Honeydipper.Kubernetes.Resources.Generation;
using Honeydipper.Kubernetes.Resources.Rules;
using Honeydipper.Kubernetes.Resources.Workflows;
using k8s.Models;

namespace Honeydipper.Kubernetes.Resources.Tests.Generation;

/// <summary>One test per schema feature the generator turns C# into.</summary>
public sealed class SchemaFeatureTests
{
    private static V1JSONSchemaProps Root(Type kind) => CrdGenerator.Generate(kind).Spec.Versions[0].Schema.OpenAPIV3Schema;

    private static V1JSONSchemaProps At(Type kind, string path) =>
        path.Split('.').Aggregate(Root(kind), (s, p) => p == "[]" ? (V1JSONSchemaProps)s.Items : s.Properties[p]);

    [Fact]
    public void Json_names_types_and_formats_come_from_the_CSharp_types()
    {
        Assert.Equal("string", At(typeof(Driver), "spec.image").Type);
        Assert.Equal(("integer", "int32"), (At(typeof(Driver), "spec.replicas").Type, At(typeof(Driver), "spec.replicas").Format));
        Assert.Equal(("integer", "int64"), (At(typeof(Rule), "status.triggerCount").Type, At(typeof(Rule), "status.triggerCount").Format));
        Assert.Equal("boolean", At(typeof(Rule), "spec.suspend").Type);
        Assert.Equal(("string", "date-time"), (At(typeof(Rule), "status.lastTriggered").Type, At(typeof(Rule), "status.lastTriggered").Format));
        Assert.Equal("string", At(typeof(Driver), "spec.command.[]").Type);
        Assert.True(At(typeof(Workflow), "spec").Properties.ContainsKey("call_function"));
    }

    [Fact]
    public void Free_form_fields_preserve_unknown_fields_and_have_no_type()
    {
        V1JSONSchemaProps data = At(typeof(Driver), "spec.data");
        Assert.True(data.XKubernetesPreserveUnknownFields);
        Assert.Null(data.Type);
        Assert.True(At(typeof(Rule), "spec.when").XKubernetesPreserveUnknownFields);
    }

    [Fact]
    public void Workflow_spec_keeps_every_workflow_key_and_extension_data_is_no_field()
    {
        V1JSONSchemaProps spec = At(typeof(Workflow), "spec");
        Assert.True(spec.XKubernetesPreserveUnknownFields);
        Assert.DoesNotContain("other", spec.Properties.Keys);
        Assert.DoesNotContain("Other", spec.Properties.Keys);
    }

    [Fact]
    public void Required_comes_from_the_Required_attribute()
    {
        Assert.Equal(["when"], At(typeof(Rule), "spec").Required);
        Assert.Equal(["url"], At(typeof(ConfigRepo), "spec").Required);
        Assert.Equal(["port"], At(typeof(Driver), "spec.service").Required);
        Assert.Equal(["spec"], Root(typeof(Rule)).Required);
    }

    [Fact]
    public void Defaults_come_from_DefaultValue()
    {
        Assert.Equal(1, At(typeof(Driver), "spec.replicas").DefaultProperty);
        Assert.Equal("main", At(typeof(ConfigRepo), "spec.branch").DefaultProperty);
        Assert.Equal("/", At(typeof(ConfigRepo), "spec.path").DefaultProperty);
        Assert.Equal("init.yaml", At(typeof(ConfigRepo), "spec.initFile").DefaultProperty);
        Assert.Equal("1m", At(typeof(ConfigRepo), "spec.interval").DefaultProperty);
        Assert.Equal(true, At(typeof(ConfigRepo), "spec.prune").DefaultProperty);
    }

    [Fact]
    public void Enums_come_from_AllowedValues()
    {
        Assert.Equal(["webhook", "web", "kubernetes", "cron", "redis"], At(typeof(Driver), "spec.type").EnumProperty);
        Assert.Equal(["Pending", "Running", "Waiting", "Succeeded", "Failed", "Error", "Skipped", "Cancelled"], At(typeof(WorkflowRuns.WorkflowRun), "status.phase").EnumProperty);
    }

    [Theory]
    [InlineData("1m", true)]
    [InlineData("1h30m", true)]
    [InlineData("250ms", true)]
    [InlineData("1.5h", true)]
    [InlineData("5 minutes", false)]
    [InlineData("60", false)]
    public void Patterns_come_from_RegularExpression(string interval, bool valid) =>
        Assert.Equal(valid, System.Text.RegularExpressions.Regex.IsMatch(interval, At(typeof(ConfigRepo), "spec.interval").Pattern));

    [Fact]
    public void Bounds_come_from_Range_and_lengths_from_MinLength()
    {
        Assert.Equal((0d, (double?)null), (At(typeof(Driver), "spec.replicas").Minimum!.Value, At(typeof(Driver), "spec.replicas").Maximum));
        Assert.Equal((1d, 65535d), (At(typeof(Driver), "spec.service.port").Minimum!.Value, At(typeof(Driver), "spec.service.port").Maximum!.Value));
        Assert.Equal(1, At(typeof(ConfigRepo), "spec.url").MinLength);
    }

    [Fact]
    public void Embedded_Kubernetes_types_get_structural_schemas_and_their_required_fields()
    {
        V1JSONSchemaProps env = At(typeof(Driver), "spec.env.[]");
        Assert.Equal(["name"], env.Required);
        Assert.Equal(["key"], At(typeof(Driver), "spec.env.[].valueFrom.secretKeyRef").Required);
        V1JSONSchemaProps limits = At(typeof(Driver), "spec.resources.limits");
        Assert.Equal("object", limits.Type);
        Assert.True(((V1JSONSchemaProps)limits.AdditionalProperties).XKubernetesIntOrString);
    }

    [Fact]
    public void Every_kind_has_observedGeneration_and_conditions_in_metav1_Condition_shape()
    {
        foreach (Type kind in CrdGenerator.Kinds)
        {
            Assert.Equal("integer", At(kind, "status.observedGeneration").Type);
            V1JSONSchemaProps condition = At(kind, "status.conditions.[]");
            Assert.Equal(["lastTransitionTime", "message", "reason", "status", "type"], condition.Required);
            Assert.Equal("date-time", condition.Properties["lastTransitionTime"].Format);
        }
    }

    [Fact]
    public void Kinds_with_a_Honeydipper_name_take_spec_name()
    {
        string[] named = [.. CrdGenerator.Kinds.Where(k => Root(k).Properties["spec"].Properties.ContainsKey("name")).Select(k => CrdGenerator.Generate(k).Spec.Names.Kind).Order(StringComparer.Ordinal)];
        Assert.Equal(["Context", "Driver", "Rule", "System", "Workflow"], named);
    }

    [Fact]
    public void Every_field_of_every_kind_has_a_description()
    {
        foreach (Type kind in CrdGenerator.Kinds)
        {
            V1JSONSchemaProps root = Root(kind);
            Assert.False(string.IsNullOrWhiteSpace(root.Description));
            foreach (string part in new[] { "spec", "status" })
            {
                Walk(root.Properties[part], $"{kind.Name}.{part}");
            }
        }

        static void Walk(V1JSONSchemaProps schema, string path)
        {
            Assert.False(string.IsNullOrWhiteSpace(schema.Description), $"{path} has no description");
            foreach ((string name, V1JSONSchemaProps child) in schema.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
            {
                Walk(child, $"{path}.{name}");
            }

            if (schema.Items is V1JSONSchemaProps { Properties: not null } items)
            {
                foreach ((string name, V1JSONSchemaProps child) in items.Properties)
                {
                    Walk(child, $"{path}[].{name}");
                }
            }
        }
    }

    [Fact]
    public void A_field_without_a_description_fails_generation()
    {
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => SchemaBuilder.ForObject(typeof(Undocumented)));
        Assert.Contains("Undocumented.Field has no [Description]", e.Message);
    }

    private sealed record Undocumented
    {
        [System.Text.Json.Serialization.JsonPropertyName("field")]
        public string? Field { get; init; }
    }
}
