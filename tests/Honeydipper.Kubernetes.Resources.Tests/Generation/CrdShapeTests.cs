using Honeydipper.Kubernetes.Resources.Generation;
using k8s.Models;

namespace Honeydipper.Kubernetes.Resources.Tests.Generation;

/// <summary>What every generated CRD declares besides its schema: names, scope, subresources, printer columns.</summary>
public sealed class CrdShapeTests
{
    private static V1CustomResourceDefinition Crd(string kind) => CrdGenerator.GenerateAll().Single(c => c.Spec.Names.Kind == kind);

    private static string[] Columns(string kind, bool wide) =>
        [.. Crd(kind).Spec.Versions[0].AdditionalPrinterColumns.Where(c => wide || c.Priority is null or 0).Select(c => c.Name.ToUpperInvariant())];

    [Theory]
    [InlineData("Driver", "drivers", "hdd")]
    [InlineData("System", "systems", "hds")]
    [InlineData("Rule", "rules", "hdr")]
    [InlineData("Workflow", "workflows", "hdw")]
    [InlineData("Context", "contexts", "hdc")]
    [InlineData("ConfigRepo", "configrepos", "hdrepo")]
    [InlineData("WorkflowRun", "workflowruns", "hdrun")]
    public void Names_scope_category_and_status_subresource(string kind, string plural, string shortName)
    {
        V1CustomResourceDefinition crd = Crd(kind);
        Assert.Equal($"{plural}.honeydipper.io", crd.Metadata.Name);
        Assert.Equal("honeydipper.io", crd.Spec.Group);
        Assert.Equal("Namespaced", crd.Spec.Scope);
        Assert.Equal((plural, kind.ToLowerInvariant(), kind + "List"), (crd.Spec.Names.Plural, crd.Spec.Names.Singular, crd.Spec.Names.ListKind));
        Assert.Equal([shortName], crd.Spec.Names.ShortNames);
        Assert.Equal(["honeydipper"], crd.Spec.Names.Categories);
        V1CustomResourceDefinitionVersion version = Assert.Single(crd.Spec.Versions);
        Assert.Equal(("v1alpha1", true, true), (version.Name, version.Served, version.Storage));
        Assert.NotNull(version.Subresources.Status);
    }

    [Fact]
    public void Printer_columns_are_those_the_design_asks_for()
    {
        Assert.Equal(["TYPE", "READY", "AGE"], Columns("Driver", wide: false));
        Assert.Equal(["SYSTEM", "TRIGGER", "DRIVER", "READY", "AGE"], Columns("Rule", wide: false));
        Assert.Equal(["WORKFLOW", "PHASE", "STARTED", "DURATION"], Columns("WorkflowRun", wide: false));
        Assert.Contains("LAST TRIGGERED", Columns("Rule", wide: true));
        V1CustomResourceColumnDefinition ready = Crd("Rule").Spec.Versions[0].AdditionalPrinterColumns.Single(c => c.Name == "Ready");
        Assert.Equal(".status.conditions[?(@.type==\"Ready\")].status", ready.JsonPath);
        Assert.Equal("date", Crd("WorkflowRun").Spec.Versions[0].AdditionalPrinterColumns.Single(c => c.Name == "Started").Type);
    }

    [Fact]
    public void Output_is_deterministic_and_properties_are_ordinally_sorted()
    {
        Assert.Equal(CrdGenerator.Files(), CrdGenerator.Files());
        foreach (V1CustomResourceDefinition crd in CrdGenerator.GenerateAll())
        {
            IList<string> keys = [.. crd.Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["spec"].Properties.Keys];
            Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        }

        Assert.Equal(CrdGenerator.GenerateAll().Select(c => c.Metadata.Name).Order(StringComparer.Ordinal), CrdGenerator.GenerateAll().Select(c => c.Metadata.Name));
    }
}
