namespace Honeydipper.Kubernetes.Runtime.Tests.Support;

/// <summary>Something a test runs in the background and stops at the end, surfacing its failure.</summary>
internal sealed class Background : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task task;

    public Background(Func<CancellationToken, Task> run) => task = Task.Run(() => run(stop.Token));

    public bool IsCompleted => task.IsCompleted;

    public async Task StopAsync()
    {
        await stop.CancelAsync();
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stop.Dispose();
    }
}
