using System.Globalization;
using System.Runtime.InteropServices;
using Honeydipper.KubeApi.Emulator;

// Standalone mode (make fake-cluster): serve on 127.0.0.1:<port> in the foreground and write a kubeconfig.
int port = 0;
string? kubeconfig = null;
for (int i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--port":
            port = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--kubeconfig-out":
            kubeconfig = args[++i];
            break;
    }
}

using CancellationTokenSource stop = new();
void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    stop.Cancel();
}

using PosixSignalRegistration onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using PosixSignalRegistration onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

await using KubeApiEmulator emulator = await KubeApiEmulator.StartAsync(new EmulatorOptions { Port = port, BookmarkInterval = TimeSpan.FromSeconds(30) }).ConfigureAwait(false);
if (kubeconfig is not null)
{
    emulator.WriteKubeconfig(Path.GetFullPath(kubeconfig));
    Console.WriteLine($"kubeconfig written to {Path.GetFullPath(kubeconfig)}: export KUBECONFIG={Path.GetFullPath(kubeconfig)}");
}

Console.WriteLine($"Kubernetes API emulator listening on {emulator.BaseAddress} (Ctrl+C to stop)");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
}
catch (OperationCanceledException)
{
    Console.WriteLine("stopped");
}
