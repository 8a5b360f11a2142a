using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Honeydipper.Kubernetes.Resources.Drivers;

/// <summary>What to run for a driver and how.</summary>
[Description("The desired driver: a built-in type or a custom image, its options, environment, Service and resources.")]
public sealed record DriverSpec
{
    [JsonPropertyName("name")]
    [Description("The Honeydipper name of the driver, when it differs from metadata.name (Kubernetes names cannot hold '_' or '/'). Defaults to metadata.name.")]
    public string? Name { get; init; }

    [JsonPropertyName("type")]
    [AllowedValues("webhook", "web", "kubernetes", "cron", "redis")]
    [Description("A built-in driver to run from the Honeydipper image: webhook (receives HTTP events), web (makes HTTP requests), kubernetes (runs Jobs), cron (timed events) or redis. Leave empty and set image for a custom driver.")]
    public string? Type { get; init; }

    [JsonPropertyName("image")]
    [Description("Container image of a custom driver. Built-in drivers use the operator's own image unless this overrides it.")]
    public string? Image { get; init; }

    [JsonPropertyName("command")]
    [Description("Entrypoint of a custom driver's container; the image's entrypoint when empty.")]
    public IList<string>? Command { get; init; }

    [JsonPropertyName("args")]
    [Description("Arguments to the entrypoint.")]
    public IList<string>? Args { get; init; }

    [JsonPropertyName("replicas")]
    [DefaultValue(1)]
    [Range(0, int.MaxValue)]
    [Description("Number of driver pods. They share the driver's command stream, so more replicas share the work.")]
    public int Replicas { get; init; } = 1;

    [JsonPropertyName("data")]
    [Description("Driver options, free-form, as under drivers.<name> in Honeydipper configuration (for example the webhook driver's port or the web driver's timeouts).")]
    public JsonElement? Data { get; init; }

    [JsonPropertyName("env")]
    [Description("Environment variables for the driver container; reference Secrets here (valueFrom.secretKeyRef) rather than putting secrets in data.")]
    public IList<V1EnvVar>? Env { get; init; }

    [JsonPropertyName("envFrom")]
    [Description("Sources (ConfigMaps, Secrets) to populate the driver container's environment from.")]
    public IList<V1EnvFromSource>? EnvFrom { get; init; }

    [JsonPropertyName("service")]
    [Description("Expose the driver through a Service (for receivers such as webhook). No Service when absent.")]
    public DriverService? Service { get; init; }

    [JsonPropertyName("resources")]
    [Description("Compute resources of the driver container; the operator sets modest requests when absent.")]
    public V1ResourceRequirements? Resources { get; init; }

    [JsonPropertyName("serviceAccountName")]
    [Description("ServiceAccount the driver pods run as. The operator creates one for the driver when empty.")]
    public string? ServiceAccountName { get; init; }
}
