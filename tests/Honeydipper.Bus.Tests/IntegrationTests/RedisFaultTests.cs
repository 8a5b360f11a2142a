using Honeydipper.Bus.Protocol;
using Honeydipper.Bus.Redis;

namespace Honeydipper.Bus.Tests.IntegrationTests;

/// <summary>Faults a real Redis brings: bad entries, restarts while messages flow, growth under load.</summary>
public sealed class RedisFaultTests
{
    [Fact]
    public async Task An_entry_that_breaks_the_protocol_goes_to_the_dead_letter_stream_and_does_not_block_the_group()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        await using RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration });
        StreamName stream = StreamName.Events("faults");
        await using IBusSubscription sub = await bus.SubscribeAsync(stream, "engine", "c1");
        await redis.CommandAsync($"XADD {stream.Key} * v 99 kind event id bad");
        await bus.PublishAsync(stream, new BusEvent("good", "webhook", string.Empty, new Dictionary<string, string>(), null).ToMessage());
        List<BusDelivery> read = [];
        await Poll.UntilAsync(async () =>
        {
            read.AddRange(await sub.ReadAsync(10, TimeSpan.FromMilliseconds(20)));
            return read.Count > 0;
        }, "the good message");
        Assert.Equal("good", Assert.Single(read).Message.Id);
        Assert.Contains("protocol version 99 is not supported", await redis.CommandAsync($"XRANGE {stream.Key}:dead - +"), StringComparison.Ordinal);
        Assert.Equal(1, (await bus.StatusAsync(stream, "engine")).Pending);
    }

    [Fact]
    public async Task No_message_is_lost_when_Redis_restarts_while_messages_flow()
    {
        await using RedisServer redis = await RedisServer.StartAsync(persistent: true);
        await using RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration });
        StreamName stream = StreamName.Events("restart");
        await using IBusSubscription sub = await bus.SubscribeAsync(stream, "engine", "c1");
        const int total = 400;
        HashSet<string> received = [];
        int duplicates = 0;
        using CancellationTokenSource stop = new();

        Task consumer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    IReadOnlyList<BusDelivery> batch = await sub.ReadAsync(50, TimeSpan.FromMilliseconds(20));
                    IReadOnlyList<BusDelivery> pending = batch.Count == 0 ? await sub.ReadOwnPendingAsync(50) : [];
                    foreach (BusDelivery d in batch.Concat(pending))
                    {
                        lock (received)
                        {
                            if (!received.Add(d.Message.Id))
                            {
                                duplicates++;
                            }
                        }
                    }

                    await sub.AckAsync(batch.Concat(pending));
                }
                catch (BusUnavailableException)
                {
                    // Redis is restarting: the consumer carries on when it is back.
                }
            }
        });

        for (int i = 0; i < total; i++)
        {
            if (i == total / 2)
            {
                await redis.StopAsync();
                await redis.RestartAsync();
            }

            await PublishWithRetry(bus, stream, new BusEvent($"m{i}", "webhook", string.Empty, new Dictionary<string, string>(), i).ToMessage());
        }

        await Poll.UntilAsync(() =>
        {
            lock (received)
            {
                return received.Count == total;
            }
        }, $"all {total} messages", TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await consumer;
        Assert.Equal(Enumerable.Range(0, total).Select(i => $"m{i}").Order(), received.Order());
        Assert.True(duplicates <= 50, $"{duplicates} redeliveries (at-least-once allows some, but a handful at most)");
    }

    [Fact]
    public async Task Trimming_keeps_the_stream_bounded_under_load()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        await using RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration });
        StreamName stream = StreamName.Events("load");
        await using IBusSubscription sub = await bus.SubscribeAsync(stream, "engine", "c1");
        long longest = 0;
        for (int round = 0; round < 20; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 500).Select(i =>
                bus.PublishAsync(stream, new BusEvent($"r{round}-{i}", "webhook", string.Empty, new Dictionary<string, string>(), new string('x', 200)).ToMessage())));
            int consumed = 0;
            while (consumed < 500)
            {
                IReadOnlyList<BusDelivery> batch = await sub.ReadAsync(500, TimeSpan.FromMilliseconds(20));
                await sub.AckAsync(batch);
                consumed += batch.Count;
            }

            await bus.TrimAsync(stream);
            longest = Math.Max(longest, (await bus.StatusAsync(stream, "engine")).Length);
        }

        Assert.True(longest <= 1, $"the stream grew to {longest} entries although every message was acknowledged");
        Assert.Contains("10000", await redis.CommandAsync($"XINFO STREAM {stream.Key}"), StringComparison.Ordinal); // entries-added
    }

    private static async Task PublishWithRetry(RedisMessageBus bus, StreamName stream, BusMessage message)
    {
        await Poll.UntilAsync(async () =>
        {
            try
            {
                await bus.PublishAsync(stream, message);
                return true;
            }
            catch (BusUnavailableException)
            {
                return false;
            }
        }, "Redis to accept the message", TimeSpan.FromSeconds(30));
    }
}
