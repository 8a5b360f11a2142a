using Honeydipper.Bus.InProcess;
using Honeydipper.Bus.Tests.Contract;

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
}
