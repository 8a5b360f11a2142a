using Honeydipper.KubeApi.Emulator.Storage;

namespace Honeydipper.KubeApi.Emulator.Faults;

/// <summary>
/// Fault injection for tests: fail the next requests with a status code, delay responses, drop every open watch,
/// or compact the watch history so that resuming watches get 410 Gone.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock gate = new();
    private readonly List<(int Remaining, int Code, Func<RecordedRequest, bool> When)> failures = [];
    private readonly List<(TimeSpan Delay, Func<RecordedRequest, bool> When)> delays = [];
    private readonly ObjectStore store;

    internal FaultInjector(ObjectStore store) => this.store = store;

    /// <summary>The next <paramref name="count"/> matching requests fail with the status code (500 by default).</summary>
    public void FailNext(int count, int statusCode = 500, Func<RecordedRequest, bool>? when = null)
    {
        lock (gate)
        {
            failures.Add((count, statusCode, when ?? (_ => true)));
        }
    }

    /// <summary>Every matching request is answered after the delay, until <see cref="ClearDelays"/>.</summary>
    public void DelayResponses(TimeSpan delay, Func<RecordedRequest, bool>? when = null)
    {
        lock (gate)
        {
            delays.Add((delay, when ?? (_ => true)));
        }
    }

    public void ClearDelays()
    {
        lock (gate)
        {
            delays.Clear();
        }
    }

    /// <summary>Ends every open watch stream abruptly, as a broken connection would.</summary>
    public void DropWatches() => store.DropWatches();

    /// <summary>Forgets the event history: a watch resuming from any earlier resourceVersion gets 410 Gone.</summary>
    public void CompactHistory() => store.Compact();

    internal (int? FailWith, TimeSpan Delay) Decide(RecordedRequest request)
    {
        lock (gate)
        {
            TimeSpan delay = delays.Where(d => d.When(request)).Select(d => d.Delay).DefaultIfEmpty(TimeSpan.Zero).Max();
            for (int i = 0; i < failures.Count; i++)
            {
                (int remaining, int code, Func<RecordedRequest, bool> when) = failures[i];
                if (when(request))
                {
                    if (remaining <= 1)
                    {
                        failures.RemoveAt(i);
                    }
                    else
                    {
                        failures[i] = (remaining - 1, code, when);
                    }

                    return (code, delay);
                }
            }

            return (null, delay);
        }
    }
}
