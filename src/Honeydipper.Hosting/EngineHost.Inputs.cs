using Honeydipper.Bus;
using Honeydipper.Bus.Protocol;

namespace Honeydipper.Hosting;

public sealed partial class EngineHost
{
    /// <summary>Feeds a stream's messages to the loop: first what this instance had read before, then new ones and abandoned ones.</summary>
    private async Task ReadAsync(IBusSubscription sub, CancellationToken cancellationToken)
    {
        long lastClaim = options.Time.GetTimestamp();
        bool ownPendingDone = false;
        bool takeOver = options.TakeOverOnStart;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                IReadOnlyList<BusDelivery> batch;
                bool pending = false; // messages that stay pending until handled: wait for the loop before asking again
                if (!ownPendingDone)
                {
                    batch = await sub.ReadOwnPendingAsync(options.BatchSize, cancellationToken).ConfigureAwait(false);
                    ownPendingDone = batch.Count == 0;
                    pending = !ownPendingDone;
                }
                else if (takeOver)
                {
                    // The only instance now: what the previous one had read is ours at once.
                    batch = await sub.ClaimIdleAsync(TimeSpan.Zero, options.BatchSize, cancellationToken).ConfigureAwait(false);
                    takeOver = batch.Count > 0;
                    pending = takeOver;
                }
                else if (options.Time.GetElapsedTime(lastClaim) >= options.ClaimIdleAfter / 2)
                {
                    lastClaim = options.Time.GetTimestamp();
                    batch = await sub.ClaimIdleAsync(options.ClaimIdleAfter, options.BatchSize, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    batch = await sub.ReadAsync(options.BatchSize, TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
                }

                foreach (BusDelivery delivery in batch)
                {
                    if (!_inputs.Writer.TryWrite((sub, delivery)))
                    {
                        _wake.Set(); // full: the loop must drain it before there is room
                        await _inputs.Writer.WriteAsync((sub, delivery), cancellationToken).ConfigureAwait(false);
                    }
                }

                if (batch.Count > 0)
                {
                    _wake.Set();
                }

                if (pending)
                {
                    await WaitForDrainAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (BusUnavailableException ex)
            {
                HostLog.BusDown(options.Logger, sub.Stream.Key, ex.Message);
                ownPendingDone = false; // a read whose reply was lost left messages pending under our name; dedup makes a second look safe
                await Task.Delay(TimeSpan.FromSeconds(1), options.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task WaitForDrainAsync(CancellationToken cancellationToken)
    {
        // The acknowledgements go out with the turn that handled the messages; poll until that turn is saved.
        using PeriodicTimer tick = new(TimeSpan.FromMilliseconds(20), options.Time);
        while (_inputs.Reader.Count > 0 && await tick.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
        }

        await OnLoopAsync(_ => true).ConfigureAwait(false);
    }

    /// <summary>Trims what every group has acknowledged, so that Redis memory stays bounded.</summary>
    private async Task TrimAsync(CancellationToken cancellationToken)
    {
        using PeriodicTimer tick = new(options.TrimInterval, options.Time);
        try
        {
            while (await tick.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (StreamName stream in _trimmed.Values)
                {
                    try
                    {
                        await bus.TrimAsync(stream, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                    {
                        HostLog.TrimFailed(options.Logger, stream.Key, ex.Message); // trimming is housekeeping: try again next time
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
