using Honeydipper.Bus.Redis;
using Honeydipper.Bus.Tests.Contract;

namespace Honeydipper.Bus.Tests.IntegrationTests;

/// <summary>The bus contract against a real redis-server, one server per test class, a namespace per test.</summary>
public sealed class RedisBusTests(RedisFixture redis) : BusContractTests, IClassFixture<RedisFixture>
{
    protected override async Task<IMessageBus> CreateBusAsync() =>
        await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Server.Configuration });
}

/// <summary>One redis-server for a test class.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    internal RedisServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
