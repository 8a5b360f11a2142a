using System.Diagnostics;
using Honeydipper.Bus;
using Honeydipper.Drivers;

namespace Honeydipper.Cli.Local;

/// <summary>The built-in drivers of a local run: tasks in this process, or child processes when the bus is Redis.</summary>
internal sealed class LocalDrivers(IMessageBus bus, LocalOptions options, TextWriter output, string? secretsDir = null) : IAsyncDisposable
{
    private readonly List<Task> _tasks = [];
    private readonly List<Process> _processes = [];

    public async Task StartAsync(IReadOnlyDictionary<string, string> drivers, Action<Uri> webhookListening, CancellationToken cancellationToken)
    {
        foreach ((string name, string type) in drivers)
        {
            string? listen = type == "webhook" ? options.WebhookListen : null;
            if (options.Redis is null)
            {
                TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
                BuiltinDriverSettings settings = new()
                {
                    ListenOverride = listen is null ? null : "http://" + listen,
                    Output = output,
                    Listening = uri => listening.TrySetResult(uri),
                };
                _tasks.Add(Task.Run(() => BuiltinDriverRunner.RunAsync(bus, type, LocalRuntime.DriverOptions(options.Namespace, name), settings, null, cancellationToken), CancellationToken.None));
                if (type == "webhook")
                {
                    webhookListening(await listening.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false));
                }
            }
            else
            {
                Process child = StartChild(name, type, listen);
                _processes.Add(child);
                if (listen is not null)
                {
                    webhookListening(new Uri("http://" + listen));
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (Process child in _processes)
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync().ConfigureAwait(false);
            }

            child.Dispose();
        }

        try
        {
            await Task.WhenAll(_tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private Process StartChild(string name, string type, string? listen)
    {
        (string file, List<string> args) = SelfCommand();
        args.AddRange(["driver", type, "--name", name, "--redis", options.Redis!, "--namespace", options.Namespace, "--stop-with-stdin"]);
        if (secretsDir is not null)
        {
            args.AddRange(["--secrets-dir", secretsDir]);
        }

        if (listen is not null)
        {
            args.AddRange(["--listen", "http://" + listen]);
        }

        // The child's stdin is our lifeline to it: it stops when the pipe closes, so it never outlives this process.
        ProcessStartInfo info = new(file) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        args.ForEach(info.ArgumentList.Add);
        Process child = Process.Start(info) ?? throw new InvalidOperationException($"could not start the {name} driver");
        child.OutputDataReceived += (_, e) => Forward(name, e.Data);
        child.ErrorDataReceived += (_, e) => Forward(name, e.Data);
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        return child;
    }

    private void Forward(string name, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.WriteLine(line.StartsWith($"[{name}]", StringComparison.Ordinal) ? line : $"[{name}] {line}");
            }
        }
    }

    /// <summary>How to run this same program again: the apphost, or <c>dotnet honeydipper.dll</c>.</summary>
    private (string File, List<string> Args) SelfCommand()
    {
        if (options.Executable is { } exe)
        {
            return exe.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ("dotnet", [exe]) : (exe, []);
        }

        string entry = Environment.GetCommandLineArgs()[0];
        return entry.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? (Environment.ProcessPath ?? "dotnet", [entry]) : (entry, []);
    }
}
