using Honeydipper.Bus.Redis;
using Honeydipper.Bus.Protocol;

namespace Honeydipper.Bus.Tests.IntegrationTests;

/// <summary>A Redis that requires a password: the password comes apart from the address (HD_REDIS_PASSWORD in pods).</summary>
public sealed class RedisAuthTests
{
    [Fact]
    public async Task The_password_given_apart_opens_a_protected_server_and_without_it_nothing_is_written()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        Assert.StartsWith("+OK", await redis.CommandAsync("CONFIG SET requirepass s3cret-pw"), StringComparison.Ordinal);
        StreamName stream = StreamName.Events("auth");
        BusMessage message = new BusEvent("e1", "webhook", string.Empty, new Dictionary<string, string>(), null).ToMessage();

        await using (RedisMessageBus anonymous = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration + ",connectRetry=0" }))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => anonymous.PublishAsync(stream, message));
        }

        await using RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration, Password = "s3cret-pw" });
        await using IBusSubscription reader = await bus.SubscribeAsync(stream, "engine", "one");
        await bus.PublishAsync(stream, message);
        BusDelivery read = Assert.Single(await reader.ReadAsync(10, TimeSpan.Zero));
        Assert.Equal("e1", read.Message.Id);
    }
}
