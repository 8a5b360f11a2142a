using Honeydipper.Bus.Protocol;

namespace Honeydipper.Bus.InProcess;

internal sealed class InProcessSubscription(InProcessStream stream, StreamName name, string group, string consumer, TimeProvider time) : IBusSubscription
{
    public StreamName Stream => name;

    public string Group => group;

    public string Consumer => consumer;

    public async Task<IReadOnlyList<BusDelivery>> ReadAsync(int max, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        (List<BusDelivery> deliveries, Task appended) = stream.ReadNew(group, consumer, max);
        if (deliveries.Count > 0 || wait <= TimeSpan.Zero)
        {
            return deliveries;
        }

        // WaitAsync drops its timer once something is appended; without throwing when the wait simply runs out.
        await appended.WaitAsync(wait, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        return stream.ReadNew(group, consumer, max).Deliveries;
    }

    public Task<IReadOnlyList<BusDelivery>> ReadOwnPendingAsync(int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<BusDelivery>>(stream.ReadPending(group, consumer, max, minIdle: null));

    public Task<IReadOnlyList<BusDelivery>> ClaimIdleAsync(TimeSpan minIdle, int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<BusDelivery>>(stream.ReadPending(group, consumer, max, minIdle));

    public Task AckAsync(IEnumerable<BusDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        stream.Ack(group, deliveries);
        return Task.CompletedTask;
    }

    public Task TouchAsync(IEnumerable<BusDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        stream.Touch(group, consumer, deliveries);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
