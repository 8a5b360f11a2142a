using System.Diagnostics;

namespace Honeydipper.Testing;

/// <summary>Waits for a condition with a deadline instead of sleeping a fixed time.</summary>
internal static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Polls until the condition holds; fails with the description when the deadline passes.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        await UntilAsync(() => Task.FromResult(condition()), what, timeout).ConfigureAwait(false);
    }

    /// <summary>Polls an asynchronous condition until it holds; fails with the description when the deadline passes.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) => UntilAsync(condition, what, timeout, state: null);

    /// <summary>
    /// Polls an asynchronous condition until it holds; fails with the description and what <paramref name="state"/>
    /// says about the world at that moment (counts, what is left), so that a failure in CI explains itself.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout, Func<Task<string>>? state)
    {
        ArgumentNullException.ThrowIfNull(condition);
        Stopwatch watch = Stopwatch.StartNew();
        TimeSpan limit = timeout ?? DefaultTimeout;
        using PeriodicTimer tick = new(TimeSpan.FromMilliseconds(5));
        while (!await condition().ConfigureAwait(false))
        {
            if (watch.Elapsed > limit)
            {
                string now = state is null ? string.Empty : "; " + await state().ConfigureAwait(false);
                throw new TimeoutException($"timed out after {limit.TotalSeconds:0.#}s waiting for {what}{now}");
            }

            await tick.WaitForNextTickAsync().ConfigureAwait(false);
        }
    }
}
