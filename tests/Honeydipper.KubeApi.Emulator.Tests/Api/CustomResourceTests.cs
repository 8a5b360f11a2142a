using System.Net;
using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Tests.Support;

namespace Honeydipper.KubeApi.Emulator.Tests.Api;

/// <summary>Custom resources: generation, the status subresource, and schema validation, pruning and defaults.</summary>
public sealed class CustomResourceTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    private async Task<(string Ns, JsonNode Created)> CreateAsync(string name = "w", JsonObject? spec = null)
    {
        await fx.EnsureWidgetsAsync();
        string ns = fx.NewNamespace();
        (HttpStatusCode code, JsonNode? body) = await fx.Raw.PostAsync(TestCrds.Widgets(ns), TestCrds.Widget(name, extraSpec: spec));
        Assert.True(code == HttpStatusCode.Created, body?.ToJsonString());
        return (ns, body!);
    }

    [Fact]
    public async Task Generation_counts_spec_changes_only()
    {
        (string ns, JsonNode w) = await CreateAsync();
        Assert.Equal(1, w["metadata"]!["generation"]!.GetValue<long>());

        w["metadata"]!["labels"] = new JsonObject { ["a"] = "b" };
        (_, JsonNode? labelled) = await fx.Raw.PutAsync(TestCrds.Widgets(ns, "w"), w);
        Assert.Equal(1, labelled!["metadata"]!["generation"]!.GetValue<long>());

        labelled["spec"]!["color"] = "blue";
        (_, JsonNode? changed) = await fx.Raw.PutAsync(TestCrds.Widgets(ns, "w"), labelled);
        Assert.Equal(2, changed!["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Status_goes_only_through_the_status_subresource()
    {
        (string ns, JsonNode w) = await CreateAsync();
        w["status"] = new JsonObject { ["phase"] = "Main" };
        (_, JsonNode? viaMain) = await fx.Raw.PutAsync(TestCrds.Widgets(ns, "w"), w);
        Assert.Null(viaMain!["status"]);

        viaMain["status"] = new JsonObject { ["phase"] = "Done" };
        viaMain["spec"]!["color"] = "green";
        (HttpStatusCode code, JsonNode? viaStatus) = await fx.Raw.PutAsync(TestCrds.Widgets(ns, "w", "status"), viaMain);
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Done", viaStatus!["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("red", viaStatus["spec"]!["color"]!.GetValue<string>());
        Assert.Equal(1, viaStatus["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Status_sent_on_create_is_dropped()
    {
        await fx.EnsureWidgetsAsync();
        string ns = fx.NewNamespace();
        JsonObject widget = TestCrds.Widget("w");
        widget["status"] = new JsonObject { ["phase"] = "Forged" };
        (_, JsonNode? body) = await fx.Raw.PostAsync(TestCrds.Widgets(ns), widget);
        Assert.Null(body!["status"]);
    }

    [Fact]
    public async Task Updating_a_custom_resource_needs_a_resourceVersion()
    {
        (string ns, JsonNode w) = await CreateAsync();
        w["metadata"]!.AsObject().Remove("resourceVersion");
        (HttpStatusCode code, JsonNode? body) = await fx.Raw.PutAsync(TestCrds.Widgets(ns, "w"), w);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Widget.test.honeydipper.io \"w\" is invalid: metadata.resourceVersion: Invalid value: 0: must be specified for an update", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Schema_violations_answer_422_in_kube_apiserver_shape()
    {
        await fx.EnsureWidgetsAsync();
        string ns = fx.NewNamespace();
        JsonObject bad = TestCrds.Widget("bad", "purple", new JsonObject { ["size"] = "big", ["code"] = "abc", ["tags"] = new JsonArray("a", "b", "c", "d") });
        bad["spec"]!.AsObject().Remove("color");
        bad["spec"]!["size"] = 0;
        (HttpStatusCode code, JsonNode? body) = await fx.Raw.PostAsync(TestCrds.Widgets(ns), bad);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Invalid", body!["reason"]!.GetValue<string>());
        Assert.Equal("Widget", body["details"]!["kind"]!.GetValue<string>());
        Assert.Equal("test.honeydipper.io", body["details"]!["group"]!.GetValue<string>());
        string message = body["message"]!.GetValue<string>();
        Assert.StartsWith("Widget.test.honeydipper.io \"bad\" is invalid: [", message);
        Assert.Contains("spec.color: Required value", message);
        Assert.Contains("spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1", message);
        Assert.Contains("spec.code: Invalid value: \"abc\": spec.code in body should match '^[A-Z]{3}$'", message);
        Assert.Contains("spec.tags: Too many: 4: must have at most 3 items", message);
        Assert.Equal(4, body["details"]!["causes"]!.AsArray().Count);
    }

    [Fact]
    public async Task Enum_and_type_errors_read_as_kube_apiserver_writes_them()
    {
        await fx.EnsureWidgetsAsync();
        string ns = fx.NewNamespace();
        (_, JsonNode? body) = await fx.Raw.PostAsync(TestCrds.Widgets(ns), TestCrds.Widget("e", "purple"));
        Assert.Equal("Widget.test.honeydipper.io \"e\" is invalid: spec.color: Unsupported value: \"purple\": supported values: \"red\", \"green\", \"blue\"", body!["message"]!.GetValue<string>());

        (_, body) = await fx.Raw.PostAsync(TestCrds.Widgets(ns), TestCrds.Widget("t", extraSpec: new JsonObject { ["size"] = "big" }));
        Assert.Equal("Widget.test.honeydipper.io \"t\" is invalid: spec.size: Invalid value: \"string\": spec.size in body must be of type integer: \"string\"", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_fields_are_pruned_defaults_applied_and_free_form_kept()
    {
        (string _, JsonNode w) = await CreateAsync(spec: new JsonObject
        {
            ["unknown"] = "x",
            ["data"] = new JsonObject { ["anything"] = new JsonObject { ["goes"] = 1 } },
            ["port"] = "http",
            ["labels"] = new JsonObject { ["a"] = "b" },
        });
        Assert.Null(w["spec"]!["unknown"]);
        Assert.Equal(3, w["spec"]!["size"]!.GetValue<int>());
        Assert.Equal(1, w["spec"]!["data"]!["anything"]!["goes"]!.GetValue<int>());
        Assert.Equal("http", w["spec"]!["port"]!.GetValue<string>());
    }

    [Fact]
    public async Task Strict_field_validation_rejects_unknown_fields_and_warn_reports_them()
    {
        await fx.EnsureWidgetsAsync();
        string ns = fx.NewNamespace();
        JsonObject w = TestCrds.Widget("s", extraSpec: new JsonObject { ["colour"] = "red" });
        (HttpStatusCode code, JsonNode? body) = await fx.Raw.PostAsync(TestCrds.Widgets(ns) + "?fieldValidation=Strict", w);
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("strict decoding error: unknown field \"spec.colour\"", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dry_run_validates_without_storing()
    {
        await fx.EnsureWidgetsAsync();
        string ns = fx.NewNamespace();
        (HttpStatusCode code, _) = await fx.Raw.PostAsync(TestCrds.Widgets(ns) + "?dryRun=All", TestCrds.Widget("dry"));
        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Raw.GetAsync(TestCrds.Widgets(ns, "dry"))).Code);
        (code, _) = await fx.Raw.PostAsync(TestCrds.Widgets(ns) + "?dryRun=All", TestCrds.Widget("dry", "purple"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
    }

    [Fact]
    public async Task Deleting_the_CRD_removes_its_objects_and_its_API()
    {
        string ns = fx.NewNamespace();
        JsonObject crd = TestCrds.Widgets();
        crd["metadata"]!["name"] = "gadgets.test.honeydipper.io";
        crd["spec"]!["names"] = new JsonObject { ["kind"] = "Gadget", ["plural"] = "gadgets", ["singular"] = "gadget" };
        Assert.Equal(HttpStatusCode.Created, (await fx.Raw.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)).Code);
        JsonObject gadget = TestCrds.Widget("g");
        gadget["kind"] = "Gadget";
        Assert.Equal(HttpStatusCode.Created, (await fx.Raw.PostAsync($"{TestCrds.WidgetsPath}/namespaces/{ns}/gadgets", gadget)).Code);

        Assert.Equal(HttpStatusCode.OK, (await fx.Raw.DeleteAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.test.honeydipper.io")).Code);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Raw.GetAsync($"{TestCrds.WidgetsPath}/namespaces/{ns}/gadgets")).Code);
        JsonNode? resources = (await fx.Raw.GetAsync(TestCrds.WidgetsPath)).Body;
        Assert.DoesNotContain(resources!["resources"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "gadgets");
    }

    [Fact]
    public async Task A_CRD_whose_name_does_not_match_its_names_is_invalid()
    {
        JsonObject crd = TestCrds.Widgets();
        crd["metadata"]!["name"] = "wrong.test.honeydipper.io";
        (HttpStatusCode code, JsonNode? body) = await fx.Raw.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains("metadata.name: Invalid value: \"wrong.test.honeydipper.io\": must be spec.names.plural+\".\"+spec.group", body!["message"]!.GetValue<string>());
    }
}
