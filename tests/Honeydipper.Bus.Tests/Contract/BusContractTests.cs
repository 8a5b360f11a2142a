using Honeydipper.Bus.Protocol;

namespace Honeydipper.Bus.Tests.Contract;

/// <summary>What every bus adapter must do the same way; each adapter's test class runs these against a real instance.</summary>
public abstract class BusContractTests : IAsyncLifetime
{
    private readonly string _ns = "t" + Guid.NewGuid().ToString("N")[..8];

    protected IMessageBus Bus { get; private set; } = null!;

    protected string Ns => _ns;

    public async Task InitializeAsync() => Bus = await CreateBusAsync();

    public async Task DisposeAsync() => await Bus.DisposeAsync();

    protected abstract Task<IMessageBus> CreateBusAsync();

    protected static BusMessage Event(int n) => new BusEvent($"e{n}", "webhook", string.Empty, new Dictionary<string, string> { ["eventID"] = $"id{n}" },
        new Dictionary<string, object?> { ["n"] = (double)n, ["url"] = "/x", ["list"] = new List<object?> { "a", true } }).ToMessage();

    [Fact]
    public async Task Published_messages_are_read_in_order_with_their_content()
    {
        StreamName stream = StreamName.Events(Ns);
        await using IBusSubscription sub = await Bus.SubscribeAsync(stream, "engine", "c1");
        for (int i = 0; i < 5; i++)
        {
            await Bus.PublishAsync(stream, Event(i));
        }

        List<BusDelivery> read = await ReadAtLeast(sub, 5);
        Assert.Equal(["e0", "e1", "e2", "e3", "e4"], read.Select(d => d.Message.Id));
        BusEvent first = BusEvent.From(read[0].Message);
        Assert.Equal("webhook", first.Driver);
        Assert.Equal("id0", first.Labels["eventID"]);
        Dictionary<string, object?> data = Assert.IsType<Dictionary<string, object?>>(first.Data);
        Assert.Equal(0.0, data["n"]);
        Assert.Equal(new List<object?> { "a", true }, data["list"]);
    }

    [Fact]
    public async Task A_group_delivers_each_message_to_one_consumer_and_groups_see_everything()
    {
        StreamName stream = StreamName.Events(Ns);
        await using IBusSubscription a = await Bus.SubscribeAsync(stream, "engine", "a");
        await using IBusSubscription b = await Bus.SubscribeAsync(stream, "engine", "b");
        await using IBusSubscription audit = await Bus.SubscribeAsync(stream, "audit", "x");
        for (int i = 0; i < 10; i++)
        {
            await Bus.PublishAsync(stream, Event(i));
        }

        List<BusDelivery> fromA = [.. await a.ReadAsync(6, TimeSpan.Zero)];
        List<BusDelivery> fromB = await ReadAtLeast(b, 4);
        Assert.Equal(10, fromA.Concat(fromB).Select(d => d.Message.Id).Distinct().Count());
        Assert.Equal(10, (await ReadAtLeast(audit, 10)).Count);
    }

    [Fact]
    public async Task Unacknowledged_messages_stay_pending_and_come_back_to_their_consumer()
    {
        StreamName stream = StreamName.Returns(Ns);
        await using IBusSubscription sub = await Bus.SubscribeAsync(stream, "engine", "c1");
        await Bus.PublishAsync(stream, Event(1));
        await Bus.PublishAsync(stream, Event(2));
        List<BusDelivery> read = await ReadAtLeast(sub, 2);
        await sub.AckAsync(read.Take(1));
        Assert.Equal(1, (await Bus.StatusAsync(stream, "engine")).Pending);

        // Restarted under the same name, the consumer gets back what it had not acknowledged.
        await using IBusSubscription again = await Bus.SubscribeAsync(stream, "engine", "c1");
        BusDelivery pending = Assert.Single(await again.ReadOwnPendingAsync(10));
        Assert.Equal("e2", pending.Message.Id);
        await again.AckAsync([pending]);
        Assert.Equal(0, (await Bus.StatusAsync(stream, "engine")).Pending);
    }

    [Fact]
    public async Task Another_consumer_claims_messages_a_dead_consumer_left_pending()
    {
        StreamName stream = StreamName.Commands(Ns, "web");
        await using IBusSubscription dead = await Bus.SubscribeAsync(stream, "driver", "dead");
        await using IBusSubscription alive = await Bus.SubscribeAsync(stream, "driver", "alive");
        await Bus.PublishAsync(stream, Event(7));
        Assert.Single(await ReadAtLeast(dead, 1)); // read, then the consumer dies without acknowledging
        Assert.Empty(await alive.ClaimIdleAsync(TimeSpan.FromHours(1), 10));
        BusDelivery claimed = Assert.Single(await alive.ClaimIdleAsync(TimeSpan.Zero, 10));
        Assert.Equal("e7", claimed.Message.Id);
        Assert.True(claimed.DeliveryCount >= 2);
        await alive.AckAsync([claimed]);
        Assert.Equal(0, (await Bus.StatusAsync(stream, "driver")).Pending);
    }

    [Fact]
    public async Task Trimming_removes_acknowledged_messages_and_never_a_pending_one()
    {
        StreamName stream = StreamName.Events(Ns);
        await using IBusSubscription sub = await Bus.SubscribeAsync(stream, "engine", "c1");
        for (int i = 0; i < 20; i++)
        {
            await Bus.PublishAsync(stream, Event(i));
        }

        List<BusDelivery> read = await ReadAtLeast(sub, 20);
        await sub.AckAsync(read.Where(d => d.Message.Id != "e5"));
        await Bus.TrimAsync(stream);
        StreamStatus status = await Bus.StatusAsync(stream, "engine");
        Assert.Equal(1, status.Pending);
        Assert.InRange(status.Length, 1, 15); // e5 and everything after it may stay; nothing before it needs to
        BusDelivery pending = Assert.Single(await sub.ReadOwnPendingAsync(10));
        Assert.Equal("e5", pending.Message.Id);
    }

    [Fact]
    public async Task Nothing_is_trimmed_before_any_group_reads_the_stream()
    {
        StreamName stream = StreamName.Events(Ns);
        await Bus.PublishAsync(stream, Event(1));
        Assert.Equal(0, await Bus.TrimAsync(stream));
        await using IBusSubscription late = await Bus.SubscribeAsync(stream, "engine", "c1");
        Assert.Single(await ReadAtLeast(late, 1));
    }

    [Fact]
    public async Task Values_expire_after_their_time_to_live()
    {
        await Bus.SetValueAsync($"hd:{Ns}:k", "v", null);
        Assert.Equal("v", await Bus.GetValueAsync($"hd:{Ns}:k"));
        Assert.Null(await Bus.GetValueAsync($"hd:{Ns}:missing"));
    }

    [Fact]
    public async Task Control_signals_reach_every_listener_of_the_namespace()
    {
        List<ControlSignal> seen = [];
        await using IAsyncDisposable listener = await Bus.ListenControlAsync(Ns, s =>
        {
            lock (seen)
            {
                seen.Add(s);
            }

            return Task.CompletedTask;
        });
        await Poll.UntilAsync(async () =>
        {
            await Bus.PublishControlAsync(Ns, new ControlSignal(ControlSignal.Config, "webhook"));
            lock (seen)
            {
                return seen.Count > 0;
            }
        }, "a control signal");
        lock (seen)
        {
            Assert.Equal("webhook", seen[0].Driver);
        }
    }

    [Fact]
    public async Task A_batch_publishes_acknowledges_and_writes_together()
    {
        StreamName events = StreamName.Events(Ns);
        StreamName commands = StreamName.Commands(Ns, "web");
        await using IBusSubscription sub = await Bus.SubscribeAsync(events, "engine", "c1");
        await using IBusSubscription driver = await Bus.SubscribeAsync(commands, "driver", "d1");
        await Bus.PublishAsync(events, Event(1));
        BusDelivery delivery = Assert.Single(await ReadAtLeast(sub, 1));
        string sessions = $"hd:{{{Ns}}}:engine:sessions";
        await Bus.CommitAsync(new BusBatch());
        BusBatch first = new();
        first.HashSet(sessions, "0", "{\"old\":1}");
        first.HashSet(sessions, "1", "{}");
        await Bus.CommitAsync(first);
        BusBatch batch = new();
        batch.Ack(sub, delivery);
        batch.Publish(commands, new BusCommand("c1", "web", "request", new Dictionary<string, string> { ["sessionID"] = "0" }, null).ToMessage());
        batch.HashSet(sessions, "0", "{\"new\":2}");
        batch.HashDelete(sessions, "1");
        batch.SetValue($"hd:{{{Ns}}}:seen:e1", "1", TimeSpan.FromHours(1));
        await Bus.CommitAsync(batch);
        Assert.Equal(0, (await Bus.StatusAsync(events, "engine")).Pending);
        Assert.Equal("c1", Assert.Single(await ReadAtLeast(driver, 1)).Message.Id);
        IReadOnlyDictionary<string, string> saved = await Bus.HashGetAllAsync(sessions);
        Assert.Equal(["0"], saved.Keys);
        Assert.Equal("{\"new\":2}", saved["0"]);
        Assert.Equal("1", await Bus.GetValueAsync($"hd:{{{Ns}}}:seen:e1"));
        Assert.Empty(await Bus.HashGetAllAsync($"hd:{{{Ns}}}:nothing"));
    }

    protected static async Task<List<BusDelivery>> ReadAtLeast(IBusSubscription sub, int count)
    {
        List<BusDelivery> all = [];
        await Poll.UntilAsync(async () =>
        {
            all.AddRange(await sub.ReadAsync(count - all.Count, TimeSpan.FromMilliseconds(50)));
            return all.Count >= count;
        }, $"{count} messages on {sub.Stream}");
        return all;
    }
}
