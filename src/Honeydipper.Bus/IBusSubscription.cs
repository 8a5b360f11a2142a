using Honeydipper.Bus.Protocol;

namespace Honeydipper.Bus;

/// <summary>One consumer of a consumer group. Messages it reads stay pending until it acknowledges them.</summary>
public interface IBusSubscription : IAsyncDisposable
{
    StreamName Stream { get; }

    string Group { get; }

    string Consumer { get; }

    /// <summary>New messages for the group; waits up to <paramref name="wait"/> when there are none.</summary>
    Task<IReadOnlyList<BusDelivery>> ReadAsync(int max, TimeSpan wait, CancellationToken cancellationToken = default);

    /// <summary>Messages this consumer read before but did not acknowledge (after a restart under the same name).</summary>
    Task<IReadOnlyList<BusDelivery>> ReadOwnPendingAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>Takes over messages that any consumer of the group has left unacknowledged for at least <paramref name="minIdle"/>.</summary>
    Task<IReadOnlyList<BusDelivery>> ClaimIdleAsync(TimeSpan minIdle, int max, CancellationToken cancellationToken = default);

    Task AckAsync(IEnumerable<BusDelivery> deliveries, CancellationToken cancellationToken = default);

    /// <summary>
    /// Says that this consumer is still working on these messages: their idle time starts again, so that
    /// <see cref="ClaimIdleAsync"/> (here or in another replica) does not take over work that is merely slow. Messages
    /// acknowledged meanwhile are left alone; the delivery count does not change.
    /// </summary>
    Task TouchAsync(IEnumerable<BusDelivery> deliveries, CancellationToken cancellationToken = default);
}
