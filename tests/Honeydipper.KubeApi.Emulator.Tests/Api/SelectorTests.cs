using System.Net;
using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Tests.Support;
using k8s;
using k8s.Models;

namespace Honeydipper.KubeApi.Emulator.Tests.Api;

/// <summary>Label and field selectors on lists.</summary>
public sealed class SelectorTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    private async Task<string> SeedAsync()
    {
        string ns = fx.NewNamespace();
        (string Name, Dictionary<string, string> Labels)[] objects =
        [
            ("a", new() { ["app"] = "web", ["tier"] = "front" }),
            ("b", new() { ["app"] = "web", ["tier"] = "back" }),
            ("c", new() { ["app"] = "db" }),
            ("d", new()),
        ];
        foreach ((string name, Dictionary<string, string> labels) in objects)
        {
            await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, Labels = labels } }, ns);
        }

        return ns;
    }

    [Theory]
    [InlineData("app=web", "a,b")]
    [InlineData("app==web,tier=back", "b")]
    [InlineData("app!=web", "c,d")]
    [InlineData("app in (db, other)", "c")]
    [InlineData("app notin (web)", "c,d")]
    [InlineData("tier", "a,b")]
    [InlineData("!tier", "c,d")]
    public async Task Label_selectors_select_as_kube_apiserver_does(string selector, string expected)
    {
        string ns = await SeedAsync();
        V1ConfigMapList list = await fx.Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: selector);
        Assert.Equal(expected, string.Join(',', list.Items.Select(i => i.Metadata.Name)));
    }

    [Fact]
    public async Task Field_selectors_on_name_and_namespace()
    {
        string ns = await SeedAsync();
        string other = await SeedAsync();
        V1ConfigMapList byName = await fx.Client.CoreV1.ListConfigMapForAllNamespacesAsync(fieldSelector: "metadata.name=b");
        Assert.All(byName.Items, i => Assert.Equal("b", i.Metadata.Name));
        Assert.Contains(byName.Items, i => i.Metadata.NamespaceProperty == ns);
        Assert.Contains(byName.Items, i => i.Metadata.NamespaceProperty == other);
        V1ConfigMapList byNs = await fx.Client.CoreV1.ListConfigMapForAllNamespacesAsync(fieldSelector: $"metadata.namespace={other},metadata.name!=a");
        Assert.Equal(["b", "c", "d"], byNs.Items.Select(i => i.Metadata.Name));
    }

    [Fact]
    public async Task Unsupported_field_selectors_are_400()
    {
        string ns = await SeedAsync();
        (HttpStatusCode code, JsonNode? body) = await fx.Raw.GetAsync($"/api/v1/namespaces/{ns}/configmaps?fieldSelector=data.x%3D1");
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("field label not supported: data.x", body!["message"]!.GetValue<string>());
    }
}
