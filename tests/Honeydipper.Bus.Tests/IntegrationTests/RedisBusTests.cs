using Honeydipper.Bus.Redis;
using Honeydipper.Bus.Tests.Contract;

namespace Honeydipper.Bus.Tests.IntegrationTests;

/// <summary>The bus contract against a real redis-server, one server per test class, a namespace per test.</summary>
public sealed class RedisBusTests(RedisFixture redis) : BusContractTests, IClassFixture<RedisFixture>
{
    protected override async Task<IMessageBus> CreateBusAsync() =>
        await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Server.Configuration });

    [Fact]
    public async Task A_touched_message_restarts_its_idle_time_and_keeps_its_delivery_count()
    {
        // Wide enough that a loaded machine does not age the touched message past it between the touch and the claim.
        const long IdleWindowMs = 1500;
        Protocol.StreamName stream = Protocol.StreamName.Commands(Ns, "kubernetes");
        await using IBusSubscription worker = await Bus.SubscribeAsync(stream, "driver", "worker");
        await using IBusSubscription other = await Bus.SubscribeAsync(stream, "driver", "other");
        await Bus.PublishAsync(stream, Event(1));
        await Bus.PublishAsync(stream, Event(2));
        IReadOnlyList<BusDelivery> read = await worker.ReadAsync(2, TimeSpan.Zero);
        Assert.Equal(2, read.Count);
        await Poll.UntilAsync(async () => (await Pending(stream)).All(p => p.IdleMs >= IdleWindowMs), "both messages to be idle for the window");

        await worker.TouchAsync([read[0]]);
        List<(string Id, string Consumer, long IdleMs, long Deliveries)> pending = await Pending(stream);
        Assert.Equal(read[0].EntryId, pending[0].Id);
        Assert.True(pending[0].IdleMs < IdleWindowMs, $"idle {pending[0].IdleMs} ms after the touch");
        Assert.Equal(("worker", 1L), (pending[0].Consumer, pending[0].Deliveries));
        BusDelivery claimed = Assert.Single(await other.ClaimIdleAsync(TimeSpan.FromMilliseconds(IdleWindowMs), 10));
        Assert.Equal("e2", claimed.Message.Id);
    }

    /// <summary>XPENDING's extended form, parsed from the raw reply: id, consumer, idle ms, deliveries per entry.</summary>
    private async Task<List<(string Id, string Consumer, long IdleMs, long Deliveries)>> Pending(Protocol.StreamName stream)
    {
        string reply = await redis.Server.CommandAsync($"XPENDING {stream.Key} driver - + 10");
        string[] lines = reply.Split("\r\n");
        List<(string, string, long, long)> result = [];
        // *N, then per entry: *4 $len id $len consumer :idle :count
        for (int i = 1; i + 6 < lines.Length; i += 7)
        {
            result.Add((lines[i + 2], lines[i + 4], long.Parse(lines[i + 5][1..], System.Globalization.CultureInfo.InvariantCulture),
                long.Parse(lines[i + 6][1..], System.Globalization.CultureInfo.InvariantCulture)));
        }

        return result;
    }
}

/// <summary>One redis-server for a test class.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    internal RedisServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
