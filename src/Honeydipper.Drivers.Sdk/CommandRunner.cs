using System.Globalization;
using Honeydipper.Bus.Protocol;

namespace Honeydipper.Drivers.Sdk;

/// <summary>
/// Runs one command as the original's command handler does (semantics §5.2): the handler for <c>method</c>, retried
/// <c>retry</c> times when it answers anything but success, waiting <c>backoff_ms</c> (doubling) in between, each attempt
/// limited to <c>timeout</c> seconds (an attempt that runs out answers error "timeout").
/// </summary>
internal sealed class CommandRunner(IReadOnlyDictionary<string, CommandHandler> handlers, DriverHostOptions options)
{
    public async Task<CommandResult> RunAsync(BusCommand command, CancellationToken cancellationToken)
    {
        if (!handlers.TryGetValue(command.Method, out CommandHandler? handler))
        {
            return CommandResult.Error($"[{options.Driver}] cmd not defined: {command.Method}");
        }

        int retries = Math.Max(0, Setting(command, Headers.Retry, 0));
        TimeSpan backoff = Setting(command, Headers.BackoffMs, -1) is int ms and >= 0 ? TimeSpan.FromMilliseconds(ms) : options.DefaultBackoff;
        TimeSpan timeout = Setting(command, Headers.Timeout, -1) is int seconds and > 0 ? TimeSpan.FromSeconds(seconds) : options.DefaultTimeout;
        CommandResult result = CommandResult.Error("not run");
        for (int attempt = 1; attempt <= retries + 1; attempt++)
        {
            result = await AttemptAsync(handler, new CommandContext(command, attempt), timeout, cancellationToken).ConfigureAwait(false);
            if (result.IsSuccess || attempt > retries)
            {
                break;
            }

            await Task.Delay(backoff, options.Time, cancellationToken).ConfigureAwait(false);
            backoff *= 2;
        }

        return result;
    }

    private async Task<CommandResult> AttemptAsync(CommandHandler handler, CommandContext context, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using CancellationTokenSource limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        Task<CommandResult> running = Task.Run(() => handler(context, limit.Token), CancellationToken.None);
        try
        {
            // WaitAsync drops its timer as soon as the handler answers: a command costs no timer that lives on for the
            // whole timeout (thousands of them at a high command rate).
            return await running.WaitAsync(timeout, options.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!running.IsCompleted)
        {
            await limit.CancelAsync().ConfigureAwait(false);
            return CommandResult.Error("timeout");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CommandResult.Error("timeout");
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return CommandResult.Error(ex.Message);
        }
    }

    private static int Setting(BusCommand command, string name, int fallback) =>
        command.Labels.TryGetValue(name, out string? text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;
}
