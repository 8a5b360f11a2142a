using Honeydipper.Drivers.Sdk;
using StackExchange.Redis;

namespace Honeydipper.Drivers.Redis;

/// <summary>
/// The original's Redis helpers as one driver type, <c>redis</c>: the <c>cache</c> feature (redis-cache: <c>save</c>,
/// <c>load</c>, <c>del</c>, <c>exists</c>, <c>incr</c>, <c>rpush</c>, <c>lrange</c>) and the <c>locker</c> feature
/// (redislock: <c>lock</c>, <c>unlock</c>). Their data lives on the bus's Redis under the namespace's keys
/// (<c>hd:{ns}:cache:&lt;key&gt;</c>, <c>hd:{ns}:lock:&lt;name&gt;</c>), so tenants cannot read or release each other's.
/// The original's <c>connection</c> option is not used: the process is given its Redis (and its password) the way every
/// driver pod is, so no Redis password ever sits in driver options.
/// </summary>
public sealed class RedisDriver(BuiltinDriverSettings settings) : IBuiltinDriver, IAsyncDisposable
{
    // Connected on first use; AbortOnConnectFail=false makes an unreachable Redis a failed command, not a failed driver.
    private readonly Lazy<Task<ConnectionMultiplexer>> _redis = new(() => ConnectAsync(settings.Redis, settings.RedisPassword));

    public string Type => "redis";

    public void Register(DriverHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        RedisCache cache = new(DatabaseAsync, host.Namespace);
        RedisLocks locks = new(DatabaseAsync, host.Namespace, host.Time);
        host.Handle("save", cache.SaveAsync)
            .Handle("load", cache.LoadAsync)
            .Handle("del", cache.DeleteAsync)
            .Handle("exists", cache.ExistsAsync)
            .Handle("incr", cache.IncrementAsync)
            .Handle("rpush", cache.PushAsync)
            .Handle("lrange", cache.RangeAsync)
            .Handle("lock", locks.LockAsync)
            .Handle("unlock", locks.UnlockAsync);
    }

    public Task ServeAsync(DriverHost host, CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_redis.IsValueCreated && _redis.Value.IsCompletedSuccessfully)
        {
            await (await _redis.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<IDatabase> DatabaseAsync() => (await _redis.Value.ConfigureAwait(false)).GetDatabase();

    private static async Task<ConnectionMultiplexer> ConnectAsync(string? configuration, string? password)
    {
        if (string.IsNullOrEmpty(configuration))
        {
            throw new InvalidOperationException("[redis] there is no Redis to keep the cache and locks in: this driver uses the bus's Redis, so run it with honeydipper driver redis --redis host:port (or honeydipper local --redis host:port)");
        }

        ConfigurationOptions options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        if (!string.IsNullOrEmpty(password))
        {
            options.Password = password;
        }

        return await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
    }
}
