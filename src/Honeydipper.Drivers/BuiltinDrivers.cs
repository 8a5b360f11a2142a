using Honeydipper.Drivers.Cron;
using Honeydipper.Drivers.Echo;
using Honeydipper.Drivers.Kubernetes;
using Honeydipper.Drivers.Web;
using Honeydipper.Drivers.Webhook;

namespace Honeydipper.Drivers;

/// <summary>The drivers that ship with Honeydipper, by type.</summary>
public static class BuiltinDrivers
{
    public static readonly IReadOnlyList<string> Types = ["webhook", "web", "kubernetes", "cron", "echo"];

    /// <summary>A new driver of the type, or null when there is no such built-in driver.</summary>
    public static IBuiltinDriver? Create(string type, BuiltinDriverSettings settings) => type switch
    {
        "webhook" => new WebhookDriver(settings),
        "web" => new WebDriver(settings),
        "kubernetes" => new KubernetesDriver(settings),
        "cron" => new CronDriver(settings),
        "echo" => new EchoDriver(settings),
        _ => null,
    };
}
