namespace Honeydipper.Hosting;

/// <summary>
/// Wakes the engine's loop when work arrives, whichever queue it arrives on. The loop arms the signal, then looks at its
/// queues, then waits on the armed task; a producer queues its work, then sets the signal. In that order no wake-up is
/// lost, and a loop that finds work waiting allocates nothing to wait.
/// </summary>
internal sealed class LoopSignal
{
    private TaskCompletionSource _set = New();

    /// <summary>The task that the next <see cref="Set"/> completes (one already completed when none came since the last arming).</summary>
    public Task Arm()
    {
        TaskCompletionSource current = Volatile.Read(ref _set);
        if (!current.Task.IsCompleted)
        {
            return current.Task;
        }

        TaskCompletionSource fresh = New();
        Volatile.Write(ref _set, fresh); // only the loop arms, so nobody else replaces it meanwhile
        return fresh.Task;
    }

    public void Set() => Volatile.Read(ref _set).TrySetResult();

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
