using Honeydipper.Bus;
using Honeydipper.Drivers.Sdk;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Drivers;

/// <summary>Runs one built-in driver on a bus until cancelled: what <c>honeydipper driver &lt;type&gt;</c> and local mode do.</summary>
public static class BuiltinDriverRunner
{
    /// <exception cref="ArgumentException">There is no built-in driver of the type.</exception>
    public static async Task RunAsync(IMessageBus bus, string type, DriverHostOptions options, BuiltinDriverSettings settings, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        IBuiltinDriver driver = BuiltinDrivers.Create(type, settings)
            ?? throw new ArgumentException($"there is no built-in driver \"{type}\" (built-in: {string.Join(", ", BuiltinDrivers.Types)})", nameof(type));
        try
        {
            using DriverHost host = new(bus, options, logger);
            driver.Register(host);
            Task running = host.RunAsync(cancellationToken);
            // Real time: this only waits for the host to come up, and a manual clock in tests would never let it.
            using PeriodicTimer tick = new(TimeSpan.FromMilliseconds(10));
            while (host.State == "starting" && !running.IsCompleted && await tick.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
            }

            Task serving = running.IsCompleted ? Task.CompletedTask : driver.ServeAsync(host, cancellationToken);
            await Task.WhenAll(running, serving).ConfigureAwait(false);
        }
        finally
        {
            // Only once the host has stopped: commands finishing within the shutdown grace still use the driver.
            await DisposeAsync(driver).ConfigureAwait(false);
        }
    }

    private static async ValueTask DisposeAsync(IBuiltinDriver driver)
    {
        if (driver is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        }
        else if (driver is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
