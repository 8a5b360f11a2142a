using Honeydipper.Bus;
using Honeydipper.Drivers.Sdk;

namespace Honeydipper.Benchmarks.Engine;

/// <summary>The no-op driver in this process: answers <c>return</c> at once, telling the load about each first step.</summary>
public sealed class NoopDriver : IAsyncDisposable
{
    private readonly DriverHost _host;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public NoopDriver(IMessageBus bus, string ns, EngineLoad load, string instance = "noop-1")
    {
        _host = new DriverHost(bus, new DriverHostOptions { Namespace = ns, Driver = BenchConfig.Driver, Instance = instance, MaxConcurrency = 256 });
        _host.Handle("return", (ctx, _) =>
        {
            if (ctx.Parameters.TryGetValue("step", out object? step) && step is "first")
            {
                load.FirstCommand(ctx.Command);
            }

            return Task.FromResult(CommandResult.Success());
        });
        _running = _host.RunAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _host.Dispose();
        _stop.Dispose();
    }
}
