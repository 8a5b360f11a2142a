using System.Text.Json.Nodes;

namespace Honeydipper.KubeApi.Emulator.Tests.Support;

/// <summary>A CRD written for the emulator's own tests, with one of each schema feature.</summary>
internal static class TestCrds
{
    public const string WidgetsPath = "/apis/test.honeydipper.io/v1";

    public static JsonObject Widgets() => (JsonObject)JsonNode.Parse("""
        {
          "apiVersion": "apiextensions.k8s.io/v1",
          "kind": "CustomResourceDefinition",
          "metadata": { "name": "widgets.test.honeydipper.io" },
          "spec": {
            "group": "test.honeydipper.io",
            "scope": "Namespaced",
            "names": { "kind": "Widget", "listKind": "WidgetList", "plural": "widgets", "singular": "widget", "shortNames": ["wg"], "categories": ["testing"] },
            "versions": [{
              "name": "v1", "served": true, "storage": true,
              "subresources": { "status": {} },
              "additionalPrinterColumns": [
                { "name": "Color", "type": "string", "jsonPath": ".spec.color" },
                { "name": "Ready", "type": "string", "jsonPath": ".status.conditions[?(@.type==\"Ready\")].status" },
                { "name": "Size", "type": "integer", "jsonPath": ".spec.size", "priority": 1 },
                { "name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp" }
              ],
              "schema": { "openAPIV3Schema": {
                "type": "object",
                "properties": {
                  "apiVersion": { "type": "string" }, "kind": { "type": "string" }, "metadata": { "type": "object" },
                  "spec": {
                    "type": "object",
                    "required": ["color"],
                    "properties": {
                      "color": { "type": "string", "enum": ["red", "green", "blue"] },
                      "size": { "type": "integer", "minimum": 1, "default": 3 },
                      "code": { "type": "string", "pattern": "^[A-Z]{3}$" },
                      "tags": { "type": "array", "items": { "type": "string" }, "maxItems": 3 },
                      "labels": { "type": "object", "additionalProperties": { "type": "string" } },
                      "data": { "x-kubernetes-preserve-unknown-fields": true },
                      "port": { "x-kubernetes-int-or-string": true, "anyOf": [{ "type": "integer" }, { "type": "string" }] }
                    }
                  },
                  "status": {
                    "type": "object",
                    "properties": {
                      "phase": { "type": "string" },
                      "conditions": { "type": "array", "items": { "type": "object", "x-kubernetes-preserve-unknown-fields": true } }
                    }
                  }
                }
              } }
            }]
          }
        }
        """)!;

    public static JsonObject Widget(string name, string color = "red", JsonObject? extraSpec = null)
    {
        JsonObject spec = new() { ["color"] = color };
        foreach ((string key, JsonNode? value) in extraSpec ?? [])
        {
            spec[key] = value?.DeepClone();
        }

        return new JsonObject { ["apiVersion"] = "test.honeydipper.io/v1", ["kind"] = "Widget", ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec };
    }

    public static string Widgets(string ns, string? name = null, string? sub = null) =>
        $"{WidgetsPath}/namespaces/{ns}/widgets" + (name is null ? "" : $"/{name}") + (sub is null ? "" : $"/{sub}");
}
