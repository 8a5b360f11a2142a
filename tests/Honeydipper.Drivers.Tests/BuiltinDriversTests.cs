using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Honeydipper.Kubernetes.Resources.Drivers;

namespace Honeydipper.Drivers.Tests;

/// <summary>The names that choose a built-in driver agree: Driver spec.type, honeydipper driver &lt;type&gt;, the original's names.</summary>
public sealed class BuiltinDriversTests
{
    [Fact]
    public void Every_Driver_spec_type_the_CRD_allows_is_a_driver_honeydipper_driver_runs()
    {
        object?[] allowed = typeof(DriverSpec).GetProperty(nameof(DriverSpec.Type))!.GetCustomAttribute<AllowedValuesAttribute>()!.Values;

        Assert.All(allowed, type => Assert.NotNull(BuiltinDrivers.Create((string)type!, new BuiltinDriverSettings())));
        Assert.Equal(allowed.Cast<string>(), BuiltinDrivers.Types.Where(t => t != "echo")); // echo is for local demos only
    }

    [Theory]
    [InlineData("redis", "redis")]
    [InlineData("redis-cache", "redis")]
    [InlineData("redislock", "redis")]
    [InlineData("redisqueue", null)]
    public void The_original_s_cache_and_lock_driver_names_are_the_redis_driver(string name, string? type)
    {
        Assert.Equal(type, BuiltinDrivers.Resolve(name));
        Assert.Equal(type is not null, BuiltinDrivers.Create(name, new BuiltinDriverSettings()) is Drivers.Redis.RedisDriver);
    }
}
