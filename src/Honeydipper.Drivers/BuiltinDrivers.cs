using Honeydipper.Drivers.Cron;
using Honeydipper.Drivers.Echo;
using Honeydipper.Drivers.Kubernetes;
using Honeydipper.Drivers.Redis;
using Honeydipper.Drivers.Web;
using Honeydipper.Drivers.Webhook;

namespace Honeydipper.Drivers;

/// <summary>The drivers that ship with Honeydipper, by type.</summary>
public static class BuiltinDrivers
{
    /// <summary>The types, as a Driver's <c>spec.type</c> and <c>honeydipper driver &lt;type&gt;</c> name them.</summary>
    public static readonly IReadOnlyList<string> Types = ["webhook", "web", "kubernetes", "cron", "redis", "echo"];

    /// <summary>
    /// The original's names of drivers that one type here serves: its redis-cache (feature <c>cache</c>) and redislock
    /// (feature <c>locker</c>) are both the <c>redis</c> driver.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["redis-cache"] = "redis",
        ["redislock"] = "redis",
    };

    /// <summary>The built-in type a type or alias names, or null when it names none.</summary>
    public static string? Resolve(string typeOrAlias) =>
        Types.Contains(typeOrAlias) ? typeOrAlias : Aliases.GetValueOrDefault(typeOrAlias);

    /// <summary>A new driver of the type (or alias), or null when there is no such built-in driver.</summary>
    public static IBuiltinDriver? Create(string type, BuiltinDriverSettings settings) => Resolve(type) switch
    {
        "webhook" => new WebhookDriver(settings),
        "web" => new WebDriver(settings),
        "kubernetes" => new KubernetesDriver(settings),
        "cron" => new CronDriver(settings),
        "redis" => new RedisDriver(settings),
        "echo" => new EchoDriver(settings),
        _ => null,
    };
}
