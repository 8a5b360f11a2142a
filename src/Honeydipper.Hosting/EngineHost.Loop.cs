using Honeydipper.Bus;
using Honeydipper.Bus.Protocol;
using Honeydipper.Core.Engine;
using Honeydipper.Core.Engine.Runs;
using Honeydipper.Core.Engine.State;
using Honeydipper.Core.Values;

namespace Honeydipper.Hosting;

public sealed partial class EngineHost
{
    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        WorkflowEngine engine = _engine!;
        while (!cancellationToken.IsCancellationRequested)
        {
            await WaitForWorkAsync(engine, cancellationToken).ConfigureAwait(false);
            BusBatch batch = new();
            while (_posted.Reader.TryRead(out Action<WorkflowEngine?>? action))
            {
                action(engine);
            }

            List<(IBusSubscription Sub, BusDelivery Delivery)> inputs = [];
            while (inputs.Count < options.BatchSize && _inputs.Reader.TryRead(out (IBusSubscription Sub, BusDelivery Delivery) input))
            {
                inputs.Add(input);
            }

            HashSet<string> seen = await SeenEventsAsync(inputs, cancellationToken).ConfigureAwait(false);
            foreach ((IBusSubscription sub, BusDelivery delivery) in inputs)
            {
                Handle(engine, sub, delivery, batch, seen);
            }

            engine.FireDueTimers();
            await CommitAsync(engine, batch, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitForWorkAsync(WorkflowEngine engine, CancellationToken cancellationToken)
    {
        Task woken = _wake.Arm(); // before looking, so that work queued after the look still wakes us
        if (_inputs.Reader.Count > 0 || _posted.Reader.Count > 0)
        {
            return;
        }

        TimeSpan untilTimer = engine.NextTimerDue is { } due ? due - options.Time.GetUtcNow() : TimeSpan.FromSeconds(1);
        if (untilTimer <= TimeSpan.Zero)
        {
            return;
        }

        // Wakes on work, on the next timer (at most a second away) or on stopping; running out of time is no error.
        await woken.WaitAsync(untilTimer < TimeSpan.FromSeconds(1) ? untilTimer : TimeSpan.FromSeconds(1), options.Time, cancellationToken)
            .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// The events of the turn that were handled before: a redelivery, or a driver publishing twice because it could not
    /// tell whether its first try arrived. The lookups go out together, so the turn pays one round trip, not one per event.
    /// </summary>
    private async Task<HashSet<string>> SeenEventsAsync(List<(IBusSubscription Sub, BusDelivery Delivery)> inputs, CancellationToken cancellationToken)
    {
        HashSet<string> seen = new(StringComparer.Ordinal);
        if (!options.Durable)
        {
            return seen;
        }

        string[] ids = [.. inputs.Where(i => i.Delivery.Message.Kind == MessageKinds.Event).Select(i => i.Delivery.Message.Id).Distinct(StringComparer.Ordinal)];
        string?[] found = await WhileBusDownAsync("look up handled events", () =>
            Task.WhenAll(ids.Select(id => bus.GetValueAsync(BusKeys.SeenEvent(options.Namespace, id), cancellationToken))), cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < ids.Length; i++)
        {
            if (found[i] is not null)
            {
                seen.Add(ids[i]);
            }
        }

        return seen;
    }

    private void Handle(WorkflowEngine engine, IBusSubscription sub, BusDelivery delivery, BusBatch batch, HashSet<string> seen)
    {
        batch.Ack(sub, delivery);
        try
        {
            switch (delivery.Message.Kind)
            {
                case MessageKinds.Event:
                    BusEvent ev = BusEvent.From(delivery.Message);
                    if (!seen.Add(ev.Id))
                    {
                        return; // handled before (or twice in this turn): its sessions exist already
                    }

                    engine.HandleEvent(ev.Driver, ev.RawEvent, ev.Data, ev.Labels);
                    if (options.Durable)
                    {
                        batch.SetValue(BusKeys.SeenEvent(options.Namespace, ev.Id), "1", TimeSpan.FromDays(1));
                    }

                    break;
                case MessageKinds.Return:
                    BusReturn reply = BusReturn.From(delivery.Message);
                    engine.HandleReturn(new DriverReturn(reply.SessionId, reply.CommandId, ReturnLabels(reply), reply.Payload));
                    break;
                default:
                    HostLog.Dropped(options.Logger, delivery.EntryId, $"a {delivery.Message.Kind} has no place on {sub.Stream}");
                    break;
            }
        }
        catch (ProtocolException ex)
        {
            HostLog.Dropped(options.Logger, delivery.EntryId, ex.Message);
        }
    }

    /// <summary>The return's labels with its <c>status</c> and <c>reason</c> fields, which are authoritative (docs/bus-protocol.md).</summary>
    private static IReadOnlyDictionary<string, string> ReturnLabels(BusReturn reply)
    {
        if (reply.Status.Length == 0 && reply.Reason.Length == 0)
        {
            return reply.Labels;
        }

        Dictionary<string, string> labels = new(reply.Labels, StringComparer.Ordinal);
        if (reply.Status.Length > 0)
        {
            labels[Headers.Status] = reply.Status;
        }

        if (reply.Reason.Length > 0)
        {
            labels[Headers.Reason] = reply.Reason;
        }

        return labels;
    }

    /// <summary>Saves the turn (retrying while the bus is down), then announces what moved.</summary>
    private async Task CommitAsync(WorkflowEngine engine, BusBatch batch, CancellationToken cancellationToken)
    {
        IReadOnlyCollection<RunRecord> moved = _output.TakeRuns();
        if (!options.Durable)
        {
            engine.DiscardChanges(); // nowhere to save them
        }
        else
        {
            EngineChanges changes = engine.TakeChanges();
            string ns = options.Namespace;
            foreach ((string id, string state) in changes.Sessions)
            {
                batch.HashSet(BusKeys.EngineSessions(ns), id, state);
            }

            foreach (string id in changes.EndedSessions)
            {
                batch.HashDelete(BusKeys.EngineSessions(ns), id);
            }

            foreach ((string id, string run) in changes.Runs)
            {
                batch.HashSet(BusKeys.EngineRuns(ns), id, run);
            }

            Dictionary<string, RunRecord>? finals = options.KeepFinishedRuns ? moved.ToDictionary(r => r.Id, StringComparer.Ordinal) : null;
            foreach (string id in changes.EndedRuns)
            {
                batch.HashDelete(BusKeys.EngineRuns(ns), id);
                if (finals is not null && finals.TryGetValue(id, out RunRecord? final))
                {
                    batch.HashSet(BusKeys.EngineRunsFinished(ns), id, StateJson.Serialize(RunState.Capture(final)));
                }
            }

            foreach ((string requestId, string runId, TaskCompletionSource<string> _) in _startedRequests)
            {
                batch.SetValue(BusKeys.StartRequest(ns, requestId), runId, TimeSpan.FromDays(7));
            }

            if (!changes.IsEmpty)
            {
                batch.HashSet(BusKeys.EngineMeta(ns), "nextSessionId", changes.NextSessionId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        foreach (DriverCommand command in _output.Commands)
        {
            BusCommand busCommand = new(command.CommandId, command.Driver, command.Method, command.Labels, command.Parameters);
            StreamName stream = StreamName.Commands(options.Namespace, command.Driver);
            _trimmed.TryAdd(stream.Key, stream);
            batch.Publish(stream, busCommand.ToMessage());
        }

        foreach ((string eventId, IDictionary<string, object?> result) in _output.Results)
        {
            batch.SetValue(BusKeys.Result(options.Namespace, eventId), GoJson.Serialize(result), TimeSpan.FromHours(3));
        }

        if (!batch.IsEmpty)
        {
            string? marker = null;
            if (options.Durable)
            {
                marker = BusKeys.Commit(options.Namespace, Guid.NewGuid().ToString("N"));
                batch.SetValue(marker, "1", TimeSpan.FromHours(1));
            }

            await SaveAsync(batch, marker, cancellationToken).ConfigureAwait(false);
        }

        if (moved.Count > 0)
        {
            RunsChanged?.Invoke(moved);
        }

        // Best effort, after the cancellation is saved: a driver that misses the signal finishes the command, and
        // its return is dropped as stale.
        foreach (string commandId in _output.Abandoned)
        {
            try
            {
                await bus.PublishControlAsync(options.Namespace, new ControlSignal(ControlSignal.Cancel, string.Empty, commandId), cancellationToken).ConfigureAwait(false);
            }
            catch (BusUnavailableException ex)
            {
                HostLog.AbandonFailed(options.Logger, options.Namespace, commandId, ex.Message);
            }
        }

        _output.Clear();
        foreach ((string _, string runId, TaskCompletionSource<string> saved) in _startedRequests)
        {
            saved.TrySetResult(runId);
        }

        _startedRequests.Clear();
    }

    private async Task SaveAsync(BusBatch batch, string? marker, CancellationToken cancellationToken)
    {
        bool retry = false;
        await WhileBusDownAsync("save the turn", async () =>
        {
            // A failed commit may still have run (the reply was lost, not the transaction): its marker tells.
            if (retry && marker is not null && await bus.GetValueAsync(marker, cancellationToken).ConfigureAwait(false) is not null)
            {
                return true;
            }

            retry = true;
            await bus.CommitAsync(batch, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A call the turn cannot do without, tried until the bus answers: nothing moves on meanwhile, and nothing read is
    /// dropped (the bus being down stops every other part anyway).
    /// </summary>
    private async Task<T> WhileBusDownAsync<T>(string step, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        TimeSpan pause = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (BusUnavailableException ex)
            {
                HostLog.BusRetry(options.Logger, options.Namespace, step, ex.Message);
                await Task.Delay(pause, options.Time, cancellationToken).ConfigureAwait(false);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }
}
