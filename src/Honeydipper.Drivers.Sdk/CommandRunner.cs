using System.Globalization;
using Honeydipper.Bus.Protocol;

namespace Honeydipper.Drivers.Sdk;

/// <summary>
/// Runs one command as the original's command handler does (semantics §5.2): the handler for <c>method</c>, retried
/// <c>retry</c> times when it answers anything but success, waiting <c>backoff_ms</c> (doubling) in between, each attempt
/// limited to <c>timeout</c> seconds (an attempt that runs out answers error "timeout"). An aborted command (its run
/// was cancelled) stops its attempt and its retries and answers error "cancelled".
/// </summary>
internal sealed class CommandRunner(IReadOnlyDictionary<string, CommandHandler> handlers, DriverHostOptions options)
{
    public const string CancelledReason = "cancelled: the run that sent the command was cancelled";

    public async Task<CommandResult> RunAsync(BusCommand command, CancellationToken cancellationToken, CancellationToken abort = default)
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
            result = await AttemptAsync(handler, new CommandContext(command, attempt), timeout, cancellationToken, abort).ConfigureAwait(false);
            if (result.IsSuccess || attempt > retries || abort.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await Task.Delay(backoff, options.Time, abort).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return CommandResult.Error(CancelledReason);
            }

            backoff *= 2;
        }

        return result;
    }

    private async Task<CommandResult> AttemptAsync(CommandHandler handler, CommandContext context, TimeSpan timeout, CancellationToken cancellationToken, CancellationToken abort)
    {
        if (abort.IsCancellationRequested)
        {
            return CommandResult.Error(CancelledReason);
        }

        // The handler's token: cancelled when the driver stops for good, when the command is aborted, or (below) when
        // the attempt runs out of time.
        using CancellationTokenSource limit = abort.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, abort)
            : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<CommandResult> running = Task.Run(() => handler(context, limit.Token), CancellationToken.None);
        try
        {
            // WaitAsync drops its timer as soon as the handler answers: a command costs no timer that lives on for the
            // whole timeout (thousands of them at a high command rate).
            return await running.WaitAsync(timeout, options.Time, limit.Token).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!running.IsCompleted)
        {
            await limit.CancelAsync().ConfigureAwait(false);
            return CommandResult.Error("timeout");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CommandResult.Error(abort.IsCancellationRequested ? CancelledReason : "timeout");
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return CommandResult.Error(ex.Message);
        }
    }

    private static int Setting(BusCommand command, string name, int fallback) =>
        command.Labels.TryGetValue(name, out string? text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;
}
