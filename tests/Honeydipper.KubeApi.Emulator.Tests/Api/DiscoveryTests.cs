using System.Net;
using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Tests.Support;

namespace Honeydipper.KubeApi.Emulator.Tests.Api;

/// <summary>Discovery, OpenAPI v3 and server-side printing.</summary>
public sealed class DiscoveryTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Core_and_group_discovery_list_resources_with_their_subresources()
    {
        (HttpStatusCode code, JsonNode? api) = await fx.Raw.GetAsync("/api");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("""["v1"]""", api!["versions"]!.ToJsonString());

        JsonNode? v1 = (await fx.Raw.GetAsync("/api/v1")).Body;
        JsonArray resources = v1!["resources"]!.AsArray();
        Assert.Contains(resources, r => r!["name"]!.GetValue<string>() == "pods/status");
        JsonNode ns = resources.First(r => r!["name"]!.GetValue<string>() == "namespaces")!;
        Assert.False(ns["namespaced"]!.GetValue<bool>());

        JsonNode? groups = (await fx.Raw.GetAsync("/apis")).Body;
        Assert.Contains(groups!["groups"]!.AsArray(), g => g!["name"]!.GetValue<string>() == "coordination.k8s.io");
    }

    [Fact]
    public async Task A_registered_CRD_appears_in_discovery_and_OpenAPI()
    {
        await fx.EnsureWidgetsAsync();
        JsonNode? group = (await fx.Raw.GetAsync("/apis/test.honeydipper.io")).Body;
        Assert.Equal("test.honeydipper.io/v1", group!["preferredVersion"]!["groupVersion"]!.GetValue<string>());
        JsonNode? list = (await fx.Raw.GetAsync(TestCrds.WidgetsPath)).Body;
        JsonNode widgets = list!["resources"]!.AsArray().First(r => r!["name"]!.GetValue<string>() == "widgets")!;
        Assert.Equal("""["wg"]""", widgets["shortNames"]!.ToJsonString());
        Assert.Equal("""["testing"]""", widgets["categories"]!.ToJsonString());

        JsonNode? root = (await fx.Raw.GetAsync("/openapi/v3")).Body;
        string url = root!["paths"]!["apis/test.honeydipper.io/v1"]!["serverRelativeURL"]!.GetValue<string>();
        JsonNode? doc = (await fx.Raw.GetAsync(url)).Body;
        JsonNode schema = doc!["components"]!["schemas"]!["io.honeydipper.test.v1.Widget"]!;
        Assert.Equal("Widget", schema["x-kubernetes-group-version-kind"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal("""["red","green","blue"]""", schema["properties"]!["spec"]!["properties"]!["color"]!["enum"]!.ToJsonString());
    }

    [Fact]
    public async Task Tables_print_name_printer_columns_and_ages()
    {
        await fx.EnsureWidgetsAsync();
        string ns = fx.NewNamespace();
        await fx.Raw.PostAsync(TestCrds.Widgets(ns), TestCrds.Widget("w", "green", new JsonObject { ["size"] = 7 }));
        JsonNode? table = (await fx.Raw.GetAsync(TestCrds.Widgets(ns), "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")).Body;

        Assert.Equal("Table", table!["kind"]!.GetValue<string>());
        Assert.Equal("""["Name","Color","Ready","Size","Age"]""", new JsonArray([.. table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.DeepClone())]).ToJsonString());
        Assert.Equal(1, table["columnDefinitions"]![3]!["priority"]!.GetValue<int>());
        JsonArray cells = table["rows"]![0]!["cells"]!.AsArray();
        Assert.Equal("w", cells[0]!.GetValue<string>());
        Assert.Equal("green", cells[1]!.GetValue<string>());
        Assert.Null(cells[2]);
        Assert.Equal(7, cells[3]!.GetValue<int>());
        Assert.Matches("^[0-9]+s$", cells[4]!.GetValue<string>());
        Assert.Equal("PartialObjectMetadata", table["rows"]![0]!["object"]!["kind"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(5, "5s")]
    [InlineData(150, "2m30s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 + 600, "3h10m")]
    [InlineData(30 * 3600, "30h")]
    [InlineData(3 * 86400 + 3600, "3d1h")]
    [InlineData(40 * 86400, "40d")]
    public void Ages_read_as_kubectl_prints_them(int seconds, string expected) =>
        Assert.Equal(expected, Emulator.Api.TableConverter.HumanDuration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public async Task Unknown_paths_are_404_Status()
    {
        (HttpStatusCode code, JsonNode? body) = await fx.Raw.GetAsync("/apis/nope.example.com/v1/things");
        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("NotFound", body!["reason"]!.GetValue<string>());
    }
}
