using Honeydipper.Bus;
using Honeydipper.Bus.InProcess;
using Honeydipper.Bus.Protocol;
using Honeydipper.Drivers.Sdk;

namespace Honeydipper.Drivers.Tests.Redis;

/// <summary>
/// A Redis that requires a password, given apart from the address as driver pods get it (HD_REDIS_PASSWORD). The bus
/// here is the in-process one, so that only the redis driver's own connection meets the protected server.
/// </summary>
public sealed class RedisPasswordTests
{
    [Fact]
    public async Task The_redis_driver_opens_a_protected_Redis_with_the_password_given_apart()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        Assert.StartsWith("+OK", await redis.CommandAsync("CONFIG SET requirepass s3cret-pw"), StringComparison.Ordinal);
        await using InProcessBus bus = new();
        await using IBusSubscription returns = await bus.SubscribeAsync(StreamName.Returns("p"), "test", "test");
        using CancellationTokenSource stop = new();
        Task running = BuiltinDriverRunner.RunAsync(bus, "redislock", new DriverHostOptions { Namespace = "p", Driver = "locker" }, new BuiltinDriverSettings { Redis = redis.Configuration, RedisPassword = "s3cret-pw" }, null, stop.Token);

        await bus.PublishAsync(StreamName.Commands("p", "locker"), new BusCommand("c1", "locker", "lock", new Dictionary<string, string> { ["sessionID"] = "s1" }, new Dictionary<string, object?> { ["name"] = "deploy" }).ToMessage());
        BusReturn? answer = null;
        await Poll.UntilAsync(async () =>
        {
            answer = (await returns.ReadAsync(1, TimeSpan.FromMilliseconds(50))).Select(d => BusReturn.From(d.Message)).FirstOrDefault() ?? answer;
            return answer is not null;
        }, "the lock's answer");
        await stop.CancelAsync();
        await running;

        Assert.Equal(("success", ""), (answer!.Status, answer.Reason));
        using RespClient client = await RespClient.ConnectAsync(redis.Port);
        Assert.Equal("OK", await client.CallAsync("AUTH", "s3cret-pw"));
        Assert.Equal(((IDictionary<string, object?>)answer.Payload!)["token"], await client.CallAsync("GET", BusKeys.Lock("p", "deploy")));
    }
}
