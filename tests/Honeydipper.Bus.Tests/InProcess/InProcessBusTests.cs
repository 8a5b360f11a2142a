using Honeydipper.Bus.InProcess;
using Honeydipper.Bus.Tests.Contract;
using Microsoft.Extensions.Time.Testing;

namespace Honeydipper.Bus.Tests.InProcess;

public sealed class InProcessBusTests : BusContractTests
{
    protected override Task<IMessageBus> CreateBusAsync() => Task.FromResult<IMessageBus>(new InProcessBus());

    [Fact]
    public async Task A_reader_waiting_for_messages_wakes_when_one_is_published()
    {
        Protocol.StreamName stream = Protocol.StreamName.Events(Ns);
        await using IBusSubscription sub = await Bus.SubscribeAsync(stream, "engine", "c1");
        Task<IReadOnlyList<BusDelivery>> reading = sub.ReadAsync(1, TimeSpan.FromMinutes(5));
        Assert.False(reading.IsCompleted);
        await Bus.PublishAsync(stream, Event(1));
        Assert.Single(await reading);
    }

    [Fact]
    public async Task A_receiver_does_not_share_data_with_the_sender()
    {
        Protocol.StreamName stream = Protocol.StreamName.Events(Ns);
        await using IBusSubscription sub = await Bus.SubscribeAsync(stream, "engine", "c1");
        Dictionary<string, object?> data = new() { ["k"] = "before" };
        await Bus.PublishAsync(stream, new Protocol.BusEvent("e", "d", string.Empty, new Dictionary<string, string>(), data).ToMessage());
        data["k"] = "after";
        BusDelivery delivery = Assert.Single(await sub.ReadAsync(1, TimeSpan.Zero));
        Assert.Equal("before", Assert.IsType<Dictionary<string, object?>>(delivery.Message.Payload)["k"]);
    }

    [Fact]
    public async Task A_touched_message_is_not_claimed_as_idle_and_keeps_its_delivery_count()
    {
        FakeTimeProvider time = new();
        await using InProcessBus bus = new(time);
        Protocol.StreamName stream = Protocol.StreamName.Commands(Ns, "kubernetes");
        await using IBusSubscription worker = await bus.SubscribeAsync(stream, "driver", "worker");
        await using IBusSubscription other = await bus.SubscribeAsync(stream, "driver", "other");
        await bus.PublishAsync(stream, Event(1));
        await bus.PublishAsync(stream, Event(2));
        IReadOnlyList<BusDelivery> read = await worker.ReadAsync(2, TimeSpan.Zero);
        Assert.Equal(2, read.Count);

        time.Advance(TimeSpan.FromMinutes(10));
        await worker.TouchAsync([read[0]]); // e1 is a long job still running; e2's consumer is gone
        BusDelivery claimed = Assert.Single(await other.ClaimIdleAsync(TimeSpan.FromMinutes(5), 10));
        Assert.Equal("e2", claimed.Message.Id);

        time.Advance(TimeSpan.FromMinutes(10));
        BusDelivery late = Assert.Single(await other.ClaimIdleAsync(TimeSpan.FromMinutes(5), 10), d => d.Message.Id == "e1");
        Assert.Equal(2, late.DeliveryCount); // touching is not a delivery
    }
}
