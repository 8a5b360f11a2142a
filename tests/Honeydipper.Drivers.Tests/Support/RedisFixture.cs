using Honeydipper.Bus.Redis;

namespace Honeydipper.Drivers.Tests.Support;

/// <summary>One real redis-server per test class; every test takes its own namespace on it.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private readonly bool _persistent;
    private RedisServer? _server;

    public RedisFixture()
        : this(persistent: false)
    {
    }

    /// <param name="persistent">Keep the data across a restart (an append-only file), as a production Redis does.</param>
    internal RedisFixture(bool persistent) => _persistent = persistent;

    internal RedisServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _server = await RedisServer.StartAsync(_persistent);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    internal Task<RedisMessageBus> ConnectAsync() => RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = Server.Configuration });
}
