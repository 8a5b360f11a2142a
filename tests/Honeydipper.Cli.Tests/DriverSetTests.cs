using Honeydipper.Cli.Local;
using Honeydipper.Core.Config.Loading;
using Honeydipper.Core.Engine.Rules;
using Honeydipper.Core.Interpolation;

namespace Honeydipper.Cli.Tests;

/// <summary>Which drivers honeydipper local starts for a configuration, and as which built-in type.</summary>
public sealed class DriverSetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hd-drivers-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_original_s_lock_and_cache_drivers_run_as_the_redis_driver_only_when_a_workflow_calls_them()
    {
        File.WriteAllText(Path.Combine(_dir, "init.yaml"), """
            drivers:
              daemon:
                drivers:
                  redislock: {name: redislock, type: builtin, handlerData: {shortName: redislock}}
                  redis-cache: {name: redis-cache, type: builtin, handlerData: {shortName: redis-cache}}
                  redisqueue: {name: redisqueue, type: builtin, handlerData: {shortName: redisqueue}}
              redislock: {connection: {Addr: 127.0.0.1:6379}}
              redis-cache: {connection: {Addr: 127.0.0.1:6379}}
              redisqueue: {connection: {Addr: 127.0.0.1:6379}}
              web: {}
            workflows:
              deploy:
                steps:
                  - call_driver: redislock.lock
                    with: {name: deploy}
                  - call_driver: web.request
                    with: {URL: http://127.0.0.1/}
            """);
        ConfigLoadResult loaded = ConfigFolder.Load(_dir);
        Assert.NotNull(loaded.Config);

        SortedDictionary<string, string> drivers = DriverSet.Find(loaded.Config, RuleIndex.Build(loaded.Config, new Interpolator()));

        // redis-cache and redisqueue are only configured (plumbing the bus replaces): not started.
        Assert.Equal(new Dictionary<string, string> { ["redislock"] = "redis", ["web"] = "web" }, drivers);
    }
}
